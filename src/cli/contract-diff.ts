/**
 * `devrev-auth-tokens contract-diff <spec>`: what changed between this package's contract and
 * the same operations in another OpenAPI document (JSON or YAML, 3.0 or 3.1), typically
 * DevRev's current published spec. One line per difference; the differences our contract makes
 * on purpose (known-differences.ts) are shown as such and are not drift. Exit 0 none, 1 drift,
 * 2 unreadable input, usage, or a stale generated/. Compiled with the rest of the CLI, so it
 * needs neither tsx nor a checkout.
 *
 * "Ours" is the spec in openapi/ (what a maintainer edits), or the file `--ours` names. Whenever
 * ours is openapi/ (by default or by `--ours`) and generated/openapi.json (what the client was
 * generated from, and what the package exports) is missing or no longer agrees with it in
 * anything compared, the command refuses, naming `npm run generate`: a comparison of a source
 * the client does not follow would say "no drift" of a client that drifted. Another file given
 * as `--ours` is compared as it is, without that check: such a comparison is not one of the
 * package's client.
 */
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compareDocuments, operationsOf } from "./contract/compare-documents.js";
import { type Node, assertOpenApi3, readSpec } from "./contract/document.js";
import { knownDifferences, knownDifferencesKey, sortOut } from "./contract/known-differences.js";
import type { ParsedArgs } from "./arguments.js";
import { contractDiffExitCodes } from "./exit-codes.js";
import type { Printer } from "./output.js";
import { printable } from "./contract/printable.js";

export { printable } from "./contract/printable.js";

/** Where a contract lives: the hand-written source (if shipped) and the bundle generated from it. */
export interface ContractFiles {
  source: string | undefined;
  bundled: string;
}

/** The root of this package (a checkout, or where it is installed), found through its exports. */
const packageRoot = () =>
  path.dirname(createRequire(import.meta.url).resolve("devrev-auth-tokens/package.json"));

/**
 * The contract files of the package at `root` (by default this one, from src/ and dist/ alike):
 * the source when it is there, and where the bundle is (the `./openapi.json` export), there or
 * not: a checkout never generated has none, and that is for `contractDiff` to say.
 */
export function packageContract(root: string = packageRoot()): ContractFiles {
  const source = path.join(root, "openapi", "devrev-auth-tokens.yaml");
  return {
    source: existsSync(source) ? source : undefined,
    bundled: path.join(root, "generated", "openapi.json"),
  };
}

/** Whether `a` and `b` name one file, however each is spelled (relative, through a link). */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;

/** Reads and checks one document; prints why and returns undefined when it cannot. */
async function readDocument(file: string, printer: Printer): Promise<Node | undefined> {
  try {
    const doc = await readSpec(file);
    assertOpenApi3(doc);
    return doc;
  } catch (error) {
    printer.err(
      printable(`contract-diff: cannot read ${shown(file)}: ${(error as Error).message}`),
    );
    return undefined;
  }
}

/**
 * Runs `contract-diff` with its parsed arguments (the spec to compare with, `--ours`);
 * resolves with the exit code.
 *
 * @example
 * ```ts
 * await contractDiff({ values: {}, positionals: ["devrev-openapi-public.yaml"] }, printer); // 0: no drift
 * ```
 */
export async function contractDiff(
  { values, positionals }: ParsedArgs,
  printer: Printer,
  given?: ContractFiles,
): Promise<number> {
  let contract: ContractFiles;
  try {
    contract = given ?? packageContract();
  } catch (error) {
    printer.err(
      printable(`contract-diff: cannot find this package's contract: ${(error as Error).message}`),
    );
    return contractDiffExitCodes.unreadable;
  }
  const theirsFile = path.resolve(positionals[0]!);
  const oursFile = path.resolve(
    (values.ours as string | undefined) ?? contract.source ?? contract.bundled,
  );
  const ours = await readDocument(oursFile, printer);
  const theirs = ours && (await readDocument(theirsFile, printer));
  if (!ours || !theirs) return contractDiffExitCodes.unreadable;
  if (operationsOf(ours).length === 0) {
    printer.err(printable(`contract-diff: ${shown(oursFile)} defines no operation to compare`));
    return contractDiffExitCodes.unreadable;
  }
  try {
    // generated/ is checked whenever ours is openapi/ (by default, or named by --ours): the
    // client follows generated/, so a verdict on openapi/ is one on the client only when they
    // agree. Another file given as --ours is compared as it is: that says nothing of the client.
    if (contract.source && sameFile(oursFile, contract.source)) {
      const stale = await staleness(ours, contract.bundled);
      if (stale) {
        printer.err(...stale.map(printable));
        return contractDiffExitCodes.unreadable;
      }
    }
    const sorted = sortOut(compareDocuments(ours, theirs), knownDifferences(ours));
    printer.out(...sorted.drift.map(printable));
    printer.out(
      ...sorted.known.map((k) => printable(`known difference: ${k.difference} (${k.why})`)),
    );
    const sides = `ours: ${shown(oursFile)}; theirs: ${shown(theirsFile)}`;
    const known = sorted.known.length
      ? `, ${sorted.known.length} known difference(s) our contract makes on purpose`
      : "";
    // The file names too: a name is a value like any other, and may hold a newline.
    printer.out(
      printable(
        sorted.drift.length
          ? `contract-diff: ${sorted.drift.length} difference(s)${known} (${sides})`
          : `contract-diff: no drift${known} (${sides})`,
      ),
    );
    for (const k of sorted.unseen)
      printer.err(
        printable(
          `contract-diff: note: ${knownDifferencesKey} in ${shown(oursFile)} lists a difference not found here: ${k.difference}`,
        ),
      );
    return sorted.drift.length ? contractDiffExitCodes.drift : contractDiffExitCodes.same;
  } catch (error) {
    printer.err(printable(`contract-diff: cannot compare: ${(error as Error).message}`));
    return contractDiffExitCodes.unreadable;
  }
}

/**
 * Why generated/openapi.json cannot stand for openapi/ (the lines where they differ in anything
 * compared, and what to run); undefined when it can.
 */
async function staleness(source: Node, bundledFile: string): Promise<string[] | undefined> {
  if (!existsSync(bundledFile))
    return [
      `contract-diff: ${shown(bundledFile)} is missing: the client has not been generated from openapi/ yet.`,
      "contract-diff: run `npm run generate`, then contract-diff again.",
    ];
  let lines: string[];
  try {
    const bundled = await readSpec(bundledFile);
    lines = compareDocuments(source, bundled);
    if (JSON.stringify(knownDifferences(source)) !== JSON.stringify(knownDifferences(bundled)))
      lines.push(`${knownDifferencesKey}: ours and the generated bundle list different ones`);
  } catch (error) {
    lines = [`the bundle cannot be read: ${(error as Error).message}`];
  }
  if (!lines.length) return undefined;
  return [
    `contract-diff: ${shown(bundledFile)} is stale: it differs from openapi/ in ${lines.length} of the facts compared (ours: openapi/, theirs: the bundle), so the client was generated from another contract than the one to compare:`,
    ...lines.slice(0, 10).map((line) => `  ${line}`),
    ...(lines.length > 10 ? [`  … and ${lines.length - 10} more`] : []),
    "contract-diff: run `npm run generate`, then contract-diff again.",
  ];
}
