/**
 * `npm run test:runtimes`: the client on every runtime docs/runtimes.md names, and the package's
 * own suites on every Node line `engines` admits.
 *
 * 1. One scenario (scenario.ts; the mock's side in scenario-mock.ts), bundled once with the
 *    client by esbuild (bundle.ts), runs on each runtime of runtimes.ts: Node 20 (the machine's),
 *    Node 22, 24 and 26, Bun, Deno, workerd (as a Worker that workerd serves on 127.0.0.1; we
 *    POST to it and it calls the mock) and Chromium (a page calling the mock across origins).
 *    Each runtime gets a fresh mock server, on Node, in this process (trial.ts).
 * 2. The suites of test/client, test/mock, test/cli and test/package under vitest launched by
 *    each pinned Node line (suites.ts). Node 20 runs them in `npm test`, with the project's MSW 2.
 *
 * Prints one line per runtime (version, passed and failed), then `runtimes: N passed, M failed`;
 * exits 1 if anything failed. The runtimes table of docs/runtimes.md is rendered from a run over
 * every runtime (table.ts): the command fails when the guide says something else, and `--write`
 * puts the table in; `engines` must admit exactly the Node lines that ran (engines.ts). With
 * `--no-suites` the suites' column is the one thing not compared: it is kept as the guide shows.
 *
 * Usage: npm run test:runtimes [-- --write] [-- --only=bun,deno] [-- --no-suites]
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { ensurePinned, nodeLines, pinnedMsw } from "../../scripts/node-lines.ts";
import { devDependencies } from "./binaries.ts";
import { bundleScenario } from "./bundle.ts";
import { enginesProblem } from "./engines.ts";
import { checkOrWriteTable, shownSuites, type Row } from "./table.ts";
import { machineNode, runtimes } from "./runtimes.ts";
import { runSuites, suites } from "./suites.ts";
import { trial } from "./trial.ts";

const { values: options } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    only: { type: "string" },
    "no-suites": { type: "boolean", default: false },
  },
});

/** One line of the report: the runtime, its version, what ran and how it went, in columns. */
const say = (runtime: string, version: string, what: string) =>
  console.log(`${runtime.padEnd(9)} ${version.padEnd(16)} ${what}`);

const only = options.only?.split(",").map((name) => name.trim().toLowerCase());
const selected = runtimes.filter(
  (runtime) =>
    !only ||
    only.some((name) =>
      runtime.name.toLowerCase().replace(/\s+/g, "").includes(name.replace(/\s+/g, "")),
    ),
);

ensurePinned();
const bundles = await bundleScenario();
const rows: Row[] = [];
let passed = 0;
let failed = 0;

try {
  for (const runtime of selected) {
    const { version, outcomes } = await trial(runtime, bundles);
    const ok = outcomes.filter((outcome) => outcome.ok).length;
    const bad = outcomes.length - ok;
    passed += ok;
    failed += bad;
    say(runtime.name, version, `scenario: ${ok} passed, ${bad} failed`);
    for (const outcome of outcomes.filter((outcome) => !outcome.ok)) {
      // The detail never holds a token: outcomes say what was seen in words and numbers.
      console.log(
        `    FAILED ${outcome.step}: ${outcome.detail.replaceAll(/rt-[\w-]+/g, "[token]")}`,
      );
    }
    rows.push({
      runtime: runtime.name,
      version,
      from: runtime.from,
      scenario: bad === 0 ? `passed (${ok})` : `FAILED (${bad} of ${outcomes.length})`,
      suites: runtime.name === machineNode ? `\`npm test\` (msw ${devDependencies["msw"]})` : "—",
    });
  }
} finally {
  rmSync(bundles.dir, { recursive: true, force: true });
}

if (!options["no-suites"]) {
  for (const line of nodeLines) {
    const row = rows.find((candidate) => candidate.runtime === `Node ${line.major}`);
    if (only && !row) continue;
    const result = await runSuites(line.bin, `Node ${line.version}`);
    passed += result.passed;
    failed += result.failed;
    const names = suites.map((suite) => suite.replace("test/", "")).join(", ");
    say(
      `Node ${line.major}`,
      line.version,
      `suites (${names}): ${result.passed} passed, ${result.failed} failed`,
    );
    if (result.failed > 0) console.log(result.printed.split("\n").slice(-80).join("\n"));
    if (row) row.suites = `${result.failed === 0 ? "passed" : "FAILED"} (msw ${pinnedMsw.version})`;
  }
}

// The guide shows what ran: compared (or, with --write, written) after a run over every runtime.
// Without the suites, their column is taken from the guide, and every other one is compared.
if (!only) {
  if (options["no-suites"]) {
    const shown = shownSuites();
    for (const line of nodeLines) {
      const row = rows.find((candidate) => candidate.runtime === `Node ${line.major}`);
      if (row) row.suites = shown.get(row.runtime) ?? row.suites;
    }
  }
  const problem = enginesProblem(rows);
  if (problem) {
    console.error(`package.json engines: ${problem}`);
    failed += 1;
  }
  if (!checkOrWriteTable(rows, { write: options.write })) failed += 1;
}

console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
