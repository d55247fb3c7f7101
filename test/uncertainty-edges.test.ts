// Which statuses and errors are uncertain or a caller's bug, at the edges of their ranges.
import { describe, expect, it } from "vitest";
import {
  describeCause,
  isProgrammingError,
  isUncertainAnswer,
  isUncertainStatus,
} from "../src/uncertainty.ts";

describe("a contract error's status", () => {
  it.each([200, 404, 429, 499, 501, 503, 505, 600, 0])("%i is not uncertain", (status) => {
    expect(isUncertainStatus(status)).toBe(false);
  });
  it.each([500, 502, 504, 599])("%i is uncertain", (status) => {
    expect(isUncertainStatus(status)).toBe(true);
  });
});

describe("an answer outside the contract", () => {
  it.each([200, 299, 500, 503, 599, 303, 0])("with status %i is uncertain", (status) => {
    expect(isUncertainAnswer(status, false)).toBe(true);
  });
  it.each([199, 300, 301, 400, 404, 429, 499, 600])("with status %i is not", (status) => {
    expect(isUncertainAnswer(status, false)).toBe(false);
  });
});

describe("a caller's bug, not the network", () => {
  const named = (name: string, message = "x") => Object.assign(new Error(message), { name });
  it("the engine's errors by their exact names", () => {
    for (const name of ["ReferenceError", "SyntaxError", "RangeError", "EvalError", "URIError"])
      expect(isProgrammingError(named(name))).toBe(true);
  });
  it("not an error whose name only contains one of them", () => {
    expect(isProgrammingError(named("MyReferenceError"))).toBe(false);
    expect(isProgrammingError(named("RangeErrorish"))).toBe(false);
  });
  it("the words of a bug count only in a TypeError", () => {
    expect(isProgrammingError(new TypeError("agent is not a function"))).toBe(true);
    expect(isProgrammingError(new Error("agent is not a function"))).toBe(false);
    expect(isProgrammingError(new TypeError("fetch failed"))).toBe(false);
  });
});

describe("what the runtime said about a failure", () => {
  it("nothing, of something that is not an error", () => {
    expect(describeCause(undefined)).toBeUndefined();
    expect(describeCause(null)).toBeUndefined();
  });
});
