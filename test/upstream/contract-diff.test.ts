// `contract-diff`: our contract against DevRev's published one (the excerpt and the whole public
// spec, copied into test/fixtures/), then against copies of both with each kind of drift. Names
// a drift adds are made up (test/support/fake-names.ts); names it removes or changes are read
// from the documents, so a refreshed fixture (npm run upstream:refresh) needs no edit here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareDocuments } from "../../src/cli/contract/compare-documents.ts";
import { readSpec } from "../../src/cli/contract/document.ts";
import { knownDifferences, sortOut } from "../../src/cli/contract/known-differences.ts";
import {
  findOperation,
  operationFacts,
  type OperationFacts,
} from "../../src/cli/contract/operation-facts.ts";
import { operations } from "../../generated/constants.ts";
import { runCli, runMain } from "../cli/run.ts";
import { contractDiffRun } from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(root, "test/fixtures", name);
const excerptFile = fixture("devrev-published-excerpt.json");
const wholeFile = fixture("devrev-openapi-public.yaml");
const sourceFile = path.join(root, "openapi/devrev-auth-tokens.yaml");
const { method, path: opPath } = operations["auth-tokens-self-delete"];
const opId = "auth-tokens-self-delete";
const facts = (doc: any): OperationFacts =>
  operationFacts(doc, findOperation(doc, method, opPath, opId)!);
const oursDoc = await readSpec(sourceFile);
const ours = facts(oursDoc);
const known = knownDifferences(oursDoc);

// How fast this reads is measured by `npm run bench` (row 7), not asserted here.
const whole = await readSpec(wholeFile);
const excerpt = await readSpec(excerptFile);
const names = fakeNames();

/** Our contract against `doc`: the drift lines contract-diff prints (known differences apart). */
const diff = (doc: any) => sortOut(compareDocuments(oursDoc, doc), known).drift;

const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-contract-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("contract-diff against DevRev's published spec as shipped", () => {
  it("finds no drift with the excerpt (JSON, OpenAPI 3.0), only the differences our spec makes on purpose", () => {
    expect(diff(excerpt)).toEqual([]);
    // Each difference openapi/ lists as deliberate is one there is, with its reason.
    expect(sortOut(compareDocuments(oursDoc, excerpt), known).known).toEqual(known);
    for (const { why } of known) expect(why.length).toBeGreaterThan(20);
  });

  it("finds no drift with the whole public spec (YAML, every path of DevRev's API)", () => {
    expect(Object.keys(whole.paths).length).toBeGreaterThan(Object.keys(excerpt.paths).length);
    expect(diff(whole)).toEqual([]);
    expect(sortOut(compareDocuments(oursDoc, whole), known).unseen).toEqual([]);
  });

  it("compares the fields of every error body, not only their names", () => {
    const tooMany = ours.errors["429"]!.too_many_requests!;
    expect(tooMany.retry_after).toMatchObject({
      type: "integer",
      format: "int64",
      required: false,
    });
    expect(ours.errors["400"]!.unexpected_json_type!.actual!.enum?.length).toBeGreaterThan(1);
    expect(Object.keys(ours.errors["400"]!.merge_works_error!)).toContain("errors[].work");
  });
});

// Each drift, applied to a copy of a published document (both shapes of DevRev's spec).
const schemas = (doc: any) => doc.components.schemas;
const op = (doc: any) => doc.paths[opPath][method];
const tokenTypes = (doc: any) => schemas(doc)["auth-token-requested-token-type"].enum as string[];
/** The allOf part of a published error schema that holds its own properties. */
const ownPart = (doc: any, name: string) =>
  schemas(doc)[name].allOf?.find((part: any) => part.properties) ?? schemas(doc)[name];
const newStatus = ["409", "410", "422", "451"].find((s) => !(s in op(excerpt).responses))!;
const lastStatus = (doc: any) => Object.keys(op(doc).responses).at(-1)!;
const typesOf = (status: string) => Object.keys(ours.errors[status] ?? {}).join(", ");
const moved = "/auth-tokens.self.revoke";

