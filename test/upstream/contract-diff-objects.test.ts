// `contract-diff` reads what an object must hold as a validator does: a name `required` lists is
// a field even with no property for it, and is required when every alternative of a oneOf/anyOf
// requires it; the request as a whole is held to its own constraints (minProperties,
// additionalProperties, patternProperties…); an error body's `type` has a required-ness like any
// field; the error types a status admits are those its enum or its alternatives name, and where
// the two disagree it is said. Each case changes a copy of DevRev's published excerpt.
import { describe, expect, it } from "vitest";
import { changedExcerpt, drift, published } from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const { request, ownPart, schemas } = published;
const names = fakeNames();
const [field, type] = [names.snake(), names.snake()];
const tokenField = "requested_token_type";
const baseFields = "fields: detail (optional string), message (optional string)";

const requiredness: [string, (doc: any) => void, string[]][] = [
  [
    "an anyOf of one alternative that only requires it",
    (doc) => (request(doc).anyOf = [{ required: [tokenField] }]),
    [`request field ${tokenField}: ours optional, theirs required`],
  ],
  [
    "a oneOf of one alternative that only requires it",
    (doc) => (request(doc).oneOf = [{ required: [tokenField] }]),
    [`request field ${tokenField}: ours optional, theirs required`],
  ],
  [
    "a oneOf whose every alternative requires it, one with a property of its own",
    (doc) =>
      (request(doc).oneOf = [
        { required: [tokenField] },
        { required: [tokenField], properties: { [field]: { type: "string" } } },
      ]),
    [
      `request field ${tokenField}: ours optional, theirs required`,
      `request field ${field}: theirs has it (optional string), ours does not`,
    ],
  ],
  [
    "an allOf part that requires it",
    (doc) => (request(doc).allOf = [{ required: [tokenField] }]),
    [`request field ${tokenField}: ours optional, theirs required`],
  ],
];

const requiredWithoutProperty: [string, (doc: any) => void, string[]][] = [
  [
    "the request",
    (doc) => (request(doc).required = [field]),
    [`request field ${field}: theirs has it (required any), ours does not`],
  ],
  [
    "one alternative of a oneOf of the request (so optional)",
    (doc) => (request(doc).oneOf = [{ required: [field] }, { required: [tokenField] }]),
    [`request field ${field}: theirs has it (optional any), ours does not`],
  ],
  [
    "an error variant (the 429's)",
    (doc) => (schemas(doc)["error-too-many-requests-too-many-requests"].required = [field]),
    [`429 too_many_requests field ${field}: theirs has it (required any), ours does not`],
  ],
  [
    "the base every error body extends",
    (doc) => (schemas(doc)["error-base"].required = [field]),
    [], // filled below: one line per error type
  ],
  [
    "an object nested in an error body (the merge error's list items)",
    (doc) => schemas(doc)["error-bad-request-merge-works-error-error"].required.push(field),
    [`400 merge_works_error field errors[].${field}: theirs has it (required any), ours does not`],
  ],
];

describe("contract-diff: a field required by the request's alternatives or parts", () => {
  it.each(requiredness)("reports the token type field made required by %s", (_w, change, lines) => {
    expect(drift(changedExcerpt(change))).toEqual(lines);
  });
});

describe("contract-diff: a name `required` lists with no property for it", () => {
  it.each(requiredWithoutProperty)("is a field, in %s", (what, change, lines) => {
    const found = drift(changedExcerpt(change));
    if (what.startsWith("the base")) {
      expect(found.length).toBeGreaterThan(10);
      for (const line of found)
        expect(line).toMatch(
          new RegExp(
            `^\\d{3} \\w+ field ${field}: theirs has it \\(required any\\), ours does not$`,
          ),
        );
    } else expect(found).toEqual(lines);
  });
});

