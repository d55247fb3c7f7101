/**
 * `npm run bench`: every measured promise of the package (size, cold start, per-call cost, HTTP,
 * retry timing, load, contract-diff) in one table, printed as Markdown.
 *
 *   npm run bench                      # print the table
 *   npm run bench -- --write           # also write it into docs/performance.md (bench markers)
 *   npm run bench -- --rounds=11       # more rounds per timing row (default 7)
 *   npm run bench -- --node 26         # on another Node line (22, 24, 26: test/runtimes/node)
 *
 * Not part of `npm test`: timings depend on the machine and its load (the header prints the
 * load average before and after, so a noisy run shows). Rows that have a target say whether it
 * is met; the exit code is 1 only when a row could not be measured at all.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeSection } from "../scripts/markdown.js";
import { endedOn, ensurePinned, nodeLines } from "../scripts/node-lines.js";
import { coldStartRows } from "./coldstart.js";
import { contractDiffRows } from "./contract-diff.js";
import { httpRows } from "./http.js";
import { inProcessRows } from "./inprocess.js";
import { loadRows } from "./load.js";
import { retryTimingRows } from "./retry-timing.js";
import { sizeRows } from "./size.js";
import { benchTable, type Row } from "./table.js";
import { root } from "./root.js";
import { tsxLoader } from "./tsx-loader.js";

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    write: { type: "boolean", default: false },
    node: { type: "string" },
  },
});
const rounds = Number(options.rounds);
const { write } = options;
const major = Number(process.versions.node.split(".")[0]);

// Another Node line: the whole benchmark runs again under it (every process it starts too).
if (options.node !== undefined && Number(options.node) !== major) {
  const line = nodeLines.find((candidate) => candidate.major === Number(options.node));
  if (!line) {
    const known = [major, ...nodeLines.map((candidate) => candidate.major)].join(", ");
    console.error(`bench: --node ${options.node}: not a line this project pins (${known}).`);
    process.exit(2);
  }
  ensurePinned();
  const rest = process.argv.slice(2).filter((arg, at, all) => {
    const previous = all[at - 1];
    return !arg.startsWith("--node") && previous !== "--node";
  });
  const run = spawnSync(
    line.bin,
    ["--import", tsxLoader, fileURLToPath(import.meta.url), ...rest, `--node=${line.major}`],
    {
      stdio: "inherit",
      // That Node first on PATH: the npm build the bench may start runs on it too.
      env: { ...process.env, PATH: `${dirname(line.bin)}${delimiter}${process.env["PATH"] ?? ""}` },
    },
  );
  process.exit(run.status ?? 1);
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const started = performance.now();
const loadBefore = load();

const sections: [string, () => Promise<Row[]>][] = [
  ["3. size", sizeRows],
  ["4. cold start", () => coldStartRows({ spawns: 11 })],
  ["2. in-process", () => inProcessRows({ rounds, warmup: 2 })],
  ["1. HTTP", () => httpRows({ rounds, warmup: 2 })],
  ["5. retry timing", () => retryTimingRows({ trials: 3 })],
  ["6. load", loadRows],
  ["7. contract-diff", () => contractDiffRows({ rounds })],
];
const rows = new Map<string, Row[]>();
let failed = false;
for (const [name, measure] of sections) {
  const t = performance.now();
  process.stderr.write(`bench: ${name}…`);
  try {
    rows.set(name, await measure());
    process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(" failed\n");
    const message = error instanceof Error ? error.message : String(error);
    rows.set(name, [{ section: name, subject: "", figure: "not measured", ratios: message }]);
  }
}
const ordered = [...rows.entries()]
  .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
  .flatMap(([, r]) => r);

const cpu = cpus();
const header =
  `${new Date().toISOString().slice(0, 10)}, Node ${process.version} (the Node ${major} line${endedOn(major) ? `, end-of-life since ${endedOn(major)}` : ""}), ${process.platform}/${process.arch}, ` +
  `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}; load average ${loadBefore} before, ` +
  `${load()} after; ${rounds} rounds; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`;
const unmet = ordered
  .filter((row) => row.met === false)
  .map((row) => `- ${row.section}, ${row.subject}: ${row.figure} (target ${row.target}).`);
const table =
  benchTable(ordered) +
  (unmet.length
    ? `\n\nTargets not met in this run:\n\n${unmet.join("\n")}`
    : "\n\nEvery target met.");
console.log(`${header}\n\n${table}`);

if (write) {
  const file = join(root, "docs", "performance.md");
  writeSection(
    { file, start: "<!-- bench:start -->", end: "<!-- bench:end -->" },
    `${header}\n\n${table}`,
  );
  console.error(`bench: wrote the table into ${file}`);
}
process.exitCode = failed ? 1 : 0;