const added = {
  tokenType: names.tokenType(),
  requestField: names.snake(),
  errorType: names.snake(),
  variant: names.kebab(),
  field: names.snake(),
  statusType: names.snake(),
  statusSchema: names.kebab(),
  jsonType: names.snake(),
};

const drifts: [string, (doc: any) => void, (doc: any) => string[]][] = [
  [
    "reports a token type DevRev added",
    (doc) => tokenTypes(doc).push(added.tokenType),
    () => [`token type "${added.tokenType}": theirs has it, ours does not`],
  ],
  [
    "reports a token type DevRev removed",
    (doc) => tokenTypes(doc).splice(0, 1),
    () => [`token type "${tokenTypes(excerpt)[0]}": ours has it, theirs does not`],
  ],
  [
    "reports a new request field, and a field that became required",
    (doc) => {
      const request = schemas(doc)["auth-tokens-self-delete-request"];
      request.properties[added.requestField] = { type: "boolean" };
      request.required = ["requested_token_type"];
    },
    () => [
      "request field requested_token_type: ours optional, theirs required",
      `request field ${added.requestField}: theirs has it (optional boolean), ours does not`,
    ],
  ],
  [
    "reports a status DevRev dropped, with the error types it carried",
    (doc) => delete op(doc).responses[lastStatus(doc)],
    (doc) => [
      `status ${lastStatus(excerpt)}: ours has it (error types: ${typesOf(lastStatus(excerpt))}), theirs does not`,
    ],
  ],
  [
    "reports a status DevRev added, with the error types it carries",
    (doc) => {
      schemas(doc)[added.statusSchema] = {
        allOf: [
          { $ref: "#/components/schemas/error-base" },
          {
            type: "object",
            properties: { type: { type: "string", enum: [added.statusType] } },
            required: ["type"],
          },
        ],
      };
      op(doc).responses[newStatus] = {
        description: "A new error.",
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${added.statusSchema}` } },
        },
      };
    },
    () => [`status ${newStatus}: theirs has it (error types: ${added.statusType}), ours does not`],
  ],
  [
    "reports a 400 error type DevRev added, with its fields",
    (doc) => {
      const ref = `#/components/schemas/${added.variant}`;
      schemas(doc)[added.variant] = {
        type: "object",
        properties: { [added.field]: { type: "integer" } },
        required: [added.field],
      };
      schemas(doc)["error-bad-request-type"].enum.push(added.errorType);
      const variants = ownPart(doc, "error-bad-request");
      variants.oneOf.push({ $ref: ref });
      variants.discriminator.mapping[added.errorType] = ref;
    },
    () => [
      `400 error type ${added.errorType}: theirs has it (fields: detail (optional string), message (optional string), ${added.field} (required integer)), ours does not`,
    ],
  ],
  [
    "reports an error field DevRev added, and one whose required-ness changed",
    (doc) => {
      ownPart(doc, "error-too-many-requests").properties[added.field] = { type: "string" };
      schemas(doc)["error-bad-request-invalid-enum-value"].required = ["field_name", "value"];
    },
    () => [
      "400 invalid_enum_value field allowed_values: ours required, theirs optional",
      `429 too_many_requests field ${added.field}: theirs has it (optional string), ours does not`,
    ],
  ],
  [
    "reports an error field whose type changed (retry_after from integer to string)",
    (doc) => (ownPart(doc, "error-too-many-requests").properties.retry_after = { type: "string" }),
    () => ["429 too_many_requests field retry_after: ours integer (int64), theirs string"],
  ],
  [
    "reports a format that changed",
    (doc) =>
      (schemas(doc)[
        "error-bad-request-artifact-already-attached-to-a-parent"
      ].properties.existing_parent.format = "uuid"),
    () => [
      "400 artifact_already_attached_to_a_parent field existing_parent: ours string (id), theirs string (uuid)",
    ],
  ],
  [
    "reports a value added to an enum nested in an error body",
    (doc) => schemas(doc)["error-bad-request-unexpected-json-type-type"].enum.push(added.jsonType),
    () => [
      `400 unexpected_json_type field actual value "${added.jsonType}": theirs has it, ours does not`,
      `400 unexpected_json_type field expected value "${added.jsonType}": theirs has it, ours does not`,
    ],
  ],
  [
    "reports a field added inside a list of an error body",
    (doc) =>
      (schemas(doc)["error-bad-request-merge-works-error-error"].properties[added.field] = {
        type: "string",
      }),
    () => [
      `400 merge_works_error field errors[].${added.field}: theirs has it (optional string), ours does not`,
    ],
  ],
  [
    "reports the Retry-After header gone from the 429",
    (doc) => delete doc.components.responses["too-many-requests"].headers,
    () => ["429 header retry-after: ours has it (optional integer|string), theirs does not"],
  ],
  [
    "reports a change of security scheme",
    (doc) =>
      (doc.components.securitySchemes["auth-token"] = {
        type: "apiKey",
        in: "header",
        name: "X-Api-Key",
      }),
    () => ["security: ours http bearer, theirs apiKey header X-Api-Key"],
  ],
  [
    "reports a new server URL",
    (doc) => (doc.servers[0].variables.hostname.default = "api.eu.devrev.ai"),
    () => ["server URL: ours https://api.devrev.ai, theirs https://api.eu.devrev.ai"],
  ],
  [
    "ignores how error bodies are modelled: opening DevRev's closed variants changes nothing",
    (doc) => {
      for (const schema of Object.values<any>(schemas(doc))) delete schema.additionalProperties;
    },
    () => [],
  ],
  [
    "reports parameters: a required header and a query parameter, with their schemas",
    (doc) =>
      (op(doc).parameters = [
        {
          name: "X-DevRev-Version",
          in: "header",
          required: true,
          schema: { type: "string", enum: ["2024-01-24"] },
        },
        { name: added.requestField, in: "query", schema: { type: "boolean" } },
      ]),
    () => [
      "parameter header x-devrev-version: theirs has it (required string, one of 1 value), ours does not",
      `parameter query ${added.requestField}: theirs has it (optional boolean), ours does not`,
    ],
  ],
  [
    "reports a success that gained a body, with its media type and fields",
    (doc) =>
      (op(doc).responses["200"] = {
        description: "Revoked.",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: [added.field],
              properties: { [added.field]: { type: "integer", minimum: 0 } },
            },
          },
        },
      }),
    () => [
      "200 media type application/json: theirs has it, ours does not",
      "200 success body: theirs has it (required object), ours does not",
    ],
  ],
  [
    "reports a request body sent as another media type, not as fields gone",
    (doc) => {
      const body = op(doc).requestBody;
      body.content = { "application/x-www-form-urlencoded": body.content["application/json"] };
    },
    () => [
      "request body media type application/json: ours has it, theirs does not",
      "request body media type application/x-www-form-urlencoded: theirs has it, ours does not",
    ],
  ],
  [
    "reports an error body sent as another media type, not as its types gone",
    (doc) => {
      const forbidden = doc.components.responses.forbidden;
      forbidden.content = { "application/problem+json": forbidden.content["application/json"] };
    },
    () => [
      "403 media type application/json: ours has it, theirs does not",
      "403 media type application/problem+json: theirs has it, ours does not",
    ],
  ],
  [
    "reports the Retry-After header's schema and required-ness",
    (doc) =>
      (doc.components.responses["too-many-requests"].headers["Retry-After"] = {
        required: true,
        schema: { type: "string", format: "date-time" },
      }),
    () => [
      "429 header retry-after: ours integer|string, theirs string (date-time)",
      "429 header retry-after: ours optional, theirs required",
    ],
  ],
  [
    "reports constraints a client depends on: a maximum, a maxLength, a pattern",
    (doc) => {
      ownPart(doc, "error-too-many-requests").properties.retry_after.maximum = 60;
      const request = schemas(doc)["auth-tokens-self-delete-request"];
      request.properties.requested_token_type = {
        allOf: [request.properties.requested_token_type],
        maxLength: 64,
        pattern: "^urn:",
      };
    },
    () => [
      "request field requested_token_type maxLength: ours none, theirs 64",
      'request field requested_token_type pattern: ours none, theirs "^urn:"',
      "429 too_many_requests field retry_after maximum: ours none, theirs 60",
    ],
  ],
  [
    "reports deprecation, of the operation and of a field",
    (doc) => {
      op(doc).deprecated = true;
      ownPart(doc, "error-too-many-requests").properties.retry_after.deprecated = true;
    },
    () => [
      "operation deprecated: ours no, theirs yes",
      "429 too_many_requests field retry_after: ours not deprecated, theirs deprecated",
    ],
  ],
  [
    "reads the token types of an anyOf, and names the one added there",
    (doc) => {
      const request = schemas(doc)["auth-tokens-self-delete-request"];
      request.properties.requested_token_type = {
        anyOf: [
          request.properties.requested_token_type,
          { type: "string", enum: [added.tokenType] },
        ],
      };
    },
    () => [`token type "${added.tokenType}": theirs has it, ours does not`],
  ],
  [
    "reports a renamed operationId on the same path and method",
    (doc) => (op(doc).operationId = added.variant),
    () => [`operation ${opId}: operationId: ours "${opId}", theirs "${added.variant}"`],
  ],
];

