// `npm run contract:diff`: our contract against DevRev's published one (the excerpt and the whole
// public spec, copied into test/fixtures/), then against copies of both with each kind of drift.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFacts, describeDifference } from "../../scripts/compare-facts.ts";
import { contractDiff, readSpec } from "../../scripts/contract-diff.ts";
import { operationFacts, type OperationFacts } from "../../scripts/operation-facts.ts";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(root, "test/fixtures", name);
const excerptFile = fixture("devrev-published-excerpt.json");
const wholeFile = fixture("devrev-openapi-public.yaml");
const opPath = "/auth-tokens.self.delete";
const facts = (doc: any): OperationFacts | undefined =>
  operationFacts(doc, "post", opPath, "auth-tokens-self-delete");
const ours = facts(await readSpec(path.join(root, "generated/openapi.json")))!;

// How fast this reads is measured by `npm run bench` (row 7), not asserted here.
const whole = await readSpec(wholeFile);
const wholeFacts = facts(whole);
const excerpt = await readSpec(excerptFile);

/** Our contract against `doc`, as the lines contract:diff prints. */
const diff = (doc: any) => compareFacts(ours, facts(doc)!).map(describeDifference);

const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-contract-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** The command as a process (slow: ~1 s of tsx start-up each), for the two tests that need it. */
const cli = (...args: string[]) =>
  spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/contract-diff.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });

describe("contract:diff against DevRev's published spec as shipped", () => {
  it("finds no drift with the excerpt (JSON, OpenAPI 3.0)", () => {
    expect(diff(excerpt)).toEqual([]);
  });

  it("finds no drift with the whole public spec (YAML, 202 paths)", () => {
    expect(Object.keys(whole.paths)).toHaveLength(202);
    expect(compareFacts(ours, wholeFacts!)).toEqual([]);
  });

  it("exits 0 and says so, as a command", () => {
    const result = cli(wholeFile);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^contract:diff: no drift/);
    expect(result.status).toBe(0);
  });
});

// Each drift, applied to a copy of a published document (both shapes of DevRev's spec).
const schemas = (doc: any) => doc.components.schemas;
const op = (doc: any) => doc.paths[opPath].post;
const added = "urn:devrev:params:oauth:token-type:agent";
const drifts: [string, (doc: any) => void, string[]][] = [
  [
    "reports a token type DevRev added",
    (doc) => schemas(doc)["auth-token-requested-token-type"].enum.push(added),
    [`token type "${added}": theirs has it, ours does not`],
  ],
  [
    "reports a token type DevRev removed",
    (doc) => schemas(doc)["auth-token-requested-token-type"].enum.splice(0, 1),
    [`token type "urn:devrev:params:oauth:token-type:aat": ours has it, theirs does not`],
  ],
  [
    "reports a new request field, and a field that became required",
    (doc) => {
      const request = schemas(doc)["auth-tokens-self-delete-request"];
      request.properties.dry_run = { type: "boolean" };
      request.required = ["requested_token_type"];
    },
    [
      "request field requested_token_type: ours optional, theirs required",
      "request field dry_run: theirs has it (optional), ours does not",
    ],
  ],
  [
    "reports a status DevRev added and one it dropped",
    (doc) => {
      op(doc).responses["409"] = { $ref: "#/components/responses/bad-request" };
      delete op(doc).responses["503"];
    },
    ["status 503: ours has it, theirs does not", "status 409: theirs has it, ours does not"],
  ],
  [
    "reports a 400 error type DevRev added, with its fields",
    (doc) => {
      const ref = "#/components/schemas/error-bad-request-quota-exceeded";
      schemas(doc)["error-bad-request-quota-exceeded"] = {
        type: "object",
        properties: { limit: { type: "integer" } },
        required: ["limit"],
      };
      schemas(doc)["error-bad-request-type"].enum.push("quota_exceeded");
      const variants = schemas(doc)["error-bad-request"].allOf[1];
      variants.oneOf.push({ $ref: ref });
      variants.discriminator.mapping.quota_exceeded = ref;
    },
    ["400 error type quota_exceeded: theirs has it, ours does not"],
  ],
  [
    "reports an error field DevRev added, and one whose required-ness changed",
    (doc) => {
      const tooMany = schemas(doc)["error-too-many-requests"].allOf[1];
      tooMany.properties.limit_name = { type: "string" };
      schemas(doc)["error-bad-request-invalid-enum-value"].required = ["field_name", "value"];
    },
    [
      "400 invalid_enum_value field allowed_values: ours required, theirs optional",
      "429 too_many_requests field limit_name: theirs has it (optional), ours does not",
    ],
  ],
  [
    "reports the Retry-After header gone from the 429",
    (doc) => delete doc.components.responses["too-many-requests"].headers,
    ["429 header retry-after: ours has it, theirs does not"],
  ],
  [
    "reports a change of security scheme",
    (doc) =>
      (doc.components.securitySchemes["auth-token"] = {
        type: "apiKey",
        in: "header",
        name: "X-Api-Key",
      }),
    ["security: ours http bearer, theirs apiKey header X-Api-Key"],
  ],
  [
    "reports a new server URL",
    (doc) => (doc.servers[0].variables.hostname.default = "api.eu.devrev.ai"),
    ["server URL: ours https://api.devrev.ai, theirs https://api.eu.devrev.ai"],
  ],
  [
    "finds the operation by operationId when its path moved, and reports the move",
    (doc) => {
      doc.paths["/auth-tokens.self.revoke"] = doc.paths[opPath];
      delete doc.paths[opPath];
    },
    [
      "path of auth-tokens-self-delete: ours /auth-tokens.self.delete, theirs /auth-tokens.self.revoke",
    ],
  ],
  [
    "ignores how error bodies are modelled: opening DevRev's closed variants changes nothing",
    (doc) => {
      for (const schema of Object.values<any>(schemas(doc))) delete schema.additionalProperties;
    },
    [],
  ],
];

