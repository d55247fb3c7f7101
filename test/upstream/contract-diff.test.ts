// `contract-diff`: our contract against DevRev's published one (the excerpt and the whole public
// spec, copied into test/fixtures/), then against copies of both with each kind of drift. Names
// a drift adds are made up (test/support/fake-names.ts); names it removes or changes are read
// from the documents, so a refreshed fixture (npm run upstream:refresh) needs no edit here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFacts, describeDifference } from "../../src/cli/contract/compare.ts";
import { readSpec } from "../../src/cli/contract/document.ts";
import {
  findOperation,
  operationFacts,
  type OperationFacts,
} from "../../src/cli/contract/operation-facts.ts";
import { type ContractFiles, contractDiff } from "../../src/cli/contract-diff.ts";
import { commandNamed } from "../../src/cli/commands.ts";
import { parsedArgs } from "../../src/cli/main.ts";
import { Printer } from "../../src/cli/output.ts";
import { operations } from "../../generated/constants.ts";
import { runCli, runMain } from "../cli/run.ts";
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
const ours = facts(await readSpec(sourceFile));

// How fast this reads is measured by `npm run bench` (row 7), not asserted here.
const whole = await readSpec(wholeFile);
const excerpt = await readSpec(excerptFile);
const names = fakeNames();

/** Our contract against `doc`, as the lines contract-diff prints. */
const diff = (doc: any) => compareFacts(ours, facts(doc)).map(describeDifference);

const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-contract-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("contract-diff against DevRev's published spec as shipped", () => {
  it("finds no drift with the excerpt (JSON, OpenAPI 3.0)", () => {
    expect(diff(excerpt)).toEqual([]);
  });

  it("finds no drift with the whole public spec (YAML, every path of DevRev's API)", () => {
    expect(Object.keys(whole.paths).length).toBeGreaterThan(Object.keys(excerpt.paths).length);
    expect(diff(whole)).toEqual([]);
  });

  it("compares the fields of every error body, not only their names", () => {
    const tooMany = ours.errors["429"]!.too_many_requests!;
    expect(tooMany.retry_after).toEqual({ type: "integer", format: "int64", required: false });
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
    () => ["429 header retry-after: ours has it, theirs does not"],
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

/** The command, in this process, comparing `contract` with `theirs`. */
async function command(args: string[], contract?: ContractFiles) {
  let stdout = "";
  let stderr = "";
  const printer = new Printer({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: (async function* () {})(),
    env: {},
    onInterrupt: () => () => {},
  });
  const code = await contractDiff(
    parsedArgs(commandNamed("contract-diff")!, args),
    printer,
    contract,
  );
  return { code, stdout, stderr };
}

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

describe("contract-diff: where the operation went", () => {
  it("names a path that moved (found by its operationId)", async () => {
    const file = written("moved.json", excerpt, (doc) => {
      doc.paths[moved] = doc.paths[opPath];
      delete doc.paths[opPath];
    });
    const result = await command([file]);
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
    const result = await command([file]);
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
    const result = await command([file]);
    expect(result.stdout).toContain(`method changed: ours POST ${opPath}, theirs DELETE ${opPath}`);
  });

  it("exits 1 when the operation is gone (neither its path nor its operationId)", async () => {
    const file = written("gone.json", excerpt, (doc) => (doc.paths = {}));
    const result = await command([file]);
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
    const result = await command([file]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `token type "${added.tokenType}": theirs has it, ours does not`,
      `status ${lastStatus(excerpt)}: ours has it (error types: ${typesOf(lastStatus(excerpt))}), theirs does not`,
      expect.stringMatching(
        /^contract-diff: 2 difference\(s\) \(ours: .*; theirs: .*drifted\.yaml\)$/,
      ),
    ]);
  });

  it("reads openapi/, and names `npm run generate` when generated/ is stale", async () => {
    // openapi/ as a maintainer just edited it (a token type DevRev added), not yet regenerated.
    const source = await readSpec(sourceFile);
    const edited = written("edited-source.json", source, (doc) =>
      tokenTypes(doc).push(added.tokenType),
    );
    const theirs = written("theirs.json", excerpt, (doc) => tokenTypes(doc).push(added.tokenType));
    const bundled = path.join(root, "generated/openapi.json");
    const result = await command([theirs], { source: edited, bundled });
    expect(result.stdout).toMatch(/^contract-diff: no drift \(ours: .*edited-source\.json;/);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("generated/openapi.json is stale");
    expect(result.stderr).toContain("Run `npm run generate`");
    // Regenerated (the bundle agrees with the source): no note.
    const fresh = await command([excerptFile], { source: sourceFile, bundled });
    expect(fresh).toMatchObject({ code: 0, stderr: "" });
  });

  it.each([
    ["a file that is not there", "missing.json", undefined, /cannot read .*missing\.json/],
    ["a file that is not YAML", "broken.yaml", "openapi: [3.0.3\n", /cannot read .*broken\.yaml/],
    [
      "a Swagger 2 document",
      "swagger.json",
      '{"swagger":"2.0","paths":{}}',
      /not an OpenAPI 3\.0 or 3\.1/,
    ],
    ["a dangling $ref", "dangling.json", undefined, /dangling \$ref/],
  ])("exits 2 on %s", async (_what, name, content, message) => {
    const file = path.join(scratch, name);
    if (name === "dangling.json")
      written(name, excerpt, (doc) => delete schemas(doc)["error-forbidden"]);
    else if (content !== undefined) writeFileSync(file, content);
    const result = await command([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
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
    expect(result.stdout).toMatch(/^contract-diff: no drift/);
    expect(result.code).toBe(0);
  });

  it("is what `npm run contract:diff` runs", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(manifest.scripts["contract:diff"]).toBe("node bin/devrev-auth-tokens.js contract-diff");
  });
});
