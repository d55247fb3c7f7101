// What a caller is told when a body's prototype chain has no constructor to name it by.
import { describe, expect, it } from "vitest";
import { DevRevUsageError } from "../src/errors.ts";
import { checkedSelfDeleteBody, ownFields } from "../src/validate.ts";

/** The DevRevUsageError `run` throws (any other throw fails the test). */
function refusal(run: () => unknown): DevRevUsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DevRevUsageError);
    return error as DevRevUsageError;
  }
  throw new Error("nothing was refused");
}

describe("an object whose prototype has no constructor", () => {
  // Two prototypes, the nearer without a `constructor`: not plain, and nothing to name it by.
  const withoutConstructor = () => Object.create(Object.create(Object.create(null)));

  it("is refused in words, as an object with a prototype of its own", () => {
    expect(refusal(() => ownFields(withoutConstructor(), "call", "field", [])).message).toBe(
      "call expects a plain object of fields ({ … }), got an object with a prototype of its own (what it inherits would not be read as given).",
    );
  });

  it("given as selfDelete's body, is refused with the same words naming the call", () => {
    expect(refusal(() => checkedSelfDeleteBody(withoutConstructor())).message).toBe(
      "selfDelete expects a plain object of fields ({ … }), got an object with a prototype of its own (what it inherits would not be read as given).",
    );
  });
});
