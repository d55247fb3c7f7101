/**
 * What a refused call throws: the DevRevUsageError itself, or its message, so that a test can
 * hold the exact words a person reads. Fails the test when `run` throws anything else, or
 * nothing.
 */
import { expect } from "vitest";
import { DevRevUsageError } from "../../src/index.ts";

/** The DevRevUsageError `run` throws. */
export function usageError(run: () => unknown): DevRevUsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DevRevUsageError);
    return error as DevRevUsageError;
  }
  throw new Error("nothing was refused");
}

/** The message of the DevRevUsageError `run` throws. */
export const usageErrorMessage = (run: () => unknown): string => usageError(run).message;
