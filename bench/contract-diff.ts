/**
 * Row 7: how long `contract-diff` takes on DevRev's whole public spec (YAML, about 1 MB): read
 * and compared in process, and as users run it, the compiled command (`node
 * dist/src/cli/main.js contract-diff <spec>`, a process of its own: no tsx, no checkout needed).
 * Target: well under a second. Measured here, not asserted by a test: a timed test fails on a
 * loaded machine for no fault of the code.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compareFacts } from "../src/cli/contract/compare.js";
import { readSpec } from "../src/cli/contract/document.js";
import { findOperation, operationFacts } from "../src/cli/contract/operation-facts.js";
import { root } from "./root.js";
import { compiledEntry } from "./shipped.js";
import { median } from "./stats.js";
import type { Row } from "./table.js";

const opPath = "/auth-tokens.self.delete";
const opId = "auth-tokens-self-delete";

async function factsOf(file: string) {
  const doc = await readSpec(file);
  return operationFacts(doc, findOperation(doc, "post", opPath, opId)!);
}

const figure = (runs: number[], rounds: number) =>
  `${median(runs).toFixed(0)} ms (median of ${rounds}; min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)})`;

export async function contractDiffRows(options: { rounds: number }): Promise<Row[]> {
  const ours = await factsOf(path.join(root, "openapi/devrev-auth-tokens.yaml"));
  const file = path.join(root, "test/fixtures/devrev-openapi-public.yaml");
  const inProcess: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    compareFacts(ours, await factsOf(file));
    inProcess.push(performance.now() - started);
  }
  compiledEntry(); // builds dist/ when it is stale
  const command: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [path.join(root, "dist/src/cli/main.js"), "contract-diff", file],
      { cwd: root, encoding: "utf8" },
    );
    command.push(performance.now() - started);
    if (run.status !== 0)
      throw new Error(`contract-diff exited ${run.status}: ${run.stdout}${run.stderr}`);
  }
  const section = "7. contract-diff";
  const subject = "DevRev's whole public spec (YAML, about 1 MB)";
  return [
    {
      section,
      subject: `${subject}, read and compared in process`,
      figure: figure(inProcess, options.rounds),
      ratios: "",
      target: "< 1 s",
      met: median(inProcess) < 1000,
    },
    {
      section,
      subject: `${subject}: the compiled command, a process of its own`,
      figure: figure(command, options.rounds),
      ratios: "",
      target: "< 1 s",
      met: median(command) < 1000,
    },
  ];
}
