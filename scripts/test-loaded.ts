/**
 * `npm run test:loaded`: the tests that measure time, run while two busy loops keep both cores
 * of a CI machine loaded. A timing test must hold on a busy machine; this is where it is proven.
 *
 * The files are found, not listed: every test file that reads a clock (`performance.now()`,
 * `Date.now() -`, a recorded `receivedAt`). One busy loop per core (node's own `for (;;);`)
 * runs for the whole vitest run and is killed after it, whatever the outcome.
 *
 * Usage: npm run test:loaded [-- extra vitest arguments]
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inheritStdio } from "./spawn.ts";

const root = path.resolve(import.meta.dirname, "..");
const readsClock = /performance\.now\(\)|Date\.now\(\) -|receivedAt/;

const files = readdirSync(path.join(root, "test"), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".test.ts"))
  .map((file) => path.join("test", file))
  .filter((file) => readsClock.test(readFileSync(path.join(root, file), "utf8")))
  .sort();

const cores = os.availableParallelism();
const loops = Array.from({ length: cores }, () =>
  spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }),
);
console.log(`test:loaded: ${files.length} files that read a clock, with ${cores} busy loops`);
try {
  process.exitCode = await inheritStdio(
    path.join(root, "node_modules", ".bin", "vitest"),
    ["run", ...files, ...process.argv.slice(2)],
    { cwd: root },
  );
} finally {
  for (const loop of loops) loop.kill("SIGKILL");
}
