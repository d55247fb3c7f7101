// Which tokens can be sent, at the edges of their length and for the text of an unset value.
import { describe, expect, it } from "vitest";
import { maxTokenLength, tokenProblem } from "../src/auth.ts";
import { minSecretLength } from "../src/redact.ts";

describe("the token's shape", () => {
  it("the text of a value that was not set is refused as that", () => {
    const unset = "is the text of a value that was not set (undefined or null)";
    expect(tokenProblem("undefined")).toBe(unset);
    expect(tokenProblem("null")).toBe(unset);
  });
  it("a token of exactly the shortest length accepted is sent, one shorter is not", () => {
    expect(tokenProblem("a".repeat(minSecretLength))).toBeUndefined();
    expect(tokenProblem("a".repeat(minSecretLength - 1))).toBe(
      `is ${minSecretLength - 1} characters long, under the ${minSecretLength} this client accepts (DevRev's tokens are hundreds)`,
    );
  });
  it("a token of exactly the longest length sent is sent, one longer is not", () => {
    expect(tokenProblem("a".repeat(maxTokenLength))).toBeUndefined();
    expect(tokenProblem("a".repeat(maxTokenLength + 1))).toBe(
      `is ${maxTokenLength + 1} characters long, over the ${maxTokenLength} this client sends (DevRev's tokens are about 1 KB)`,
    );
  });
});
