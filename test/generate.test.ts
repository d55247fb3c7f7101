/**
 * The generation pipeline as a user runs it: `scripts/generate.ts` with its command-line
 * arguments, on temporary copies of the spec, writing to temporary folders. The committed
 * generated/ is only ever read (and `--check` runs against it, which writes nothing).
 *
 * Generation runs in this process (`main(args)`, what `tsx scripts/generate.ts args` calls), so
 * Redocly, openapi-typescript and prettier load once instead of once per run (`npm test` runs the
 * command itself, as `npm run generate:check`). The changed spec is generated once and every
 * test about it reads that one run.
 *
 * Nothing here knows how many token types, statuses or 400 variants the contract has, nor their
 * names: the spec edits anchor on what generated/ says is last, so a token type or a variant
 * added to the spec breaks no test here.
 */
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
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { componentEnums, operations } from "../generated/constants.ts";
import { generatedFiles, main } from "../scripts/generate.ts";
import { lintProblems, redoclyOffline } from "../scripts/redocly.ts";
import { capture } from "../scripts/spawn.ts";
import { fakeNames } from "./support/fake-names.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = path.join(root, "generated");
const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

/** `tsx scripts/generate.ts ...args`, in this process: the exit code and what it printed. */
async function generate(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => {
    stdout += `${parts.join(" ")}\n`;
  });
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => {
    stderr += `${parts.join(" ")}\n`;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Runs a command from the project root in a child process; never rejects on a non-zero exit. */
async function spawned(command: string, args: string[]): Promise<Run> {
  const { code, stdout, stderr, error } = await capture(command, args, {
    cwd: root,
    env: { ...process.env, ...redoclyOffline },
  });
  if (error) throw error;
  return { code, stdout, stderr };
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

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

// ---- What the committed contract lists last (the anchors of the edits) -----------------------

type Schema = Record<string, any>;
const bundled = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, "openapi.json"), "utf8")) as {
    components: { schemas: Record<string, Schema> };
  };
const schemas = bundled(committed).components.schemas;

const tokenTypeSchema = "auth-token-requested-token-type";
const tokenTypes = componentEnums[tokenTypeSchema];
const lastTokenType = tokenTypes.at(-1)!;

const badRequest = schemas["error-bad-request"]!;
const badRequestTypes: string[] = schemas["error-bad-request-type"]!.enum;
const lastBadRequestType = badRequestTypes.at(-1)!;
const lastVariantRef: string = badRequest.oneOf.at(-1).$ref;
const lastVariant = lastVariantRef.split("/").at(-1)!;
const lastMappingKey = Object.keys(badRequest.discriminator.mapping).at(-1)!;

const operationId = "auth-tokens-self-delete";
const committedOperation = operations[operationId];

// ---- Textual edits of the spec (as a person would make them) ---------------------------------

/** Inserts `text` after the line `line`, the first one following the line `after`. */
function insertAfter(yaml: string, after: string, line: string, text: string): string {
  const from = yaml.indexOf(`\n${after}\n`);
  const at = from < 0 ? -1 : yaml.indexOf(`\n${line}\n`, from);
  if (at < 0) throw new Error(`the spec has no line "${line}" after "${after}"`);
  const end = at + line.length + 2;
  return yaml.slice(0, end) + text + yaml.slice(end);
}

/** The first line after `after` that matches `pattern` (a line of the spec, without its newline). */
function lineAfter(yaml: string, after: string, pattern: RegExp): string {
  const from = yaml.indexOf(`\n${after}\n`);
  if (from < 0) throw new Error(`the spec has no line "${after}"`);
  const line = yaml
    .slice(from + after.length + 2)
    .split("\n")
    .find((candidate) => pattern.test(candidate));
  if (line === undefined) throw new Error(`no line matching ${pattern} after "${after}"`);
  return line;
}

function removeLine(yaml: string, line: string): string {
  if (!yaml.includes(`\n${line}\n`)) throw new Error(`the spec has no line "${line}"`);
  return yaml.replace(`\n${line}\n`, "\n");
}

// Made up so that DevRev can never already have them (test/support/fake-names.ts).
const names = fakeNames();
const newTokenType = names.tokenType();
const newVariant = `error-bad-request-${names.kebab()}`;
const newType = names.snake();

/**
 * One more token type: after the last one in the enum, and wherever a list spells out every
 * token type (the `invalid_enum_value` example's `allowed_values`, which generation holds to the
 * enum).
 */
