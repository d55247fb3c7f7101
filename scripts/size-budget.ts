/**
 * The size budget CI enforces: what a browser app pays for
 * `import { createDevRevClient } from "devrev-auth-tokens"`, openapi-fetch included, bundled
 * by esbuild (browser, ESM, minified, tree-shaken) and gzipped at level 9.
 *
 * Two figures are measured, because they grow for different reasons:
 * - the handwritten layer with openapi-fetch: the bundle with generated/constants.ts left out
 *   (as an import). This is what people write, and what the ratchet `budgetBytes` holds;
 * - the generated constants: the whole bundle's size less the figure above. They grow with the
 *   spec (every token type DevRev adds is a string in them), so they are reported, never
 *   failed on: following DevRev must not need a budget edit.
 *
 * Exits 1 when the handwritten figure is over `budgetBytes`, or when the bundle pulls in
 * anything of `src/testing` (the mock is Node-only and must never reach the main entry), any
 * Node built-in module, any generated module but the constants (the one part left unbudgeted,
 * so nothing else may hide there), or anything of the mock's error bodies
 * (generated/error-bodies.ts), however it got in.
 *
 * The bundles are built from the source entry (src/index.ts, which is what dist/index.js is
 * compiled from), so the check needs no build and takes well under a second; esbuild and
 * zlib are deterministic, so the figures only move when the code does.
 *
 * Usage: `npm run size` (or `tsx scripts/size-budget.ts`).
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { errorBodies } from "../generated/error-bodies.ts";

/**
 * What CI enforces: a ratchet just above today's size of the handwritten layer with
 * openapi-fetch (the generated constants left out), so that part cannot grow unnoticed. Lower
 * it whenever it shrinks; raising it is a decision written down in CHANGELOG.md, with what the
 * bytes bought and the figures before and after (`npm run size`). Last raised for a keepalive
 * body of any kind measured against the browsers' 64 KiB before sending: 14,145 -> 14,206 B.
 */
export const budgetBytes = 14270;

/** The module whose bytes grow with the spec, measured apart from the handwritten layer. */
const generatedConstants = /(^|[\\/])generated[\\/]constants(\.[jt]s)?$/;
/** The only generated module the browser bundle may hold (generated/schema.ts is types only). */
const allowedGenerated = "generated/constants.ts";
const root = fileURLToPath(new URL("..", import.meta.url));

/** The entry as an app would write it, with the package name resolved to the source entry. */
export const packageEntry = 'export { createDevRevClient } from "devrev-auth-tokens";';

export interface BundleSize {
  minified: number;
  gzip: number;
  /** Bytes each input file contributes to the minified output, largest first. */
  inputs: { path: string; bytes: number }[];
  /** Paths (relative to the repository) of every file in the bundle. */
  files: string[];
  /** Modules left as imports of the output (none, for a self-contained browser bundle). */
  externals: string[];
  /** The minified output itself. */
  code: string;
}

/** How to treat generated/constants.ts in a bundle. */
export interface BundleOptions {
  /** Leave it out of the bundle, as an import (the handwritten figure). */
  withoutGeneratedConstants?: boolean;
  /** Bundle this source in its place (a test's longer enum, say). */
  generatedConstantsSource?: string;
}

/**
 * Bundles `contents` (an ES module, resolved from the repository root) as a browser app would
 * and measures it. Throws esbuild's error when it cannot be bundled for the browser (e.g. it
 * imports `node:http`).
 */