describe.each([
  ["the excerpt", excerpt],
  ["the whole spec", whole],
])("contract-diff on a copy of %s with drift", (_name, published) => {
  it.each(drifts)("%s", (_title, change, expected) => {
    const copy = structuredClone(published);
    change(copy);
    expect(diff(copy)).toEqual(expected(copy));
  });
});

/** A copy of `doc` written to the scratch folder as `name`, after `change`. */
function written(name: string, doc: any, change: (copy: any) => void = () => {}): string {
  const copy = structuredClone(doc);
  change(copy);
  const file = path.join(scratch, name);
  // JSON is YAML: written without a brace on the first line, it is read by the YAML parser.
  writeFileSync(
    file,
    name.endsWith(".yaml") ? `# a copy\n${JSON.stringify(copy)}` : JSON.stringify(copy),
  );
  return file;
}

describe("contract-diff: fields of oneOf/anyOf alternatives", () => {
  /** A copy of our contract whose 500 carries a `cause` of two alternatives. */
  const withCause = (object: Record<string, any>, required: string[]) => {
    const doc = structuredClone(oursDoc);
    ownPart(doc, "error-internal-server-error").properties.cause = {
      oneOf: [{ type: "object", required, properties: object }, { type: "string" }],
    };
    return doc;
  };

  it("compares the fields inside the alternatives: a type changed, a field added", () => {
    const mine = withCause({ code: { type: "integer" } }, ["code"]);
    const theirs = withCause({ code: { type: "string" }, retryable: { type: "boolean" } }, [
      "code",
      "retryable",
    ]);
    expect(sortOut(compareDocuments(mine, theirs), known).drift).toEqual([
      "500 internal_error field cause.code: ours integer, theirs string",
      "500 internal_error field cause.retryable: theirs has it (required boolean), ours does not",
    ]);
  });
});

