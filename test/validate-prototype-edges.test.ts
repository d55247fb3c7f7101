// What a caller is told when a body's prototype chain has no constructor to name it by.
import { describe, expect, it } from "vitest";
import { checkedSelfDeleteBody, ownFields } from "../src/validate.ts";
import { usageError } from "./support/refusals.ts";

describe("an object whose prototype has no constructor", () => {
  // Two prototypes, the nearer without a `constructor`: not plain, and nothing to name it by.
  const withoutConstructor = () => Object.create(Object.create(Object.create(null)));

  it("is refused in words, as an object with a prototype of its own", () => {
    expect(usageError(() => ownFields(withoutConstructor(), "call", "field", [])).message).toBe(
      "call expects a plain object of fields ({ … }), got an object with a prototype of its own (what it inherits would not be read as given).",
    );
  });

  it("given as selfDelete's body, is refused with the same words naming the call", () => {
    expect(usageError(() => checkedSelfDeleteBody(withoutConstructor())).message).toBe(
      "selfDelete expects a plain object of fields ({ … }), got an object with a prototype of its own (what it inherits would not be read as given).",
    );
  });
});
