// `contract-diff` reads the values a field may take as a validator does: every allOf part and
// every keyword beside a `$ref` holds, so the values allowed are the intersection of all of
// them, whatever their order; the alternatives of a oneOf/anyOf allow their union; `not`
// takes values away; and values are compared as JSON, so null is not the string "null".
// Each case narrows (or rewrites) the token types of a copy of DevRev's published excerpt.
import { describe, expect, it } from "vitest";
import {
  changedExcerpt,
  drift,
  excerpt,
  published,
  tokenTypeRef,
} from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const { request, tokenTypes, ownPart, schemas } = published;
const all = tokenTypes(excerpt);
const [kept, other] = [all.find((t) => t.endsWith(":pat"))!, all.find((t) => t.endsWith(":aat"))!];
const unknown = fakeNames().tokenType();

/** The lines for the token types DevRev's copy no longer allows: every one but `allowed`. */
const removedAllBut = (...allowed: string[]) =>
  all
    .filter((type) => !allowed.includes(type))
    .map((type) => `token type ${JSON.stringify(type)}: ours has it, theirs does not`);

/** DevRev's copy with `requested_token_type` given `schema`. */
const tokenTypeAs = (schema: (doc: any) => object) =>
  changedExcerpt((doc) => (request(doc).properties.requested_token_type = schema(doc)));

const narrowings: [string, any, string[]][] = [
  [
    "an allOf of the token types and an enum of one",
    tokenTypeAs(() => ({ allOf: [tokenTypeRef, { enum: [kept] }] })),
    removedAllBut(kept),
  ],
  [
    "the same allOf, the enum first",
    tokenTypeAs(() => ({ allOf: [{ enum: [kept] }, tokenTypeRef] })),
    removedAllBut(kept),
  ],
  [
    "an allOf of the token types and a const",
    tokenTypeAs(() => ({ allOf: [tokenTypeRef, { const: kept }] })),
    removedAllBut(kept),
  ],
  [
    "an allOf nested in an allOf, one part listing a type the other does not",
    tokenTypeAs(() => ({
      allOf: [{ allOf: [tokenTypeRef] }, { allOf: [{ enum: [kept, unknown] }] }],
    })),
    removedAllBut(kept),
  ],
  [
    "an enum of its own beside an allOf of the token types",
    tokenTypeAs(() => ({ enum: [kept, other], allOf: [tokenTypeRef] })),
    removedAllBut(kept, other),
  ],
  [
    "an enum beside a $ref (OpenAPI 3.1 keeps keywords beside a $ref)",
    tokenTypeAs(() => ({ ...tokenTypeRef, enum: [kept] })),
    removedAllBut(kept),
  ],
  [
    "a const beside a $ref",
    tokenTypeAs(() => ({ ...tokenTypeRef, const: kept })),
    removedAllBut(kept),
  ],
  [
    "the request's own property of one type, an allOf part's of all of them",
    changedExcerpt((doc) => {
      request(doc).properties.requested_token_type = { type: "string", enum: [kept] };
      request(doc).allOf = [{ properties: { requested_token_type: tokenTypeRef } }];
    }),
    removedAllBut(kept),
  ],
  [
    "an allOf part of the request narrowing the property, the property listed first",
    changedExcerpt((doc) => {
      request(doc).allOf = [{ properties: { requested_token_type: { enum: [kept] } } }];
    }),
    removedAllBut(kept),
  ],
  [
    "a `not` that excludes one type, in an allOf",
    tokenTypeAs(() => ({ allOf: [tokenTypeRef, { not: { enum: [kept] } }] })),
    [`token type ${JSON.stringify(kept)}: ours has it, theirs does not`],
  ],
  [
    "a `not` of a const beside a $ref",
    tokenTypeAs(() => ({ ...tokenTypeRef, not: { const: other } })),
    [`token type ${JSON.stringify(other)}: ours has it, theirs does not`],
  ],
  [
    "the enum of the token-type schema itself narrowed by an allOf of its own",
    changedExcerpt(
      (doc) => (schemas(doc)["auth-token-requested-token-type"].allOf = [{ enum: [kept] }]),
    ),
    removedAllBut(kept),
  ],
];

describe("contract-diff: the values allowed are what every part allows", () => {
  it.each(narrowings)("reports the token types taken away by %s", (_what, doc, expected) => {
    expect(drift(doc)).toEqual(expected);
  });
});

describe("contract-diff: the alternatives of a oneOf/anyOf allow their union", () => {
  it.each([
    [
      "all the token types but one, or that one",
      () => ({ oneOf: [{ allOf: [tokenTypeRef, { not: { enum: [kept] } }] }, { const: kept }] }),
    ],
    [
      "the same, as an anyOf written the other way round",
      () => ({ anyOf: [{ enum: [kept] }, { ...tokenTypeRef, not: { const: kept } }] }),
    ],
  ])("finds no drift in %s", (_what, schema) => {
    expect(drift(tokenTypeAs(schema))).toEqual([]);
  });

  it("finds no drift in request alternatives that together allow every type", () => {
    const doc = changedExcerpt((doc) => {
      delete request(doc).properties;
      request(doc).oneOf = [
        { properties: { requested_token_type: tokenTypeRef } },
        { properties: { requested_token_type: { type: "string", enum: [kept] } } },
      ];
    });
    expect(drift(doc)).toEqual([]);
  });

  it("reports the request alternatives that together allow fewer types", () => {
    const doc = changedExcerpt((doc) => {
      delete request(doc).properties;
      request(doc).oneOf = [
        { properties: { requested_token_type: { enum: [kept] } } },
        { properties: { requested_token_type: { enum: [other] } } },
      ];
    });
    expect(drift(doc)).toEqual(removedAllBut(kept, other));
  });
});

describe("contract-diff: what a `not` excludes that is not a list of values", () => {
  it.each([
    [
      "a `not` of a type beside the token types",
      tokenTypeAs(() => ({ allOf: [tokenTypeRef, { not: { type: "integer" } }] })),
      ['request field requested_token_type not: ours none, theirs "not integer"'],
    ],
    [
      "a `not` of values on a field that lists none (retry_after)",
      changedExcerpt(
        (doc) =>
          (ownPart(doc, "error-too-many-requests").properties.retry_after.not = { enum: [0] }),
      ),
      ['429 too_many_requests field retry_after not: ours none, theirs "not one of 0"'],
    ],
  ])("reports %s as a constraint", (_what, doc, expected) => {
    expect(drift(doc)).toEqual(expected);
  });
});

describe("contract-diff: values compared as JSON, not as their text", () => {
  const jsonTypes = "error-bad-request-unexpected-json-type-type";
  it.each([
    ["null", null],
    ["true", true],
    ["5", 5],
  ])("tells a token type %s from the string of it", (text, value) => {
    const doc = changedExcerpt((doc) => tokenTypes(doc).push(value as any));
    expect(drift(doc)).toEqual([`token type ${text}: theirs has it, ours does not`]);
  });

  it('reports the string "null" replaced by null in an enum of an error body', () => {
    const doc = changedExcerpt((doc) => {
      const values: unknown[] = schemas(doc)[jsonTypes].enum;
      values[values.indexOf("null")] = null;
    });
    expect(drift(doc)).toEqual(
      ["actual", "expected"].flatMap((field) => [
        `400 unexpected_json_type field ${field} value "null": ours has it, theirs does not`,
        `400 unexpected_json_type field ${field} value null: theirs has it, ours does not`,
      ]),
    );
  });
});
