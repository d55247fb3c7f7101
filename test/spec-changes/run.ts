/**
 * `npm run test:spec-changes`: every kind of change DevRev makes to its contract (mutations.ts),
 * each applied to openapi/ in a copy of the project, and nothing else edited. For each one:
 * `npm run generate` (the change must reach generated/), then typecheck, build and the size
 * budget side by side, then every test that is about this package (all of vitest but
 * test/upstream/, which compares with DevRev's published contract and is meant to notice, and
 * test/package/, which packs and installs the package: minutes, run once below). Last, all the
 * changes at once, as DevRev's next release might bring them, through the whole of `npm test`
 * (test/upstream/ left out). And the maintainer's loop of docs/contract.md on DevRev's next spec
 * (devrev-next.ts): upstream:refresh, contract:diff, our spec following, generate, contract:diff
 * again, and all of `npm test`, test/upstream/ included. Fails naming each change and step that broke.
 *
 * Not part of `npm test` (minutes, not seconds); `.ci/run` runs it after `npm test`.
 *
 * One change at a time by default: each test run already keeps two cores busy, and its timing
 * tests must not be starved by a second one. `--jobs 2` runs two at a time on a bigger machine.
 *
 * Usage: npm run test:spec-changes [-- --only <id>[,<id>…|all|loop]] [--jobs 1] [--keep]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readSpec } from "../../src/cli/contract/document.ts";
import { tokenTypes } from "../../src/token-types.ts";
import { devrevNext, expectedDrift, nextRelease, oursFollowing } from "./devrev-next.ts";
import { fakeNames } from "../support/fake-names.ts";
import {
  type Expected,
  type Mutation,
  type MutationContext,
  NotApplicable,
  mutations,
} from "./mutations.ts";
import { pinnedTokenTypes } from "./pinned.ts";
import { copyProject, readProjectSpec, root, writeSpec } from "./project-copy.ts";
import { type Step, bin, checkGenerated, retry, step } from "./steps.ts";

/** Applies `changes` to a copy of the project and runs `checks` there. */
async function runChange(
  id: string,
  changes: Mutation[],
  context: MutationContext,
  scratch: string,
  checks: (dir: string) => Promise<Step[]>,
): Promise<Step[]> {
  const dir = path.join(scratch, id);
  copyProject(dir);
  const spec = readProjectSpec();
  const expected: Required<Expected> = { constants: [], schema: [], absent: [], bundled: [] };
  const notApplicable: string[] = [];
  for (const change of changes) {
    let shows: Expected;
    try {
      shows = change.apply(spec, context);
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
      notApplicable.push(`${change.id}: ${error.message}`);
      continue;
    }
    for (const key of ["constants", "schema", "absent", "bundled"] as const)
      expected[key].push(...(shows[key] ?? []));
  }
  if (notApplicable.length === changes.length)
    return [{ name: "not applicable", ok: true, seconds: 0, output: notApplicable.join("; ") }];
  await writeSpec(dir, spec);
  const generated = await step("generate", dir, [bin.tsx, "scripts/generate.ts"]);
  if (!generated.ok) return [generated];
  return [generated, checkGenerated(dir, expected), ...(await checks(dir))];
}

/** Typecheck, build and size side by side, then the tests about this package. */
async function oneChangeChecks(dir: string): Promise<Step[]> {
  const statics = await Promise.all([
    step("typecheck", dir, [bin.tsc7, "-p", "tsconfig.json", "--singleThreaded"]),
    step("build", dir, ["npm", "run", "--silent", "build"]),
    step("size", dir, [bin.tsx, "scripts/size-budget.ts"]),
  ]);
  if (statics.some((s) => !s.ok)) return statics;
  const tests = await step(
    "tests",
    dir,
    [bin.vitest, "run", "--exclude", "test/upstream/**", "--exclude", "test/package/**", retry],
    // dist/ was just built from this copy, so the CLI tests may run it.
    { DEVREV_AUTH_TOKENS_DIST_BUILT: "1" },
  );
  return [...statics, tests];
}

/** The whole of `npm test`, test/upstream/ left out. */
async function wholeSuite(dir: string): Promise<Step[]> {
  return [
    await step("npm test", dir, [bin.tsx, "scripts/test.ts", "--exclude", "test/upstream/**"]),
  ];
}

/**
 * The loop of docs/contract.md in a copy: DevRev's next spec (devrev-next.ts) through upstream:refresh,
 * contract:diff (exactly the drift it has), our spec following it (contract:diff refuses until
 * it is regenerated), generate, contract:diff (none), and the whole of `npm test`,
 * test/upstream/ included.
 */
