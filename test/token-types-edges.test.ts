// Short forms of token types of other shapes, and a type given with spaces around it.
import { describe, expect, it } from "vitest";
import { shortTokenType, shownTypeInput, type TokenType } from "../src/token-types.ts";

describe("the short form of a token type", () => {
  it("a URN without the marker is its own short form", () => {
    expect(shortTokenType("urn:example:other" as TokenType)).toBe("urn:example:other");
  });
  it("a type that starts with the marker is what follows it", () => {
    expect(shortTokenType("token-type:pat" as TokenType)).toBe("pat");
  });
});

describe("a type as a message repeats it", () => {
  it("is shown without the spaces around it", () => {
    expect(shownTypeInput("  patt\n")).toBe("patt");
  });
});
