// `contract-diff` compares openapi/, but the client follows generated/: whenever ours is openapi/
// (by default, or named by --ours however spelled) it refuses (exit 2, naming npm run generate)
// a generated/ that is missing or stale, and says so in its help and in docs/contract.md.
// Another spec named by --ours is compared as it is. Each case is a package laid out in a
// scratch folder: openapi/ edited (a token type added), generated/ missing, stale or fresh.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageContract } from "../../src/cli/contract-diff.ts";
import { readSpec } from "../../src/cli/contract/document.ts";
import { runMain } from "../cli/run.ts";
import {
  bundledFile,
  contractDiffRun,
  excerptFile,
  root,
  scratchFolder,
  sourceFile,
} from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const scratch = scratchFolder("devrev-contract-generated-");
const added = fakeNames().tokenType();
const edited = await readSpec(sourceFile);
edited.components.schemas["auth-token-requested-token-type"].enum.push(added);

type Generated = "missing" | "stale" | "fresh";
let packages = 0;
/** A package root: openapi/ as a maintainer just edited it, and generated/ as `generated` says. */
function packageWith(generated: Generated, { source = true } = {}): string {
  const dir = path.join(scratch, `package-${++packages}`);
  mkdirSync(path.join(dir, "openapi"), { recursive: true });
  mkdirSync(path.join(dir, "generated"));
  if (source)
    writeFileSync(path.join(dir, "openapi/devrev-auth-tokens.yaml"), JSON.stringify(edited));
  if (generated === "stale") copyFileSync(bundledFile, path.join(dir, "generated/openapi.json"));
  if (generated === "fresh")
    writeFileSync(path.join(dir, "generated/openapi.json"), JSON.stringify(edited));
  return dir;
}
const sourceOf = (dir: string) => path.join(dir, "openapi/devrev-auth-tokens.yaml");

const refusals: [string, Generated, (dir: string) => string[], RegExp][] = [
  ["generated/ missing, ours by default", "missing", () => [], /openapi\.json is missing/],
  [
    "generated/ missing, --ours naming openapi/'s file",
    "missing",
    (dir) => ["--ours", sourceOf(dir)],
    /openapi\.json is missing/,
  ],
  ["generated/ stale, ours by default", "stale", () => [], /openapi\.json is stale/],
  [
    "generated/ stale, --ours naming openapi/'s file by its absolute path",
    "stale",
    (dir) => ["--ours", sourceOf(dir)],
    /openapi\.json is stale/,
  ],
  [
    "generated/ stale, --ours naming openapi/'s file by a relative path",
    "stale",
    (dir) => ["--ours", path.relative(process.cwd(), sourceOf(dir))],
    /openapi\.json is stale/,
  ],
  [
    "generated/ stale, --ours naming openapi/'s file through a symbolic link",
    "stale",
    (dir) => {
      const link = path.join(dir, "linked.yaml");
      symlinkSync(sourceOf(dir), link);
      return ["--ours", link];
    },
    /openapi\.json is stale/,
  ],
];

describe("contract-diff refuses a generated/ the client cannot have been generated from", () => {
  it.each(refusals)("%s: exit 2, naming npm run generate", async (_what, generated, args, why) => {
    const dir = packageWith(generated);
    const run = await contractDiffRun([...args(dir), excerptFile], packageContract(dir));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(why);
    expect(run.stderr).toContain("run `npm run generate`, then contract-diff again");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it("an installed package without its bundle: exit 2, the file that cannot be read named", async () => {
    const dir = packageWith("missing", { source: false });
    const run = await contractDiffRun([excerptFile], packageContract(dir));
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/^contract-diff: cannot read .*generated\/openapi\.json: ENOENT/);
  });
});

describe("contract-diff compares without refusing", () => {
  it.each([
    ["generated/ fresh, ours by default", "fresh", () => []],
    [
      "generated/ fresh, --ours naming openapi/'s file",
      "fresh",
      (dir: string) => ["--ours", sourceOf(dir)],
    ],
    [
      "generated/ stale, --ours naming another spec (a copy of openapi/'s)",
      "stale",
      (dir: string) => {
        const copy = path.join(dir, "draft.yaml");
        copyFileSync(sourceOf(dir), copy);
        return ["--ours", copy];
      },
    ],
  ] as [string, Generated, (dir: string) => string[]][])("%s", async (_what, generated, args) => {
    const dir = packageWith(generated);
    const run = await contractDiffRun([...args(dir), excerptFile], packageContract(dir));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`token type "${added}": ours has it, theirs does not`);
  });

  it("finds this package's bundle where its exports put it", () => {
    const require = createRequire(import.meta.url);
    expect(packageContract()).toEqual({
      source: sourceFile,
      bundled: require.resolve("devrev-auth-tokens/openapi.json"),
    });
    expect(packageContract(root).bundled).toBe(bundledFile);
  });
});

describe("contract-diff says what it does with generated/", () => {
  it("in its help: it refuses (exit 2), and when --ours skips the check", async () => {
    const help = (await runMain(["contract-diff", "--help"])).stdout.replace(/\s+/g, " ");
    expect(help).not.toMatch(/a note on stderr/);
    expect(help).toContain("it refuses (exit 2) and names `npm run generate`");
    expect(help).toContain(
      "Another spec named by --ours is compared as it is, without that check.",
    );
    expect(help).toMatch(/generated\/ missing or older than openapi\//);
  });

  it("in docs/contract.md, as its help does", () => {
    const docs = readFileSync(path.join(root, "docs/contract.md"), "utf8").replace(/\s+/g, " ");
    expect(docs).toContain(
      "whenever ours is `openapi/` (by default, or named by `--ours`) and `generated/openapi.json` is missing or no longer agrees with it in anything compared, it refuses (exit 2)",
    );
    expect(docs).toContain(
      "Another spec named by `--ours` is compared as it is, without that check.",
    );
  });
});
