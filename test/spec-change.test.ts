/**
 * A spec change flows through: on a copy of the project, add a token type, a 400 variant and an
 * example to the spec (the edits the README asks for when DevRev adds them), run generation once,
 * and everything that depends on the spec still passes with no other edit. Only test/upstream/,
 * which compares with DevRev's published contract, is meant to notice.
 *
 * Why not the whole suite in the copy (~45 s on 2 cores)? A spec change reaches the rest of the
 * project in two ways, and both are covered here:
 * 1. Through types and code compiled against generated/: the whole copy is type-checked (src/,
 *    scripts/, every test and .test-d.ts; TypeScript 7's tsc, ~1 s, with the same tsconfig).
 * 2. Through tests that assert counts or lists read from generated/ or the spec: every test file
 *    that reads them runs, whole or (for slow process tests) the tests that do. The guard test at
 *    the end fails when a new file reads them and is neither run here nor excused below.
 * Every other test exercises behaviour that no enum's contents can change.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const copy = mkdtempSync(path.join(os.tmpdir(), "devrev-spec-change-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Test files run whole in the copy. */
const runWhole = [
  "test/token-types.test.ts",
  "test/contract/constants.test.ts",
  "test/contract/examples.test.ts",
  "test/client/self-delete.test.ts",
  "test/client/security.test.ts",
  "test/client/misuse.test.ts",
  "test/cli/verify-probes.test.ts",
  "test/mock/contract.test.ts",
  "test/mock/semantics.test.ts",
  "test/mock/msw.test.ts",
];
/** Process tests: only those that read counts or lists (the rest spawn a CLI for ~2 s each). */
const runNamed = {
  files: [
    "test/cli/self-delete.test.ts",
    "test/cli/commands.test.ts",
    "test/cli/verify.test.ts",
    "test/cli/for-people.test.ts",
  ],
  names: [
    "naming every type and short form",
    "npm start runs the demo",
    "exit 0 against the mock",
    "matches every type case-insensitively",
    "names what was typed, suggests pat",
  ],
};
/** Files that read the spec's lists but are not run in the copy, and why. */
const excused: Record<string, string> = {
  "test/generate.test.ts": "regenerates its own copies of the spec; owned by the generation work",
  "test/package/consumers.test.ts":
    "builds and packs the package (minutes); its types are type-checked here",
  "test/types/errors.test-d.ts": "type-level only: covered by type-checking the copy",
  "test/mock/properties.test.ts": "uses the token types only as generator input, asserts no count",
  "test/mock/sdk.test.ts": "DevRev's SDK against the mock; asserts no count of ours",
  "test/contract/examples-agree.test.ts":
    "edits the spec's own YAML layout; the copy's generation run proves its rule",
  "test/docs/reference.test.ts":
    "builds the reference site with Redoc and TypeDoc (~15 s; npm run test:docs, not npm test)",
};

const added = {
  tokenType: "urn:devrev:params:oauth:token-type:agent",
  errorType: "token_quota_exceeded",
  schema: "error-bad-request-token-quota-exceeded",
  example: "token-quota-exceeded",
};

