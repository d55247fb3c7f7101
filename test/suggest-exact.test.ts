// "Did you mean …?": the distance between names, which known name is suggested, and the exact
// words of the refusal of a name that is not known.
import { describe, expect, it } from "vitest";
import { editDistance, nearestName, refuseUnknownNames } from "../src/suggest.ts";
import { usageErrorMessage } from "./support/refusals.ts";

describe("the edit distance between two names", () => {
  it.each([
    ["", "", 0],
    ["a", "", 1],
    ["", "ab", 2],
    ["abc", "", 3],
    ["abc", "x", 3],
    ["abc", "a", 2],
    ["a", "abc", 2],
    ["ab", "ba", 1],
    // Not a swap: the x moved, but the y was replaced, not swapped with it.
    ["xy", "zx", 2],
    ["timeuot", "timeout", 1],
    ["ca", "abc", 2],
    ["abcdef", "badcfe", 3],
    ["kitten", "sitting", 3],
  ])("from %j to %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("the known name suggested", () => {
  it("a name of three letters is too short to be read as part of a longer one", () => {
    expect(nearestName("ret", ["maxRetries"])).toBeUndefined();
  });
  it("a name of four letters that a known one contains suggests it", () => {
    expect(nearestName("retr", ["maxRetries"])).toBe("maxRetries");
  });
  it("of two names equally near, the first listed", () => {
    expect(nearestName("ab", ["ax", "ay"])).toBe("ax");
    expect(nearestName("ab", ["ay", "ax"])).toBe("ay");
  });
});

describe("the refusal of a name that is not known", () => {
  const refusal = (value: object, allowed: readonly string[]) =>
    usageErrorMessage(() => refuseUnknownNames("call", "option", value, allowed));
  it("repeats a name that looks like one and suggests the nearest", () => {
    expect(refusal({ tokn: 1 }, ["token", "baseUrl"])).toBe(
      'call does not take the option "tokn" (did you mean "token"?); allowed options: token, baseUrl.',
    );
  });
  it("suggests nothing when no known name is near", () => {
    expect(refusal({ colour: 1 }, ["token", "baseUrl"])).toBe(
      'call does not take the option "colour"; allowed options: token, baseUrl.',
    );
  });
  it.each([["bad name"], ["bad\nname"], ["name with a secret=abc"], ["x".repeat(41)]])(
    "does not repeat a name that does not look like one (%j)",
    (name) => {
      expect(refusal({ [name]: 1 }, ["token"])).toBe(
        "call does not take the option (its name not shown); allowed options: token.",
      );
    },
  );
});
