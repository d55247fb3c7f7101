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
 * anything of `src/testing` (the mock is Node-only and must never reach the main entry) or any
 * Node built-in module.
 *
 * The bundles are built from the source entry (src/index.ts, which is what dist/index.js is
 * compiled from), so the check needs no build and takes well under a second; esbuild and
 * zlib are deterministic, so the figures only move when the code does.
 *
 * Usage: `npm run size` (or `tsx scripts/size-budget.ts`).
 */
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

/**
 * The goal set for the bundle (issue "Measure and hold the speed"): 4.0 KB with openapi-fetch.
 * Not met today: openapi-fetch alone is 2.5 KB and this package's layer (input checks whose
 * errors list what is allowed, bounded reading, redaction, retries, the contract's constants)
 * about 4.6 KB. The benchmark reports the gap against this figure.
 */
export const targetBytes = 4096;

/**
 * What CI enforces: a ratchet just above today's size of the handwritten layer with
 * openapi-fetch (the generated constants left out), so that part cannot grow unnoticed. Lower
 * it whenever it shrinks; raising it is a decision to write down here, with its reason.
 *
 * Until the figures were split, the ratchet held the whole bundle, generated constants
 * included, and had 9 B to spare: two or three token types more in the spec failed CI. The
 * history below is of that figure. Split at 9,630 B in all, of which the generated constants
 * 352 B, the ratchet became 9,280 B for the handwritten part (9,278 B): the same code, without
 * the bytes the spec grows.
 *
 * Raised from 7,424 B to 8,448 B for issue 10 (truthful results), written down here: the
 * per-attempt history, uncertain attempts (`earlierAttemptUncertain`, which failures may have
 * reached the server on each runtime), the token function inside the attempt's clock,
 * `token_unavailable`, every token redacted, 200/204 success bodies, refused per-call options
 * and header checks took the bundle from 7,158 B to 8,990 B; compacting the whole layer with
 * the same behaviour brought it to 8,392 B. With every message of ours removed it would still
 * be 7,272 B, so the old figure could only be met by dropping behaviour that keeps a revocation
 * from being reported as a refusal. Truth first; the bytes are the price.
 *
 * Raised again to 9,600 B for issue 14 (openapi-fetch middleware that works on `raw` and
 * `selfDelete`: a real Request only when middleware is registered, the answer handed to
 * `onResponse` and judged again if middleware replaced it; a logger with levels and
 * `DEVREV_LOG`): about 1,170 B, 8,392 -> 9,562 B. Issue 14 asked for 7,424 B, which issue 10's
 * figure above had already made out of reach: without any of issue 14's code the bundle would
 * be 8,392 B, and without a single message of ours 7,272 B, leaving 152 B for all of it. The
 * per-call speed-up that followed (settings completed in place, 10 µs per call) and the guard
 * that keeps the token with the base URL's origin whatever middleware does were paid for
 * within this figure (9,596 B).
 *
 * Raised to 9,650 B for one more truth (issue 14's review): a middleware that throws after a
 * request was sent makes the call reject, as openapi-fetch documents, so the log now says what
 * the call came to ("… came to ok: that outcome stands"), lest a revocation read as a failure.
 * Moving the log's prefix to one place paid for part of it: 9,596 -> 9,648 B. Lowered to
 * 9,640 B when one definition of the longest timer replaced three copies (9,631 B).
 *
 * Raised to 9,700 B for `keepalive` (issue 21: revoking at logout in a browser, right before
 * the page navigates away): the option declared among the per-call names, checked as a boolean
 * with a message saying what is allowed, and handed to `fetch` only when asked. 9,631 ->
 * 9,690 B; handing it to `fetch` unconditionally would save 2 B and change every other call's
 * init.
 *
 * Raised to 14,440 B for misuse and hostile answers (CHANGELOG.md, "Unreleased"): every option
 * name checked with the nearest one suggested, options and bodies read once as plain objects,
 * missing values refused, the token kept under the base URL on every attempt, one redaction that
 * decodes every spelling of an echoed token, the attempt's own clock around any fetch,
 * middleware bounded by it, intermediaries' answers judged uncertain, tokens and base URLs a
 * header or fetch cannot carry refused in words about them: 9,690 -> 14,433 B. Each is a case
 * (most found by trying, a red team's among them) where the old bundle sent the token somewhere
 * unnamed, revoked what was not named, gave the token back, hung, or reported a refusal that
 * may have been a revocation.
 */
export const budgetBytes = 14440;

/** The module whose bytes grow with the spec, measured apart from the handwritten layer. */
const generatedConstants = /(^|[\\/])generated[\\/]constants(\.[jt]s)?$/;
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

/** What is wrong with a bundle of the main entry; empty when it is within the rules. */
export function budgetProblems({ total, handwritten }: SizeReport): string[] {
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
