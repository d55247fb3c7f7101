/**
 * Compiles TypeScript files with the project's own compiler options, for tests that must show
 * code *fails* to compile (a missing switch case) — something a .test-d.ts cannot assert.
 *
 * The compiler is the project's own type checker, TypeScript 7's tsc (`npm run typecheck`), run
 * on a tsconfig that extends tsconfig.json and lists only `files`: about 0.3 s a run where
 * TypeScript 5's API took 4–5 s of CPU. Its diagnostics read as TypeScript 5's did (same codes,
 * same message chains), returned one per entry as `<file name>: TS<code> <message>`.
 * TypeScript 5 consumers of the package are tested in test/package/consumers.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const tsc = path.join(projectRoot, "node_modules/typescript7/bin/tsc");

export function compile(files: string[]): string[] {
  // Inside the project, so node_modules (and @types/node) resolve as for tsconfig.json.
  const dir = mkdtempSync(path.join(projectRoot, ".tmp-compile-"));
  try {
    const config = path.join(dir, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        extends: path.join(projectRoot, "tsconfig.json"),
        // Whole types in messages: TypeScript 7 orders a union's members differently from
        // TypeScript 5, so a member a test looks for may fall in the "... 13 more ..." part.
        compilerOptions: { noEmit: true, noErrorTruncation: true },
        files: files.map((file) => path.resolve(file)),
        // Not the base config's include: only `files`.
        include: [],
      }),
    );
    // --singleThreaded: tests run side by side, and tsc's parallel checkers would repeat work.
    const result = spawnSync(
      process.execPath,
      [tsc, "-p", config, "--pretty", "false", "--singleThreaded"],
      { cwd: projectRoot, encoding: "utf8" },
    );
    if (result.error) throw result.error;
    const output = `${result.stdout}${result.stderr}`;
    // One diagnostic per "file(line,col): error TSxxxx: message" line; the indented lines that
    // follow are the rest of its message chain.
    const diagnostics: string[] = [];
    for (const line of output.split("\n")) {
      if (line.trim() === "") continue;
      const located = /^(.+?)\(\d+,\d+\): error TS(\d+): (.*)$/.exec(line);
      const global = /^error TS(\d+): (.*)$/.exec(line);
      if (located) diagnostics.push(`${path.basename(located[1]!)}: TS${located[2]} ${located[3]}`);
      else if (global) diagnostics.push(`: TS${global[1]} ${global[2]}`);
      else if (diagnostics.length > 0 && /^\s/.test(line))
        diagnostics[diagnostics.length - 1] += `\n${line}`;
      else diagnostics.push(`: ${line}`); // anything else tsc says is a failure too
    }
    if (result.status !== 0 && diagnostics.length === 0) {
      diagnostics.push(`: tsc exited with ${result.status ?? result.signal}`);
    }
    return diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
