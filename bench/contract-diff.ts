/**
 * Row 7: how long `contract:diff` takes to read DevRev's whole public spec (YAML, about 1 MB,
 * 202 paths) and compare our operation with it (issue 12: "well under a second"). Measured here,
 * not asserted by a test: a timed test fails on a loaded machine for no fault of the code.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compareFacts } from "../scripts/compare-facts.js";
import { readSpec } from "../scripts/contract-diff.js";
import { operationFacts } from "../scripts/operation-facts.js";
import { root } from "./root.js";
import { median } from "./stats.js";
import type { Row } from "./table.js";

export async function contractDiffRows(options: { rounds: number }): Promise<Row[]> {
  const ours = operationFacts(
    await readSpec(path.join(root, "generated/openapi.json")),
    "post",
    "/auth-tokens.self.delete",
    "auth-tokens-self-delete",
  )!;
  const file = path.join(root, "test/fixtures/devrev-openapi-public.yaml");
  const runs: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    const theirs = operationFacts(
      await readSpec(file),
      "post",
      "/auth-tokens.self.delete",
      "auth-tokens-self-delete",
    );
    compareFacts(ours, theirs!);
    runs.push(performance.now() - started);
  }
  const ms = median(runs);
  return [
    {
      section: "7. contract:diff",
      subject: "DevRev's whole public spec (YAML, 202 paths), read and compared",
      figure: `${ms.toFixed(0)} ms (median of ${options.rounds}; min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)})`,
      ratios: "",
      target: "< 1 s",
      met: ms < 1000,
    },
  ];
}
