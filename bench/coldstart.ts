/**
 * Row 4: what starting a process costs, as a ratio to `node -e 0`: importing the main entry,
 * `devrev-auth-tokens --version`, and importing `@devrev/typescript-sdk`. Each command is
 * spawned several times, interleaved with the others, and the median wall time kept.
 *
 * The entry imported is dist/index.js, what an installed package runs (built first when missing
 * or stale; never through tsx, whose own loader would dwarf the figure). The same entry bundled
 * with openapi-fetch into one file is timed beside it, and an empty ES module, whose cost (the
 * ESM loader's start-up) any ESM app pays whatever it imports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { median, times } from "./stats.js";
import type { Row } from "./table.js";
import { root } from "./root.js";
import { compiledEntry } from "./shipped.js";

function spawnMs(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}`);
  return ms;
}

export async function coldStartRows(options: { spawns: number }): Promise<Row[]> {
  const entry = { path: compiledEntry(), label: "import dist/index.js (the main entry)" };
  // An empty ES module: the ESM loader's own start-up, which any ESM app pays anyway.
  const emptyModule = join(root, ".tmp", "bench-empty.mjs");
  mkdirSync(join(root, ".tmp"), { recursive: true });
  writeFileSync(emptyModule, "");
  // For comparison: the same entry bundled into one file, as a build could ship it. Each module
  // of a multi-file dist is one more resolution, read and compile at start-up.
  const bundled = join(root, ".tmp", "bench-bundle", "index.js");
  await build({
    absWorkingDir: root,
    entryPoints: ["src/index.ts"],
    outfile: bundled,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
  const cli = join(root, "bin", "devrev-auth-tokens.js");
  const commands: { label: string; args: string[] }[] = [
    { label: "node -e 0", args: ["-e", "0"] },
    { label: "node empty.mjs (ESM loader alone)", args: [emptyModule] },
    { label: entry.label, args: [entry.path] },
    { label: "import src + openapi-fetch in one file", args: [bundled] },
    { label: "import @devrev/typescript-sdk", args: ["-e", 'require("@devrev/typescript-sdk")'] },
  ];
  if (existsSync(cli))
    commands.push({ label: "devrev-auth-tokens --version", args: [cli, "--version"] });
  const samples = new Map(commands.map((c) => [c.label, [] as number[]]));
  for (const c of commands) spawnMs(c.args); // warm-up: the OS file cache
  for (let i = 0; i < options.spawns; i++) {
    for (let j = 0; j < commands.length; j++) {
      const c = commands[(i + j) % commands.length]!;
      samples.get(c.label)!.push(spawnMs(c.args));
    }
  }
  const base = median(samples.get("node -e 0")!);
  const section = "4. Cold start";
  const rows: Row[] = commands.map((c) => {
    const ms = median(samples.get(c.label)!);
    const row: Row = {
      section,
      subject: c.label,
      figure: `${ms.toFixed(1)} ms`,
      ratios: `${times(ms / base)} node -e 0 (+${(ms - base).toFixed(1)} ms)`,
    };
    if (c.label === entry.label) {
      row.target = "adds ≤ 10 ms to node -e 0";
      row.met = ms - base <= 10;
    } else if (c.label === "devrev-auth-tokens --version") {
      row.target = "≤ 1.5x node -e 0";
      row.met = ms / base <= 1.5;
    }
    return row;
  });
  if (!existsSync(cli))
    rows.push({
      section,
      subject: "devrev-auth-tokens --version",
      figure: "skipped",
      ratios: "bin/devrev-auth-tokens.js is missing",
    });
  return rows;
}