export async function bundleSize(
  contents: string,
  options: BundleOptions = {},
): Promise<BundleSize> {
  const result = await build({
    plugins: [
      {
        name: "generated-constants",
        setup(plugin) {
          plugin.onResolve({ filter: generatedConstants }, (args) =>
            options.withoutGeneratedConstants
              ? { path: "devrev-auth-tokens/generated/constants", external: true }
              : undefined,
          );
          plugin.onLoad({ filter: generatedConstants }, () =>
            options.generatedConstantsSource === undefined
              ? undefined
              : { contents: options.generatedConstantsSource, loader: "ts" },
          );
        },
      },
    ],
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "size-entry.ts" },
    absWorkingDir: root,
    alias: { "devrev-auth-tokens": "./src/index.ts" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles[0]!.contents;
  const metafile: Metafile = result.metafile;
  const output = Object.values(metafile.outputs)[0]!;
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.entries(output.inputs)
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .filter(({ bytes }) => bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
    files: Object.keys(metafile.inputs),
    externals: output.imports.filter((entry) => entry.external).map((entry) => entry.path),
    code: new TextDecoder().decode(code),
  };
}

const builtins = new Set(builtinModules);
const isNodeBuiltin = (path: string) => path.startsWith("node:") || builtins.has(path);

/** The main entry's bundle measured whole and without the generated constants. */
export interface SizeReport {
  /** Everything a browser app ships. */
  total: BundleSize;
  /** The handwritten layer and openapi-fetch: the budgeted part. */
  handwritten: BundleSize;
  /** What the generated constants add to the gzipped bundle: `total` less `handwritten`. */
  generatedGzip: number;
}

/**
 * Measures the main entry both ways (see the header).
 *
 * @example
 * ```ts
 * const { handwritten, generatedGzip } = await measureEntry();
 * ```
 */
export async function measureEntry(options: BundleOptions = {}): Promise<SizeReport> {
  const [total, handwritten] = await Promise.all([
    bundleSize(packageEntry, options),
    bundleSize(packageEntry, { ...options, withoutGeneratedConstants: true }),
  ]);
  return { total, handwritten, generatedGzip: total.gzip - handwritten.gzip };
}

/**
 * Texts only the mock's error bodies hold (their examples' messages, ids…: every string of
 * them that the constants do not also hold), by which any of them is found in a bundle,
 * whichever module carried it there.
 */
export function errorBodyMarkers(
  bodies: unknown = errorBodies,
  constants: string = readFileSync(new URL("../generated/constants.ts", import.meta.url), "utf8"),
): string[] {
  const strings = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === "string") strings.add(node);
    else if (node && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(bodies);
  // Long enough to be unmistakable; without characters a bundler may escape.
  return [...strings].filter(
    (text) => text.length >= 16 && !/["'`\\\n<]/.test(text) && !constants.includes(text),
  );
}

/** What is wrong with a bundle of the main entry; empty when it is within the rules. */
export function budgetProblems(
  { total, handwritten }: SizeReport,
  markers: readonly string[] = errorBodyMarkers(),
): string[] {
  const size = total;
  const problems: string[] = [];
  if (handwritten.gzip > budgetBytes)
    problems.push(
      `the handwritten layer with openapi-fetch is ${handwritten.gzip} bytes gzipped, over the budget of ${budgetBytes} bytes.`,
    );
  const testing = size.files.filter((file) => /(^|\/)src\/testing\//.test(file));
  if (testing.length > 0)
    problems.push(`The mock server reached the main entry's bundle: ${testing.join(", ")}.`);
  const nodeModules = [...size.externals, ...size.files].filter(isNodeBuiltin);
  if (nodeModules.length > 0)
    problems.push(`Node built-in modules reached the bundle: ${nodeModules.join(", ")}.`);
  const generated = size.files.filter(
    (file) => /(^|\/)generated\//.test(file) && file !== allowedGenerated,
  );
  if (generated.length > 0)
    problems.push(
      `Generated modules other than ${allowedGenerated} reached the bundle (only the constants are left out of the budget): ${generated.join(", ")}.`,
    );
  const leaked = markers.filter((marker) => size.code.includes(marker));
  if (leaked.length > 0)
    problems.push(
      `The mock's error bodies (generated/error-bodies.ts) reached the bundle: it holds ${leaked
        .slice(0, 3)
        .map((text) => JSON.stringify(text))
        .join(", ")}${leaked.length > 3 ? ` and ${leaked.length - 3} more of their texts` : ""}.`,
    );
  return problems;
}

async function main(): Promise<number> {
  let report: SizeReport;
  try {
    report = await measureEntry();
  } catch (error) {
    // esbuild refuses `node:` imports (and bare built-ins) for the browser: that is a failure too.
    const errors = (error as { errors?: { text: string }[] }).errors;
    console.error("size-budget: the main entry cannot be bundled for the browser:");
    for (const text of errors?.map((e) => e.text) ?? [String(error)]) console.error(`  ${text}`);
    return 1;
  }
  const { total, handwritten, generatedGzip } = report;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  console.log(
    `size-budget: createDevRevClient for the browser: ${total.minified} B minified, ` +
      `${total.gzip} B (${kb(total.gzip)}) gzip -9 in all; the handwritten layer with ` +
      `openapi-fetch ${handwritten.gzip} B (budget ${budgetBytes} B), the generated constants ` +
      `${generatedGzip} B (not budgeted: they grow with the spec).`,
  );
  const problems = budgetProblems(report);
  if (problems.length === 0) return 0;
  for (const problem of problems) console.error(`size-budget: FAIL: ${problem}`);
  console.error("size-budget: minified bytes by input:");
  for (const { path, bytes } of total.inputs)
    console.error(`  ${String(bytes).padStart(6)}  ${path}`);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