describe("contract-diff: the request body as a whole", () => {
  it.each([
    ["minProperties", 1, "1"],
    ["maxProperties", 1, "1"],
    ["additionalProperties", false, "false"],
    ["additionalProperties", { type: "integer" }, '"integer"'],
    ["patternProperties", { "^x-": { type: "string" } }, '"^x-: string"'],
  ])("reports %s %j", (keyword, value, shown) => {
    const doc = changedExcerpt((doc) => (request(doc)[keyword] = value));
    expect(drift(doc)).toEqual([`request body ${keyword}: ours none, theirs ${shown}`]);
  });

  it.each([
    ["a string", { type: "string" }, "string"],
    [
      "a list of requests",
      { type: "array", items: { $ref: "#/components/schemas/auth-tokens-self-delete-request" } },
      "array",
    ],
  ])("reports a body that became %s, not only its fields gone", (_what, schema, type) => {
    const doc = changedExcerpt(
      (doc) => (published.operation(doc).requestBody.content["application/json"].schema = schema),
    );
    expect(drift(doc)).toEqual([
      `request body: ours object, theirs ${type}`,
      expect.stringMatching(
        new RegExp(
          `^request field ${tokenField}: ours has it \\(optional string, one of \\d+ values\\), theirs does not$`,
        ),
      ),
    ]);
  });
});

describe("contract-diff: an error body's `type` is required or not", () => {
  it.each([
    ["429", "error-too-many-requests", "too_many_requests"],
    ["403", "error-forbidden", "forbidden"],
    ["401", "error-unauthorized", "unauthenticated"],
  ])("reports the %s's type made optional", (status, schema, name) => {
    const doc = changedExcerpt((doc) => (ownPart(doc, schema).required = []));
    expect(drift(doc)).toEqual([`${status} ${name} field type: ours required, theirs optional`]);
  });
});

describe("contract-diff: the error types a status admits, from its enum and its alternatives", () => {
  const forbiddenMapping = (doc: any) => ownPart(doc, "error-forbidden").discriminator.mapping;
  const cases: [string, (doc: any) => void, string[]][] = [
    [
      "a type in the 403's enum only",
      (doc) => schemas(doc)["error-forbidden-type"].enum.push(type),
      [
        `403 error type ${type}: theirs has it (${baseFields}), ours does not`,
        `403 error type ${type} in the enum of type, named by no oneOf alternative: theirs has it, ours does not`,
      ],
    ],
    [
      "a type in the 403's discriminator mapping only",
      (doc) => (forbiddenMapping(doc)[type] = forbiddenMapping(doc).forbidden),
      [
        `403 error type ${type}: theirs has it (${baseFields}), ours does not`,
        `403 error type ${type} named by a oneOf alternative, not by the enum of type: theirs has it, ours does not`,
      ],
    ],
    [
      "a type in the 400's enum only",
      (doc) => schemas(doc)["error-bad-request-type"].enum.push(type),
      [
        `400 error type ${type}: theirs has it (${baseFields}), ours does not`,
        `400 error type ${type} in the enum of type, named by no oneOf alternative: theirs has it, ours does not`,
      ],
    ],
    [
      "a type taken out of the 400's enum, its variant kept",
      (doc) => {
        const values: string[] = schemas(doc)["error-bad-request-type"].enum;
        values.splice(values.indexOf("parse_error"), 1);
      },
      [
        "400 error type parse_error named by a oneOf alternative, not by the enum of type: theirs has it, ours does not",
      ],
    ],
    [
      "the 403's type renamed in its mapping only",
      (doc) => {
        forbiddenMapping(doc)[type] = forbiddenMapping(doc).forbidden;
        delete forbiddenMapping(doc).forbidden;
      },
      [
        `403 error type ${type}: theirs has it (${baseFields}), ours does not`,
        `403 error type ${type} named by a oneOf alternative, not by the enum of type: theirs has it, ours does not`,
        "403 error type forbidden in the enum of type, named by no oneOf alternative: theirs has it, ours does not",
      ],
    ],
  ];
  it.each(cases)("reports %s", (_what, change, lines) => {
    expect(drift(changedExcerpt(change))).toEqual(lines);
  });
});