describe("contract-diff: where the operation went", () => {
  it("names a path that moved (found by its operationId)", async () => {
    const file = written("moved.json", excerpt, (doc) => {
      doc.paths[moved] = doc.paths[opPath];
      delete doc.paths[opPath];
    });
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `operation ${opId}: moved: ours POST ${opPath}, theirs POST ${moved}\n`,
    );
  });

  it("names a method change on the same path, and still compares the operation", async () => {
    const file = written("method.json", excerpt, (doc) => {
      doc.paths[opPath].delete = doc.paths[opPath][method];
      delete doc.paths[opPath][method];
      tokenTypes(doc).push(added.tokenType);
    });
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      `operation ${opId}: method changed: ours POST ${opPath}, theirs DELETE ${opPath}`,
      `token type "${added.tokenType}": theirs has it, ours does not`,
    ]);
  });

  it("names a method change even when the operationId changed with it", async () => {
    const file = written("renamed.json", excerpt, (doc) => {
      doc.paths[opPath].delete = { ...doc.paths[opPath][method], operationId: "something-else" };
      delete doc.paths[opPath][method];
    });
    const result = await contractDiffRun([file]);
    expect(result.stdout).toContain(`method changed: ours POST ${opPath}, theirs DELETE ${opPath}`);
  });

  it("names what is left on the path when the operation is not there: other methods only", async () => {
    const file = written("two-methods.json", excerpt, (doc) => {
      const operation = doc.paths[opPath][method];
      delete doc.paths[opPath][method];
      doc.paths[opPath].get = { ...operation, operationId: `${added.variant}-get` };
      doc.paths[opPath].delete = { ...operation, operationId: `${added.variant}-delete` };
    });
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `operation ${opId}: ours has it (POST ${opPath}), theirs has ${opPath} with GET, DELETE only and no operation ${opId}\n`,
    );
  });

  it("exits 1 when the operation is gone (neither its path nor its operationId)", async () => {
    const file = written("gone.json", excerpt, (doc) => (doc.paths = {}));
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "ours has it (POST /auth-tokens.self.delete), theirs has neither the path nor the operationId",
    );
  });
});

