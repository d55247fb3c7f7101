// `upstream:refresh` writes the contract facts as the spec says them: oneOf, anyOf and allOf
// properties, keywords beside a $ref, inline objects and alternatives, names required without a
// property, constraints; and refuses (writing nothing) a keyword the notation cannot say.
import { describe, expect, it } from "vitest";
import { refreshFixtures } from "../../scripts/upstream-refresh.ts";
import { published, tokenTypeRef } from "../support/contract-diff.ts";
import { factsIn, refreshKit } from "../support/refresh.ts";

const { expectRefused, fixtures, spec } = refreshKit("devrev-refresh-facts-");

const { request, ownPart } = published;

describe("upstream:refresh writes the facts as the spec says them, or refuses", () => {
  const requestLine = (facts: string) =>
    facts.split("\n").find((line) => line.startsWith("auth-tokens-self-delete-request = "));
  const property = (schema: object) => (doc: any) =>
    (request(doc).properties.requested_token_type = schema);
  it.each([
    [
      "a oneOf property",
      property({ oneOf: [tokenTypeRef, { type: "integer" }] }),
      "requested_token_type?: one of (auth-token-requested-token-type, integer)",
    ],
    [
      "an anyOf property",
      property({ anyOf: [tokenTypeRef, { type: "null" }] }),
      "requested_token_type?: any of (auth-token-requested-token-type, null)",
    ],
    [
      "an allOf property with a constraint",
      property({ allOf: [tokenTypeRef, { maxLength: 64 }] }),
      "requested_token_type?: all of (auth-token-requested-token-type, any (maxLength 64))",
    ],
    [
      "an enum beside a $ref",
      property({ ...tokenTypeRef, enum: ["x"] }),
      'requested_token_type?: all of (auth-token-requested-token-type, "x")',
    ],
    [
      "an inline object",
      property({ type: "object", properties: { a: { type: "string", pattern: "^a" } } }),
      'requested_token_type?: { a?: string (pattern "^a") }',
    ],
    [
      "a required name with no property",
      (doc: any) => (request(doc).required = ["org"]),
      "requested_token_type?: auth-token-requested-token-type; org: any",
    ],
  ])("writes %s", async (_what, change, expected) => {
    const dir = fixtures();
    await refreshFixtures(spec(change), dir, "excerpt");
    const facts = factsIn(dir);
    expect(requestLine(facts)).toContain(expected);
    expect(facts).not.toMatch(/undefined/);
  });

  it("writes an inline alternative of a oneOf as the object it is", async () => {
    const dir = fixtures();
    const file = spec(
      (doc) =>
        (ownPart(doc, "error-forbidden").oneOf = [
          { type: "object", properties: { reason: { type: "string" } } },
        ]),
    );
    await refreshFixtures(file, dir, "excerpt");
    expect(factsIn(dir)).toContain(
      'error-forbidden = error-base AND { type: error-forbidden-type } one of [{ reason?: string }] by "type"',
    );
  });

  it("writes a constraint on an error field", async () => {
    const dir = fixtures();
    await refreshFixtures(
      spec((doc) => (ownPart(doc, "error-too-many-requests").properties.retry_after.minimum = 0)),
      dir,
      "excerpt",
    );
    expect(factsIn(dir)).toContain("retry_after?: integer (format int64, minimum 0)");
  });

  it.each([
    ["not", property({ ...tokenTypeRef, not: { const: "x" } })],
    [
      "patternProperties",
      (doc: any) => (request(doc).patternProperties = { "^x": { type: "string" } }),
    ],
    ["if", property({ if: { type: "string" }, then: tokenTypeRef })],
  ])("refuses %s, which the notation cannot say", async (keyword, change) => {
    await expectRefused(spec(change), new RegExp(`no notation for "${keyword}"`));
  });
});
