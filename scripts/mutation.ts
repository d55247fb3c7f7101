/**
 * `npm run test:mutation`: Stryker mutates the core (every module of src/ but the CLI, the
 * testing kit and the type-only ones; stryker.config.json) and runs the in-process suites
 * (vitest.mutation.config.ts) against each mutant. Stryker 10 needs Node 22 or later, so it runs
 * on a pinned Node line from npm (scripts/node-lines.ts), not on the machine's Node 20.
 *
 * Incremental: test/mutation/stryker-incremental.json, committed, holds the last full run, so a
 * run after a small change tests only the mutants of what changed (and the tests that changed).
 * The run fails under the `break` threshold of stryker.config.json.
 *
 * Usage: npm run test:mutation [-- --force] [-- --mutate src/retry.ts] (Stryker's own options)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ensurePinned, nodeLines } from "./node-lines.ts";
import { cleanEnv } from "./spawn.ts";

const root = path.resolve(import.meta.dirname, "..");
ensurePinned();
const node = nodeLines.find((line) => line.major >= 24) ?? nodeLines.at(-1)!;
const stryker = path.join(root, "node_modules/@stryker-mutator/core/bin/stryker.js");
console.log(`test:mutation: Stryker on Node ${node.version}`);
const child = spawn(node.bin, [stryker, "run", "stryker.config.json", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  // Node's own bin first on PATH, so whatever Stryker and vitest start runs on it too.
  env: cleanEnv({ PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH ?? ""}` }),
});
child.on("close", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