function addTokenType(yaml: string): string {
  const item = new RegExp(`^( +)- ${lastTokenType.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "gm");
  const lists = yaml.match(item)?.length ?? 0;
  if (lists === 0) throw new Error(`the spec lists no "${lastTokenType}"`);
  return yaml.replace(item, (line, indent: string) => `${line}\n${indent}- ${newTokenType}`);
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
    lineAfter(yaml, "    error-bad-request:", new RegExp(`- \\$ref: "${lastVariantRef}"$`)),
    `        - $ref: "#/components/schemas/${newVariant}"\n`,
  );
  yaml = insertAfter(
    yaml,
    "    error-bad-request:",
    lineAfter(yaml, "    error-bad-request:", new RegExp(`^ +${lastMappingKey}: `)),
    `          ${newType}: "#/components/schemas/${newVariant}"\n`,
  );
  if (inTypeEnum) {
    yaml = insertAfter(
      yaml,
      "    error-bad-request-type:",
      lineAfter(yaml, "    error-bad-request-type:", new RegExp(`^ +- ${lastBadRequestType}$`)),
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

describe("npm run generate, on a spec with one more token type and one more 400 variant", () => {
  const out = path.join(scratch, "changed", "generated");
  let spec = "";
  let run: Run;
  let check: Run;
  let before: Record<string, string>;

  beforeAll(async () => {
    spec = specCopy("changed", (yaml) =>
      addBadRequestVariant(addTokenType(yaml), { inTypeEnum: true }),
    );
    before = snapshot(committed);
    run = await generate("--spec", spec, "--out", out);
    check = await generate("--check", "--spec", spec);
  });

  it("succeeds and writes exactly the generated files", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...generatedFiles].sort());
  });

  it("schema.ts: the token type in the union, the variant declared and in the 400 union", () => {
    const schemaTs = readFileSync(path.join(out, "schema.ts"), "utf8");
    expect(declaration(schemaTs, tokenTypeSchema)).toContain(`| "${newTokenType}"`);
    expect(declaration(schemaTs, "error-bad-request-type")).toContain(`| "${newType}"`);
    expect(declaration(schemaTs, "error-bad-request")).toContain(
      `| components["schemas"]["${newVariant}"]`,
    );
    expect(declaration(schemaTs, newVariant)).toContain(`type: "${newType}";`);
    expect(declaration(schemaTs, newVariant)).toContain("example_field: string;");
  });

  it("constants.ts: exactly the committed lists plus the new entries, every other status as it was", async () => {
    const constants = await import(pathToFileURL(path.join(out, "constants.ts")).href);
    expect(constants.componentEnums[tokenTypeSchema]).toEqual([...tokenTypes, newTokenType]);
    const operation = constants.operations[operationId];
    expect(operation.requestEnums.requested_token_type).toEqual([...tokenTypes, newTokenType]);
    const expected = Object.fromEntries(
      Object.entries(committedOperation.errorTypesByStatus).map(([status, types]) => [
        status,
        status === "400" ? [...types, newType] : types,
      ]),
    );
    expect(operation.errorTypesByStatus).toEqual(expected);
  });

  it("openapi.json: the additions, and nothing else changed", () => {
    const changed = bundled(out);
    const schemas = changed.components.schemas as Record<string, Schema>;
    expect(schemas[tokenTypeSchema]!.enum.at(-1)).toBe(newTokenType);
    expect(schemas["error-bad-request-type"]!.enum.at(-1)).toBe(newType);
    expect(schemas["error-bad-request"]!.oneOf.at(-1)).toEqual({
      $ref: `#/components/schemas/${newVariant}`,
    });
    expect(schemas["error-bad-request"]!.discriminator.mapping[newType]).toBe(
      `#/components/schemas/${newVariant}`,
    );
    expect(schemas[newVariant]!.allOf[1].required).toEqual(["type", "example_field"]);
    // Every list that ended with the last token type (the enum, the example of
    // invalid_enum_value) now goes on with the new one.
    const occurrences = (json: unknown, text: string) =>
      JSON.stringify(json).split(text).length - 1;
    expect(occurrences(changed, `"${lastTokenType}","${newTokenType}"`)).toBe(
      occurrences(bundled(committed), `"${lastTokenType}"`),
    );
    schemas[tokenTypeSchema]!.enum.pop();
    schemas["error-bad-request-type"]!.enum.pop();
    schemas["error-bad-request"]!.oneOf.pop();
    delete schemas["error-bad-request"]!.discriminator.mapping[newType];
    delete schemas[newVariant];
    const withoutNewTokenType = JSON.parse(
      JSON.stringify(changed).replaceAll(`,"${newTokenType}"`, ""),
    );
    expect(withoutNewTokenType).toEqual(bundled(committed));
  });

  it("makes `npm run generate:check` fail naming every committed file as stale, writing nothing", async () => {
    const { code, stderr } = check;
    expect(code).toBe(1);
    expect(stderr).toContain("generated files are stale; run `npm run generate`");
    for (const file of generatedFiles) expect(stderr).toContain(`generated/${file}`);
    expect(snapshot(committed)).toEqual(before);
  });
});

