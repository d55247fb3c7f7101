// What src/ assumes of the spec and regeneration cannot follow (scripts/handwritten-assumptions.ts):
// each assumption is still made by the files it names, today's spec keeps every one, and each
// spec change that needs src/ edited (found by the red team: an API key for a Bearer token, a
// 204 or a 202 for the 200, the operation moved, renamed, given a required header…) is refused
// naming the assumption and the files to update. On copies of the bundled spec: milliseconds.
// test/generate.test.ts runs `npm run generate` itself on such a spec.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import bundled from "../generated/openapi.json" with { type: "json" };
import { assumptionProblems, checkHandwrittenAssumptions } from "../scripts/check-assumptions.ts";
import { assumptions, selfDelete } from "../scripts/handwritten-assumptions.ts";
import { fakeNames } from "./support/fake-names.ts";

type Spec = Record<string, any>;
const root = path.resolve(import.meta.dirname, "..");
const names = fakeNames();
const moved = `/${names.kebab()}.revoke`;
const op = (spec: Spec) => spec.paths[selfDelete.path][selfDelete.method];
const request = (spec: Spec) => spec.components.schemas["auth-tokens-self-delete-request"];

describe("what src/ assumes of the spec", () => {
  it.each(assumptions.flatMap((a) => Object.entries(a.files).map(([f, text]) => [a.id, f, text])))(
    "%s: %s still holds %j",
    (_id, file, text) => {
      expect(readFileSync(path.join(root, file), "utf8")).toContain(text);
    },
  );

  it("today's spec keeps every assumption", () => {
    expect(assumptionProblems(bundled)).toEqual([]);
    expect(() => checkHandwrittenAssumptions(bundled)).not.toThrow();
  });
});

const changes: [string, (spec: Spec) => void, string, RegExp][] = [
  [
    "an API key instead of a Bearer token",
    (spec) => {
      spec.components.securitySchemes = {
        "api-key": { type: "apiKey", in: "header", name: "X-DevRev-Key" },
      };
      spec.security = [{ "api-key": [] }];
    },
    "security",
    /src\/auth\.ts sends an HTTP Bearer token .*; the spec's security scheme `api-key` is apiKey in header X-DevRev-Key: update src\/auth\.ts/,
  ],
  [
    "HTTP basic on the operation itself",
    (spec) => {
      spec.components.securitySchemes.basic = { type: "http", scheme: "basic" };
      op(spec).security = [{ basic: [] }];
    },
    "security",
    /security scheme `basic` is http basic/,
  ],
  [
    "no security at all",
    (spec) => {
      delete spec.security;
      delete op(spec).security;
    },
    "security",
    /declares no security/,
  ],
  [
    "a 204 instead of the 200",
    (spec) => {
      const { "200": ok, ...errors } = op(spec).responses;
      op(spec).responses = { "204": ok, ...errors };
    },
    "success",
    /the spec's success is 204 without a body: update src\/client-types\.ts, src\/judge\.ts/,
  ],
  [
    "a 202 with a body beside the 200",
    (spec) => {
      op(spec).responses["202"] = {
        description: "Accepted; revoked later.",
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    "success",
    /200 without a body, 202 with a body/,
  ],
  [
    "a body on the 200",
    (spec) => {
      op(spec).responses["200"] = {
        description: "Revoked.",
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    "success",
    /the spec's success is 200 with a body/,
  ],
  [
    "the operation moved to another path",
    (spec) => {
      spec.paths = { [moved]: spec.paths[selfDelete.path] };
    },
    "operation",
    new RegExp(
      `operation ${selfDelete.operationId} at POST ${moved.replace(/\./g, "\\.")}: update src/client\\.ts, src/errors\\.ts`,
    ),
  ],
  [
    "the operation's method changed",
    (spec) => {
      const item = spec.paths[selfDelete.path];
      item.put = item.post;
      delete item.post;
    },
    "operation",
    /at PUT \/auth-tokens\.self\.delete/,
  ],
  [
    "the operation renamed (its operationId)",
    (spec) => (op(spec).operationId = names.kebab()),
    "operationId",
    /is operation ".*": update src\/validate\.ts, src\/token-types\.ts, src\/cli\/verify\.ts/,
  ],
  [
    "a required header parameter",
    (spec) =>
      (op(spec).parameters = [
        { name: "X-DevRev-Version", in: "header", required: true, schema: { type: "string" } },
      ]),
    "parameters",
    /requires the header parameter X-DevRev-Version: update src\/client\.ts/,
  ],
  [
    "a form-encoded request body",
    (spec) => {
      const content = op(spec).requestBody.content;
      op(spec).requestBody.content = {
        "application/x-www-form-urlencoded": content["application/json"],
      };
    },
    "request body",
    /request body is application\/x-www-form-urlencoded, not application\/json/,
  ],
  [
    "a required request field",
    (spec) => (request(spec).required = [selfDelete.tokenTypeField]),
    "empty body",
    /requires the request field requested_token_type: update src\/validate\.ts/,
  ],
  [
    "the token types as an anyOf",
    (spec) =>
      (request(spec).properties[selfDelete.tokenTypeField] = {
        anyOf: [
          { $ref: "#/components/schemas/auth-token-requested-token-type" },
          { type: "string" },
        ],
      }),
    "token types",
    /requested_token_type is not one enum of strings \(anyOf\): update src\/token-types\.ts/,
  ],
  [
    "an error body as application/problem+json",
    (spec) => {
      const forbidden = spec.components.responses.forbidden;
      forbidden.content = { "application/problem+json": forbidden.content["application/json"] };
    },
    "error statuses",
    /gives 403 a body of application\/problem\+json only: update src\/judge\.ts/,
  ],
  [
    "a range of statuses",
    (spec) => (op(spec).responses["4XX"] = { $ref: "#/components/responses/forbidden" }),
    "error statuses",
    /declares the response "4XX", not one status/,
  ],
  [
    "retry_after as a string",
    (spec) => {
      const own = spec.components.schemas["error-too-many-requests"].allOf.find(
        (part: Spec) => part.properties?.retry_after,
      );
      own.properties.retry_after = { type: "string" };
    },
    "retry_after",
    /src\/retry\.ts reads an error body's retry_after as a number of seconds; the spec types retry_after the 429's as string: update src\/retry\.ts/,
  ],
];

describe("a spec change src/ must follow is refused, naming the assumption and the files", () => {
  it.each(changes)("%s", (_title, change, id, message) => {
    const spec = structuredClone(bundled) as Spec;
    change(spec);
    const problems = assumptionProblems(spec);
    expect(problems.map((p) => p.split(":")[0])).toEqual([id]);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toMatch(/, then this check \(scripts\/handwritten-assumptions\.ts\)$/);
    expect(() => checkHandwrittenAssumptions(spec)).toThrow(
      /the spec changes what the handwritten client \(src\/\) assumes/,
    );
  });
});
