/**
 * The generation pipeline as a user runs it: `tsx scripts/generate.ts` in a child process,
 * on temporary copies of the spec, writing to temporary folders. The committed generated/ is
 * only ever read (and `--check` runs against it, which writes nothing).
 *
 * Each run lints and bundles with Redocly, so runs take seconds and are kept few.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { componentEnums, operations } from "../generated/constants.ts";
import { generatedFiles } from "../scripts/generate.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = path.join(root, "generated");
const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `tsx scripts/generate.ts ...args` from the project root, as `npm run generate` does. */
function generate(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["scripts/generate.ts", ...args],
      {
        cwd: root,
        env: process.env,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Each file of a folder by name, with a digest of its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash("sha256")
          .update(readFileSync(path.join(dir, name)))
          .digest("hex"),
      ]),
  );
}

/** A copy of openapi/ whose root file went through `edit`; returns the copy's root file. */
function specCopy(name: string, edit: (yaml: string) => string): string {
  const dir = path.join(scratch, name, "openapi");
  cpSync(path.join(root, "openapi"), dir, { recursive: true });
  const file = path.join(dir, "devrev-auth-tokens.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return file;
}

/** An output folder that already holds something: the committed files and a marker of ours. */
function filledOutFolder(name: string): string {
  const dir = path.join(scratch, name, "generated");
  mkdirSync(dir, { recursive: true });
  for (const file of generatedFiles) cpSync(path.join(committed, file), path.join(dir, file));
  writeFileSync(path.join(dir, "marker.txt"), "this folder must not change\n");
  return dir;
}

// ---- Textual edits of the spec (as a person would make them) ---------------------------------

/** Inserts `text` after the line `line`, the first one following the line `after`. */
function insertAfter(yaml: string, after: string, line: string, text: string): string {
  const from = yaml.indexOf(`\n${after}\n`);
  const at = from < 0 ? -1 : yaml.indexOf(`\n${line}\n`, from);
  if (at < 0) throw new Error(`the spec has no line "${line}" after "${after}"`);
  const end = at + line.length + 2;
  return yaml.slice(0, end) + text + yaml.slice(end);
}

function removeLine(yaml: string, line: string): string {
  if (!yaml.includes(`\n${line}\n`)) throw new Error(`the spec has no line "${line}"`);
  return yaml.replace(`\n${line}\n`, "\n");
}

const newTokenType = "urn:devrev:params:oauth:token-type:example";
const newVariant = "error-bad-request-example-variant";
const newType = "example_variant";
const lastVariant = "error-bad-request-workflow-component-validation-errors";

function addTokenType(yaml: string): string {
  return insertAfter(
    yaml,
    "    auth-token-requested-token-type:",
    "        - urn:ietf:params:oauth:token-type:jwt",
    `        - ${newTokenType}\n`,
  );
}

/** One more 400 variant: its schema, the oneOf, the discriminator mapping, and (optionally) the `type` enum. */
function addBadRequestVariant(yaml: string, { inTypeEnum }: { inTypeEnum: boolean }): string {
  yaml = insertAfter(
    yaml,
    "  schemas:",
    "  schemas:",
    [
      `    ${newVariant}:`,
      "      description: A variant added by a test.",
      "      allOf:",
      '        - $ref: "#/components/schemas/error-base"',
      "        - type: object",
      "          required: [type, example_field]",
      "          properties:",
      "            type:",
      `              const: ${newType}`,
      "            example_field:",
      "              type: string",
      "              description: A field only this variant carries.",
      "",
    ].join("\n"),
  );
  yaml = insertAfter(
    yaml,
    "    error-bad-request:",
    `        - $ref: "#/components/schemas/${lastVariant}"`,
    `        - $ref: "#/components/schemas/${newVariant}"\n`,
  );
  yaml = insertAfter(
    yaml,
    "    error-bad-request:",
    `          workflow_component_validation_errors: "#/components/schemas/${lastVariant}"`,
    `          ${newType}: "#/components/schemas/${newVariant}"\n`,
  );
  if (inTypeEnum) {
    yaml = insertAfter(
      yaml,
      "    error-bad-request-type:",
      "        - workflow_component_validation_errors",
      `        - ${newType}\n`,
    );
  }
  return yaml;
}

/** The declaration of one schema in generated schema.ts, up to the next one. */
function declaration(schemaTs: string, name: string): string {
  const start = schemaTs.indexOf(`\n    "${name}":`);
  if (start < 0) throw new Error(`schema.ts declares no "${name}"`);
  const rest = schemaTs.slice(start + 1);
  const end = rest.slice(1).search(/\n(?: {4}(?:"|\/\*\*)| {0,3}\S)/);
  return rest.slice(0, end + 1);
}

// ---- The pipeline -----------------------------------------------------------------------------

describe("npm run generate", { timeout: 120_000 }, () => {
  it("carries a spec change (one more token type, one more 400 variant) into every generated file; --check then names the stale files", async () => {
    const spec = specCopy("changed", (yaml) =>
      addBadRequestVariant(addTokenType(yaml), { inTypeEnum: true }),
    );
    const out = path.join(scratch, "changed", "generated");
    const run = await generate("--spec", spec, "--out", out);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...generatedFiles].sort());

    // schema.ts: the token type in the union, the variant declared and in the 400 union.
    const schemaTs = readFileSync(path.join(out, "schema.ts"), "utf8");
    expect(declaration(schemaTs, "auth-token-requested-token-type")).toContain(
      `| "${newTokenType}"`,
    );
    expect(declaration(schemaTs, "error-bad-request-type")).toContain(`| "${newType}"`);
    expect(declaration(schemaTs, "error-bad-request")).toContain(
      `| components["schemas"]["${newVariant}"]`,
    );
    expect(declaration(schemaTs, newVariant)).toContain(`type: "${newType}";`);
    expect(declaration(schemaTs, newVariant)).toContain("example_field: string;");

    // constants.ts: exactly the committed lists plus the new entries.
    const constants = await import(pathToFileURL(path.join(out, "constants.ts")).href);
    const tokenTypes = [...componentEnums["auth-token-requested-token-type"], newTokenType];
    expect(constants.componentEnums["auth-token-requested-token-type"]).toEqual(tokenTypes);
    const operation = constants.operations["auth-tokens-self-delete"];
    const committedOperation = operations["auth-tokens-self-delete"];
    expect(operation.requestEnums.requested_token_type).toEqual(tokenTypes);
    expect(operation.errorTypesByStatus["400"]).toEqual([
      ...committedOperation.errorTypesByStatus["400"],
      newType,
    ]);
    expect(operation.errorTypesByStatus["401"]).toEqual(
      committedOperation.errorTypesByStatus["401"],
    );

    // openapi.json: the additions, and nothing else changed.
    const bundled = JSON.parse(readFileSync(path.join(out, "openapi.json"), "utf8"));
    const schemas = bundled.components.schemas;
    expect(schemas["auth-token-requested-token-type"].enum.at(-1)).toBe(newTokenType);
    expect(schemas["error-bad-request-type"].enum.at(-1)).toBe(newType);
    expect(schemas["error-bad-request"].oneOf.at(-1)).toEqual({
      $ref: `#/components/schemas/${newVariant}`,
    });
    expect(schemas["error-bad-request"].discriminator.mapping[newType]).toBe(
      `#/components/schemas/${newVariant}`,
    );
    expect(schemas[newVariant].allOf[1].required).toEqual(["type", "example_field"]);
    schemas["auth-token-requested-token-type"].enum.pop();
    schemas["error-bad-request-type"].enum.pop();
    schemas["error-bad-request"].oneOf.pop();
    delete schemas["error-bad-request"].discriminator.mapping[newType];
    delete schemas[newVariant];
    expect(bundled).toEqual(JSON.parse(readFileSync(path.join(committed, "openapi.json"), "utf8")));

    // The committed generated/ no longer matches that spec: --check fails naming every file,
    // and writes nothing.
    const before = snapshot(committed);
    const check = await generate("--check", "--spec", spec);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("generated files are stale; run `npm run generate`");
    for (const file of generatedFiles) expect(check.stderr).toContain(`generated/${file}`);
    expect(snapshot(committed)).toEqual(before);
  });

  it("refuses a 400 variant whose type is missing from error-bad-request-type, naming it, and leaves the output folder as it was", async () => {
    const spec = specCopy("inconsistent", (yaml) =>
      addBadRequestVariant(yaml, { inTypeEnum: false }),
    );
    const out = filledOutFolder("inconsistent");
    const before = snapshot(out);
    const run = await generate("--spec", spec, "--out", out);
    expect(run.code).toBe(1);
    // SpecInconsistencyError from scripts/generate-constants.ts
    expect(run.stderr).toContain(
      `auth-tokens-self-delete 400: the "type" enum and the variants disagree; variants not in the enum: ${newType}`,
    );
    expect(run.stderr).toContain("was left untouched");
    expect(snapshot(out)).toEqual(before);
  });

  it("fails on an invalid spec with Redocly's report and leaves the output folder byte-identical", async () => {
    const spec = specCopy("invalid", (yaml) =>
      removeLine(yaml, "      summary: Delete Auth Tokens Self"),
    );
    const out = filledOutFolder("invalid");
    const before = snapshot(out);
    const run = await generate("--spec", spec, "--out", out);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("redocly lint failed");
    expect(run.stderr).toContain("operation-summary");
    expect(run.stderr).toContain("Operation object should contain `summary` field");
    expect(run.stderr).toContain("was left untouched");
    expect(snapshot(out)).toEqual(before);
  });

  it("changes nothing when run twice: each run reproduces the committed generated/ byte for byte", async () => {
    const out = path.join(scratch, "twice", "generated");
    for (const attempt of ["first", "second"]) {
      const run = await generate("--out", out);
      expect(run.code, run.stderr).toBe(0);
      expect(snapshot(out), `after the ${attempt} run`).toEqual(snapshot(committed));
    }
  });
});