describe.each([
  ["the excerpt", excerpt],
  ["the whole spec", whole],
])("contract:diff on a copy of %s with drift", (_name, published) => {
  it.each(drifts)("%s", (_title, change, expected) => {
    const copy = structuredClone(published);
    change(copy);
    expect(diff(copy)).toEqual(expected);
  });
});

/** The command's entry point in-process, with what it prints. */
async function inProcess(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await contractDiff(
    args,
    (l) => stdout.push(l),
    (l) => stderr.push(l),
  );
  return { status, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

describe("contract:diff as a command", () => {
  it("exits 1 on drift, one line per difference, reading a YAML copy", () => {
    const copy = structuredClone(excerpt);
    schemas(copy)["auth-token-requested-token-type"].enum.push(added);
    delete op(copy).responses["503"];
    const file = path.join(scratch, "drifted.yaml");
    // JSON is YAML: written without braces on the first line, it is read by the YAML parser.
    writeFileSync(file, `# a drifted copy\n${JSON.stringify(copy, null, 2)}`);
    const result = cli(file);
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `token type "${added}": theirs has it, ours does not`,
      "status 503: ours has it, theirs does not",
      expect.stringMatching(
        /^contract:diff: 2 difference\(s\) \(ours: .*; theirs: .*drifted\.yaml\)$/,
      ),
    ]);
  });

  it("exits 1 when the operation is gone (neither its path nor its operationId)", async () => {
    const copy = structuredClone(excerpt);
    copy.paths = {};
    const file = path.join(scratch, "gone.json");
    writeFileSync(file, JSON.stringify(copy));
    const result = await inProcess(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("ours has it, theirs has neither the path nor the operationId");
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
    if (name === "dangling.json") {
      const copy = structuredClone(excerpt);
      delete schemas(copy)["error-forbidden"];
      writeFileSync(file, JSON.stringify(copy));
    } else if (content !== undefined) writeFileSync(file, content);
    const result = await inProcess(file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 without exactly one document", async () => {
    expect((await inProcess()).status).toBe(2);
    expect((await inProcess(excerptFile, excerptFile)).status).toBe(2);
  });
});