describe("contract-diff as a command", () => {
  it("exits 1 on drift, one line per difference, reading a YAML copy", async () => {
    const file = written("drifted.yaml", excerpt, (doc) => {
      tokenTypes(doc).push(added.tokenType);
      delete op(doc).responses[lastStatus(doc)];
    });
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `token type "${added.tokenType}": theirs has it, ours does not`,
      `status ${lastStatus(excerpt)}: ours has it (error types: ${typesOf(lastStatus(excerpt))}), theirs does not`,
      ...known.map((k) => `known difference: ${k.difference} (${k.why})`),
      expect.stringMatching(
        /^contract-diff: 2 difference\(s\)(, \d+ known difference\(s\) our contract makes on purpose)? \(ours: .*; theirs: .*drifted\.yaml\)$/,
      ),
    ]);
  });

  it("reads openapi/, and refuses (exit 2), naming `npm run generate`, when generated/ is stale", async () => {
    // openapi/ as a maintainer just edited it (a token type DevRev added), not yet regenerated.
    const source = await readSpec(sourceFile);
    const edited = written("edited-source.json", source, (doc) =>
      tokenTypes(doc).push(added.tokenType),
    );
    const theirs = written("theirs.json", excerpt, (doc) => tokenTypes(doc).push(added.tokenType));
    const bundled = path.join(root, "generated/openapi.json");
    const result = await contractDiffRun([theirs], { source: edited, bundled });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("generated/openapi.json is stale");
    expect(result.stderr).toContain(
      `token type "${added.tokenType}": ours has it, theirs does not`,
    );
    expect(result.stderr).toContain("run `npm run generate`, then contract-diff again");
    // Regenerated (the bundle agrees with the source): no refusal, and no drift.
    const fresh = await contractDiffRun([excerptFile], { source: sourceFile, bundled });
    expect(fresh).toMatchObject({ code: 0, stderr: "" });
  });

  it("refuses a stale generated/ whatever was edited: parameters and a success body too", async () => {
    // What could fool a comparison of fewer facts: openapi/ given a required header and a 200
    // with a body, and theirs the same, without regenerating.
    const change = (doc: any) => {
      op(doc).parameters = [
        { name: "X-DevRev-Version", in: "header", required: true, schema: { type: "string" } },
      ];
      op(doc).responses["200"] = {
        description: "Revoked.",
        content: {
          "application/json": {
            schema: { type: "object", properties: { revoked: { type: "integer" } } },
          },
        },
      };
    };
    const source = written("fooled-source.json", await readSpec(sourceFile), change);
    const theirs = written("fooled-theirs.json", excerpt, change);
    const bundled = path.join(root, "generated/openapi.json");
    const result = await contractDiffRun([theirs], { source, bundled });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "parameter header x-devrev-version: ours has it (required string), theirs does not",
    );
    expect(result.stderr).toContain(
      "200 success body: ours has it (required object), theirs does not",
    );
    expect(result.stderr).toContain("run `npm run generate`");
  });

  it.each([
    ["a file that is not there", "missing.json", undefined, /cannot read .*missing\.json/],
    ["a file that is not YAML", "broken.yaml", "openapi: [3.0.3\n", /cannot read .*broken\.yaml/],
    [
      "a Swagger 2 document",
      "swagger.json",
      '{"swagger":"2.0","paths":{}}',
      /a Swagger "2\.0" document, not OpenAPI 3\.0 or 3\.1/,
    ],
    [
      "an OpenAPI 3.2 document, saying which version it is",
      "v32.json",
      '{"openapi":"3.2.0","paths":{}}',
      /OpenAPI "3\.2\.0" is not read here: only OpenAPI 3\.0 and 3\.1 are/,
    ],
    ["a dangling $ref", "dangling.json", undefined, /dangling \$ref/],
  ])("exits 2 on %s", async (_what, name, content, message) => {
    const file = path.join(scratch, name);
    if (name === "dangling.json")
      written(name, excerpt, (doc) => delete schemas(doc)["error-forbidden"]);
    else if (content !== undefined) writeFileSync(file, content);
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("prints every value escaped: a newline in an enum value cannot forge a line", async () => {
    const forged = "x\ncontract-diff: no drift (a forged line)";
    const file = written("forged.json", excerpt, (doc) => tokenTypes(doc).push(forged));
    const result = await contractDiffRun([file]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      'token type "x\\ncontract-diff: no drift (a forged line)": theirs has it, ours does not',
    );
    expect(lines.filter((line) => line.startsWith("contract-diff:"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^contract-diff: 1 difference\(s\)/);
  });

  it("reads YAML merge keys as YAML does, and JSON that starts with a byte order mark", async () => {
    // The excerpt as YAML (flow style) whose 429 retry_after takes its type and format from an
    // anchor through a merge key, as a YAML author may write it.
    const text = `# a copy\n${JSON.stringify({ "x-anchors": { retry: "ANCHOR" }, ...excerpt })}`;
    const property = /"retry_after":\{"type":"integer",("description":"[^"]*"),"format":"int64"\}/;
    expect(text).toMatch(property);
    const file = path.join(scratch, "merge.yaml");
    writeFileSync(
      file,
      text
        .replace('"ANCHOR"', '&retry {"type":"integer","format":"int64"}')
        .replace(property, '"retry_after":{<<: *retry, $1}'),
    );
    const merged = await contractDiffRun([file]);
    expect(merged.stdout).toMatch(/^contract-diff: no drift/m);
    expect(merged.code).toBe(0);
    const bom = path.join(scratch, "bom.json");
    writeFileSync(bom, `\uFEFF${JSON.stringify(excerpt)}`);
    expect(await contractDiffRun([bom])).toMatchObject({ code: 0 });
  });

  it("exits 2 without exactly one document, and shows its help", async () => {
    expect((await runMain(["contract-diff"])).code).toBe(2);
    expect((await runMain(["contract-diff", excerptFile, excerptFile])).code).toBe(2);
    const help = await runMain(["contract-diff", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: devrev-auth-tokens contract-diff <spec>");
  });

  it("runs as the package's command on DevRev's whole spec: exit 0, no drift", async () => {
    // The compiled CLI under `npm test` (dist/ was just built), the source elsewhere.
    const result = await runCli(["contract-diff", wholeFile], { builtWhenFresh: true });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^contract-diff: no drift/m);
    expect(result.code).toBe(0);
  });

  it("is what `npm run contract:diff` runs", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(manifest.scripts["contract:diff"]).toBe("node bin/devrev-auth-tokens.js contract-diff");
  });
});
