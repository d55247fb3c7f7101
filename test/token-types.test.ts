import { describe, expect, it } from "vitest";
import { componentEnums } from "../generated/constants.ts";
import { isTokenType, parseTokenType, shortTokenType, tokenTypes } from "../src/index.ts";

describe("token types", () => {
  it("are the contract's URNs, every one of them", () => {
    expect(tokenTypes).toEqual(componentEnums["auth-token-requested-token-type"]);
    expect(tokenTypes.length).toBeGreaterThan(0);
  });
  it("have unique short forms that read back to the URN", () => {
    const shorts = tokenTypes.map(shortTokenType);
    expect(new Set(shorts).size).toBe(tokenTypes.length);
    for (const type of tokenTypes) expect(parseTokenType(shortTokenType(type))).toBe(type);
    expect(shortTokenType("urn:ietf:params:oauth:token-type:jwt")).toBe("jwt");
    expect(shortTokenType("urn:devrev:params:oauth:token-type:session:rev:act-as")).toBe(
      "session:rev:act-as",
    );
  });
  it("parse full URNs and refuse anything else", () => {
    expect(parseTokenType("urn:devrev:params:oauth:token-type:pat")).toBe(
      "urn:devrev:params:oauth:token-type:pat",
    );
    expect(parseTokenType("PAT")).toBeUndefined();
    expect(parseTokenType("")).toBeUndefined();
    expect(isTokenType("pat")).toBe(false);
    expect(isTokenType(7)).toBe(false);
  });
});