/** The README's recipe, applied to the spec: enum, example's allowed_values, variant, example. */
function changeSpec(text: string): string {
  const spec = load(text, { schema: CORE_SCHEMA }) as any;
  const schemas = spec.components.schemas;
  const badRequest = spec.components.responses["bad-request"].content["application/json"];
  schemas["auth-token-requested-token-type"].enum.push(added.tokenType);
  badRequest.examples["invalid-enum-value"].value.allowed_values.push(added.tokenType);
  const ref = `#/components/schemas/${added.schema}`;
  schemas["error-bad-request-type"].enum.push(added.errorType);
  schemas["error-bad-request"].oneOf.push({ $ref: ref });
  schemas["error-bad-request"].discriminator.mapping[added.errorType] = ref;
  schemas[added.schema] = {
    description: "The caller has too many tokens of this type.",
    allOf: [
      { $ref: "#/components/schemas/error-base" },
      {
        type: "object",
        required: ["type", "limit"],
        properties: {
          type: { const: added.errorType },
          limit: { type: "integer", description: "How many tokens are allowed." },
        },
      },
    ],
  };
  badRequest.examples[added.example] = {
    summary: "Too many tokens",
    value: { type: added.errorType, message: "Too many agent tokens.", limit: 20 },
  };
  return dump(spec, { lineWidth: 100, noRefs: true });
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // The copy has no dist/: its tests must not be told (by npm test) that a fresh one exists.
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.DEVREV_AUTH_TOKENS_DIST_BUILT;
    const child = spawn(command, args, { cwd: copy, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
const node = process.execPath;
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const timings: Record<string, number> = {};
async function timed<T>(step: string, work: Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work;
  } finally {
    timings[step] = Date.now() - started;
  }
}

beforeAll(async () => {
  cpSync(root, copy, {
    recursive: true,
    filter: (from) => {
      const relative = path.relative(root, from);
      const top = relative.split(path.sep)[0] ?? "";
      return !["node_modules", ".git", "dist", "docs"].includes(top) && !top.startsWith(".tmp");
    },
  });
  // Symlinked, not copied: the copy resolves packages exactly as the project does, instantly.
  symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
  const specPath = path.join(copy, "openapi/devrev-auth-tokens.yaml");
  writeFileSync(specPath, changeSpec(readFileSync(specPath, "utf8")));
  const generated = await timed(
    "generate",
    run(node, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts"]),
  );
  expect(generated.output).toMatch(/generate: wrote/);
  expect(generated.code).toBe(0);
}, 120_000);

describe("a token type, a 400 variant and an example added to the spec", () => {
  it("reach generated/ in one generation run", () => {
    const constants = readFileSync(path.join(copy, "generated/constants.ts"), "utf8");
    expect(constants).toContain(`"${added.tokenType}"`);
    expect(constants).toContain(`"${added.errorType}"`);
    expect(readFileSync(path.join(copy, "generated/openapi.json"), "utf8")).toContain(
      `"${added.example}"`,
    );
  });

  it("leave the copy type-checking and every test that reads counts or lists passing", async () => {
    // One worker per vitest run: both runs and tsc share the cores with the rest of the suite,
    // and each extra worker would load vitest and src/ again (~1.5 s of CPU for the two runs).
    const [types, whole, named] = await Promise.all([
      timed(
        "typecheck",
        // --singleThreaded: the suite keeps the cores busy; tsc's parallel checkers would
        // repeat work (~1.5 s of CPU instead of ~2.7 s, the same diagnostics).
        run(node, [
          path.join(root, "node_modules/typescript7/bin/tsc"),
          "-p",
          "tsconfig.json",
          "--singleThreaded",
        ]),
      ),
      timed(
        "tests",
        run(node, [
          vitest,
          "run",
          "--typecheck.enabled=false",
          "--pool=threads",
          "--maxWorkers=1",
          ...runWhole,
        ]),
      ),
      timed(
        "process tests",
        run(node, [
          vitest,
          "run",
          "--typecheck.enabled=false",
          "--maxWorkers=1",
          ...runNamed.files,
          "-t",
          runNamed.names.join("|"),
        ]),
      ),
    ]);
    // ~13 s in all on an idle 2-core machine; printed so a slowdown shows in the test log.
    console.log(`spec change, in the copy: ${JSON.stringify(timings)} ms`);
    expect(types.output).toBe("");
    expect(types.code).toBe(0);
    expect(whole.output).toMatch(new RegExp(`Test Files +${runWhole.length} passed`));
    expect(whole.code, whole.output).toBe(0);
    expect(named.output).toMatch(new RegExp(`Tests +${runNamed.names.length} passed`));
    expect(named.code, named.output).toBe(0);
  }, 120_000);

  it("runs or excuses every test file that reads the spec's lists (outside test/upstream/)", () => {
    const reads =
      /tokenTypes|componentEnums|errorTypesByStatus|allowed_values|support\/contract|generated\//;
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? ["upstream", "support", "fixtures"].includes(entry.name) && dir === "test"
            ? []
            : files(`${dir}/${entry.name}`)
          : /\.test(-d)?\.ts$/.test(entry.name)
            ? [`${dir}/${entry.name}`]
            : [],
      );
    const readers = files("test").filter(
      (file) =>
        file !== "test/spec-change.test.ts" &&
        reads.test(readFileSync(path.join(root, file), "utf8")),
    );
    const covered = new Set([...runWhole, ...runNamed.files, ...Object.keys(excused)]);
    expect(readers.filter((file) => !covered.has(file))).toEqual([]);
    expect(readers.length).toBeGreaterThan(5);
  });
});