async function maintainerLoop(scratch: string): Promise<Step[]> {
  const dir = path.join(scratch, "loop");
  copyProject(dir);
  const next = nextRelease(fakeNames());
  const published = await readSpec(path.join(dir, "test/fixtures/devrev-openapi-public.yaml"));
  // Downloaded beside the project, not into it (format:check would read it there).
  const download = path.join(scratch, "devrev-next.json");
  writeFileSync(download, JSON.stringify(devrevNext(published, next)));
  const steps: Step[] = [];
  /** Runs one step; false (and the loop stops) when `check` does not hold. */
  const run = async (name: string, args: string[], check: (s: Step) => boolean = (s) => s.ok) => {
    const done = await step(name, dir, args);
    steps.push({ ...done, ok: check(done) });
    return check(done);
  };
  const diff = [path.join(dir, "bin/devrev-auth-tokens.js"), "contract-diff", download];
  const drift = expectedDrift(next);
  // The drift lines, then the differences our contract makes on purpose, then the summary.
  const driftLines = (s: Step) =>
    s.output
      .trim()
      .split("\n")
      .slice(0, -1)
      .filter((line) => !line.startsWith("known difference: "));
  const printsDrift = (s: Step) =>
    s.code === 1 && JSON.stringify(driftLines(s)) === JSON.stringify(drift);
  if (!(await run("upstream:refresh", [bin.tsx, "scripts/upstream-refresh.ts", download])))
    return steps;
  if (!(await run("contract:diff shows the drift", diff, printsDrift))) {
    steps.at(-1)!.output += `\nexpected:\n${drift.join("\n")}`;
    return steps;
  }
  await writeSpec(dir, oursFollowing(readProjectSpec(), next));
  // Before regenerating, contract:diff refuses: generated/ no longer stands for openapi/.
  if (!(await run("contract:diff refuses a stale generated/", diff, (s) => s.code === 2)))
    return steps;
  if (!(await run("generate", [bin.tsx, "scripts/generate.ts"]))) return steps;
  if (!(await run("contract:diff shows none", diff, (s) => s.ok && /no drift/.test(s.output))))
    return steps;
  await run("npm test", [bin.tsx, "scripts/test.ts", retry]);
  return steps;
}

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    jobs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const only = values.only?.split(",");
const chosen = mutations.filter((m) => !only || only.includes(m.id));
const together = !only || only.includes("all");
const loop = !only || only.includes("loop");
if (chosen.length === 0 && !together && !loop) {
  console.error(
    `test:spec-changes: no change named ${values.only}; ids: ${mutations.map((m) => m.id).join(", ")}, all, loop`,
  );
  process.exit(2);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-spec-changes-"));
const pinned = pinnedTokenTypes(root, tokenTypes);
console.log(
  `test:spec-changes: ${chosen.length} change(s)${together ? " one by one, then all at once" : ""}${loop ? ", then the maintainer's loop" : ""}, in copies under ${scratch}\n` +
    `  token types kept (the project names them): ${[...pinned].map((t) => t.slice(t.indexOf("token-type:") + 11)).join(", ")}`,
);
const started = performance.now();
const failed: string[] = [];
const report = (id: string, title: string, steps: Step[]) => {
  const broken = steps.filter((s) => !s.ok);
  const skipped = steps.find((s) => s.name === "not applicable");
  if (skipped) return console.log(`n/a  ${id}: ${title} (${skipped.output})`);
  const timings = steps
    .filter((s) => s.seconds > 0)
    .map((s) => `${s.name} ${s.seconds.toFixed(1)} s`);
  console.log(`${broken.length ? "FAIL" : "ok  "} ${id}: ${title} (${timings.join(", ")})`);
  for (const s of broken) {
    failed.push(`${id}: ${s.name}`);
    const lines = s.output.trimEnd().split("\n");
    // Every failed test by name (vitest's FAIL and × lines), then the end of the output.
    const named = [...new Set(lines.filter((line) => /^\s*(FAIL|×)\s/.test(line)))];
    console.log(`  ${s.name} failed:\n    ${[...named, "…", ...lines.slice(-60)].join("\n    ")}`);
  }
};
try {
  const queue = [...chosen];
  const worker = async () => {
    for (let mutation = queue.shift(); mutation; mutation = queue.shift()) {
      const context = { names: fakeNames(), pinned };
      const steps = await runChange(mutation.id, [mutation], context, scratch, oneChangeChecks);
      report(mutation.id, mutation.title, steps);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, worker));
  if (together) {
    const context = { names: fakeNames(), pinned };
    report(
      "all",
      "every change at once, through npm test",
      await runChange("all", mutations, context, scratch, wholeSuite),
    );
  }
  if (loop)
    report(
      "loop",
      "DevRev's next spec through upstream:refresh, contract:diff, an edit of openapi/, generate, npm test",
      await maintainerLoop(scratch),
    );
} finally {
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  failed.length
    ? `test:spec-changes: FAILED in ${minutes} min: ${failed.join("; ")}`
    : `test:spec-changes: every change flowed through, in ${minutes} min`,
);
process.exitCode = failed.length ? 1 : 0;