describe("npm run generate refuses a broken spec", () => {
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
      `${operationId} 400: the "type" enum and the variants disagree; variants not in the enum: ${newType}`,
    );
    expect(run.stderr).toContain("was left untouched");
    expect(snapshot(out)).toEqual(before);
  });

  it("refuses a valid spec that changes what src/ assumes (an API key, a 204), naming the files to update", async () => {
    const spec = specCopy("assumptions", (yaml) => {
      const bearer = "      type: http\n      scheme: bearer\n";
      const success = '        "200":\n          description:';
      if (!yaml.includes(bearer) || !yaml.includes(success))
        throw new Error(
          "the spec no longer has its Bearer scheme or its 200 as this test edits them",
        );
      return yaml
        .replace(bearer, "      type: apiKey\n      in: header\n      name: X-DevRev-Key\n")
        .replace(success, '        "204":\n          description:');
    });
    const out = filledOutFolder("assumptions");
    const before = snapshot(out);
    const run = await generate("--spec", spec, "--out", out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the spec changes what the handwritten client (src/) assumes");
    expect(run.stderr).toMatch(
      /security: src\/auth\.ts sends an HTTP Bearer token .*; the spec's security scheme `auth-token` is apiKey in header X-DevRev-Key: update src\/auth\.ts/,
    );
    expect(run.stderr).toMatch(/success: .*; the spec's success is 204 without a body: update /);
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
});

describe("npm run generate on the committed spec", () => {
  it("changes nothing when run twice: each run reproduces the committed generated/ byte for byte", async () => {
    const out = path.join(scratch, "twice", "generated");
    for (const attempt of ["first", "second"]) {
      const run = await generate("--out", out);
      expect(run.code, run.stderr).toBe(0);
      expect(snapshot(out), `after the ${attempt} run`).toEqual(snapshot(committed));
    }
  });
});

describe("the in-process lint", () => {
  /** A problem as the CLI's JSON report and the in-process lint both give it. */
  type Problem = {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer?: string }[];
  };
  type CliReport = { problems: Problem[] };

  /** What both report of a problem, in the same shape: rule, place and message. */
  const verdict = ({ ruleId, severity, message, location }: Problem) => ({
    ruleId,
    severity,
    message,
    pointer: location[0]?.pointer,
  });

  /**
   * What Redocly's CLI reports for each spec with `--format json` (one run for all of them: it
   * prints one JSON report per spec, one after the other): rule, place and message.
   */
  async function cliVerdicts(...specs: string[]) {
    const run = await spawned(bin("redocly"), [
      "lint",
      "--config",
      path.join(root, "redocly.yaml"),
      "--format",
      "json",
      ...specs,
    ]);
    const reports = run.stdout
      .split(/(?<=^\})(?=\{$)/m)
      .map((text) => JSON.parse(text) as CliReport);
    expect(reports, run.stderr).toHaveLength(specs.length);
    return reports.map((report) => report.problems.map(verdict));
  }

  async function inProcessVerdict(spec: string) {
    return (await lintProblems(spec)).map(verdict);
  }

  it("gives the CLI's verdicts with redocly.yaml: none on the committed spec, the same problems on a broken one", async () => {
    const committedSpec = path.join(root, "openapi", "devrev-auth-tokens.yaml");
    const broken = specCopy("lint-verdicts", (yaml) =>
      removeLine(yaml, "      summary: Delete Auth Tokens Self").replace(
        "\n    error-bad-request:\n      description: ",
        "\n    error-bad-request:\n      description: 12\n      x-was-description: ",
      ),
    );
    const [cliCommitted = [], cliBroken = []] = await cliVerdicts(committedSpec, broken);
    expect(cliCommitted).toEqual([]);
    expect(await inProcessVerdict(committedSpec)).toEqual([]);
    expect(cliBroken.map((problem) => problem.ruleId).sort()).toEqual([
      "operation-summary",
      "struct",
    ]);
    expect(await inProcessVerdict(broken)).toEqual(cliBroken);
  });
});
