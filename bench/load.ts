/**
 * Row 6: 1 000 concurrent `selfDelete` calls against the mock server, for our client and, as
 * the reference, raw `fetch`. Each runs in a child process (load-child.ts) started with
 * --expose-gc, so the heap is measured after real GCs, and so "nothing leaked" is checked the
 * only way that counts: the child, which never calls process.exit, must exit by itself once it
 * has closed the server.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Row } from "./table.js";
import { tsxLoader } from "./tsx-loader.js";

const exitWithinMs = 5000;
const maxGrowthBytes = 5 * 1024 * 1024;

interface ChildReport {
  ms: number;
  served: number;
  errors: string[];
  coldGrowth: number;
  growth: number;
  resources: string[];
}

interface ChildOutcome {
  report: ChildReport;
  /** Time from the report to the child's exit; undefined when it had to be killed. */
  exitMs: number | undefined;
  code: number | null;
}

async function runChild(subject: "ours" | "raw"): Promise<ChildOutcome> {
  const script = fileURLToPath(new URL("./load-child.ts", import.meta.url));
  const child = spawn(process.execPath, ["--expose-gc", "--import", tsxLoader, script, subject], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  let reportedAt: number | undefined;
  let killed = false;
  const watchdog = setInterval(() => {
    // Only the wait after the report counts: the calls themselves may be slow on a busy machine.
    if (reportedAt !== undefined && performance.now() - reportedAt > exitWithinMs) {
      killed = true;
      child.kill(); // this child only: it is ours and it did not exit
    }
  }, 100);
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    if (reportedAt === undefined && output.includes("\n")) reportedAt = performance.now();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const exitedAt = performance.now();
  clearInterval(watchdog);
  const line = output.split("\n")[0];
  if (!line) throw new Error(`load child (${subject}) printed nothing; exit ${code}`);
  return {
    report: JSON.parse(line) as ChildReport,
    exitMs: killed || reportedAt === undefined ? undefined : exitedAt - reportedAt,
    code,
  };
}

const mb = (bytes: number) => `${bytes >= 0 ? "+" : ""}${(bytes / 1024 / 1024).toFixed(2)} MB`;

export async function loadRows(): Promise<Row[]> {
  const raw = await runChild("raw");
  const ours = await runChild("ours");
  const section = "6. Load, 1 000 concurrent";
  const r = ours.report;
  return [
    {
      section,
      subject: "devrev-auth-tokens",
      figure: `${(r.ms / 1000).toFixed(2)} s / 1 000, ${r.errors.length} errors in ${r.served}`,
      ratios: `raw fetch ${(raw.report.ms / 1000).toFixed(2)} s`,
      target: "no error",
      met: r.errors.length === 0 && r.served === 2000,
    },
    {
      section,
      subject: "heap after GC, 2nd 1 000 vs 1st",
      figure: mb(r.growth),
      ratios: `raw fetch ${mb(raw.report.growth)}; 1st 1 000 (pools filling): ${mb(r.coldGrowth)}, raw fetch ${mb(raw.report.coldGrowth)}`,
      target: "growth < 5 MB",
      met: r.growth < maxGrowthBytes,
    },
    {
      section,
      subject: "exits by itself after close",
      figure:
        ours.exitMs === undefined
          ? `killed after ${exitWithinMs / 1000} s`
          : `exited in ${ours.exitMs.toFixed(0)} ms`,
      ratios: r.resources.length
        ? `open right after close: ${r.resources.join(", ")}`
        : "nothing open after close",
      target: `exits within ${exitWithinMs / 1000} s, no process.exit`,
      met: ours.exitMs !== undefined && ours.code === 0,
    },
  ];
}
