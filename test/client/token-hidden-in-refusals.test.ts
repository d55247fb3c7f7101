// A refusal of createDevRevClient's options never carries the token, in any spelling it was
// given, while an error of the caller's own code passes through as the very object thrown.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";

const secret = "s3cr3t-value-1234";

/** What `make` threw (the test fails if it returned). */
function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("createDevRevClient's refusals", () => {
  it("a token given with 'Bearer ' and pasted bare as an option name is hidden", () => {
    const error = thrownBy(() =>
      createDevRevClient({ token: `Bearer ${secret}`, [secret]: 1 } as never),
    ) as Error;
    expect(error).toBeInstanceOf(DevRevUsageError);
    expect(error.message).toBe(
      'createDevRevClient does not take the option "[redacted]"; allowed options: token, baseUrl, timeoutMs, maxRetries, maxRetryDelayMs, fetch, headers, onRetry, allowInsecureHttp, logger, logLevel.',
    );
  });

  it("null options are refused in words, not with a TypeError of reading a token from null", () => {
    const error = thrownBy(() => createDevRevClient(null as never)) as Error;
    expect(error).toBeInstanceOf(DevRevUsageError);
    expect(error.message).toBe(
      "createDevRevClient expects a plain object of options ({ … }), got null (what it inherits would not be read as given).",
    );
  });

  it("an error thrown by the caller's own getter reaches the caller as the same object", () => {
    const own = new RangeError(`the caller's getter failed near ${secret}`);
    const options = {
      token: secret,
      get baseUrl(): string {
        throw own;
      },
    };
    expect(thrownBy(() => createDevRevClient(options))).toBe(own);
  });
});
