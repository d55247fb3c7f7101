/**
 * The TypeScript builds of the consumer programs (programs.ts): which compiler, which settings,
 * and what must come out, compiled in the consumer project as `tsc -p` would. Independent
 * builds run at once; compilers share a small pool.
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Consumer } from "./programs.ts";
import { run } from "./run.ts";

const root = path.resolve(import.meta.dirname, "../..");
export const compilers = {
  ts5: path.join(root, "node_modules/typescript/bin/tsc"),
  ts7: path.join(root, "node_modules/typescript7/bin/tsc"),
} as const;
export type Compiler = keyof typeof compilers;

export interface Program {
  name: string;
  options: Record<string, unknown>;
  files: string[];
  /** undefined: must compile cleanly; otherwise the errors that must appear (and nothing else). */
  errors?: RegExp[];
  /** Emit into out-<name>/ and run this emitted file as the given consumer. */
  runs?: { file: string; consumer: Consumer };
}

const strict = {
  strict: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom"],
  // No @types/node: the package's declarations must not need it.
  types: [],
  // Check the package's .d.ts files too (not TypeScript's own lib files).
  skipLibCheck: false,
  skipDefaultLibCheck: true,
};
const withNodeTypes = { types: ["node"], typeRoots: [path.join(root, "node_modules/@types")] };
const missingCase = [/TS2322: Type 'TimeoutError' is not assignable to type 'never'/];

/**
 * The programs one compiler builds. TypeScript 7 builds them all in a few seconds; TypeScript 5
 * (single-threaded, several seconds each) skips the two whose module resolution another of its
 * programs already covers: `preserve` (bundler resolution, as `bundler`) and `nodenext-cts`
 * (require of ESM, as `node20-cts`).
 */
export function programs(compiler: Compiler): Program[] {
  const cts = (module: string): Program["options"] => ({ module, ...withNodeTypes });
  const ts7Only = new Set(["preserve", "nodenext-cts"]);
  const all: Program[] = [
    {
      name: "node16",
      options: { module: "node16", moduleResolution: "node16" },
      files: ["exhaustive.ts"],
    },
    {
      name: "bundler",
      options: { module: "esnext", moduleResolution: "bundler" },
      files: ["exhaustive.ts"],
    },
    {
      name: "preserve",
      options: { module: "preserve", moduleResolution: "bundler" },
      files: ["exhaustive.ts"],
    },
    { name: "commonjs", options: { module: "commonjs" }, files: ["legacy.ts"] },
    {
      name: "node20-cts",
      options: { ...cts("node20"), noEmit: false, outDir: `out-${compiler}` },
      files: ["consumer.cts"],
      runs: {
        file: `out-${compiler}/consumer.cjs`,
        consumer: compiler === "ts5" ? "ts5-cts" : "ts7-cts",
      },
    },
    { name: "nodenext-cts", options: cts("nodenext"), files: ["consumer.cts"] },
    {
      name: "node16-cts",
      options: { ...cts("node16"), skipLibCheck: true },
      files: ["consumer.cts"],
      // TypeScript models Node 16, which could not require() ESM; see docs/runtimes.md.
      errors: [
        /TS1479: The current file is a CommonJS module whose imports will produce 'require' calls; however, the referenced file is an ECMAScript module/,
      ],
    },
    {
      name: "node16-missing-case",
      options: { module: "node16", moduleResolution: "node16", skipLibCheck: true },
      files: ["missing-case.ts"],
      errors: missingCase,
    },
    {
      name: "bundler-missing-case",
      options: { module: "preserve", moduleResolution: "bundler", skipLibCheck: true },
      files: ["missing-case.ts"],
      errors: missingCase,
    },
  ];
  return compiler === "ts7" ? all : all.filter((program) => !ts7Only.has(program.name));
}

/** At most `slots` compilers at a time: TypeScript 5 is single-threaded and CPU-bound. */
function pool(slots: number) {
  const waiting: (() => void)[] = [];
  let busy = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (busy >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
    try {
      return await task();
    } finally {
      busy--;
      waiting.shift()?.();
    }
  };
}
const compileSlot = pool(Math.max(2, os.availableParallelism()));

export interface Compiled {
  code: number;
  output: string;
}

/** A compiler for the programs in `project`: `compile` builds one as `tsc -p` does. */
export function typeScriptIn(project: string): {
  compile(compiler: Compiler, program: Program): Promise<Compiled>;
} {
  async function writeConfig(compiler: Compiler, program: Program): Promise<string> {
    const config = path.join(project, `tsconfig.${compiler}.${program.name}.json`);
    await writeFile(
      config,
      JSON.stringify({ compilerOptions: { ...strict, ...program.options }, files: program.files }),
    );
    return config;
  }

  /**
   * Every TypeScript 5 program, compiled in one process (./typescript-programs.mjs): what `tsc
   * -p` would report for each, without paying for node, the compiler and the lib files' parsing
   * once per program (~18 s of CPU for seven processes, ~10 s for one).
   */
  let ts5Batch: Promise<Map<string, Compiled>> | undefined;
  function compileTs5(program: Program): Promise<Compiled> {
    ts5Batch ??= (async () => {
      const configs = await Promise.all(programs("ts5").map((each) => writeConfig("ts5", each)));
      const result = await compileSlot(() =>
        run(
          process.execPath,
          [
            path.join(import.meta.dirname, "typescript-programs.mjs"),
            path.join(root, "node_modules/typescript"),
            ...configs,
          ],
          { cwd: project },
        ),
      );
      if (result.code !== 0) {
        throw new Error(`typescript-programs.mjs failed (exit ${result.code}):\n${result.stderr}`);
      }
      const compiled = JSON.parse(result.stdout) as (Compiled & { config: string })[];
      return new Map(compiled.map(({ config, code, output }) => [config, { code, output }]));
    })();
    const config = path.join(project, `tsconfig.ts5.${program.name}.json`);
    return ts5Batch.then((compiled) => compiled.get(config)!);
  }

  /** Compiles one program as `tsc -p` does, returning its diagnostics one per line. */
  async function compile(compiler: Compiler, program: Program): Promise<Compiled> {
    if (compiler === "ts5") return compileTs5(program);
    const config = await writeConfig(compiler, program);
    const result = await compileSlot(() =>
      // --singleThreaded: tests run side by side, and tsc's parallel checkers would repeat work.
      run(
        process.execPath,
        [compilers[compiler], "-p", config, "--pretty", "false", "--singleThreaded"],
        { cwd: project },
      ),
    );
    return { code: result.code, output: `${result.stdout}${result.stderr}`.trim() };
  }

  return { compile };
}
