/**
 * `devrev-auth-tokens contract-diff <spec>`: what changed between this package's contract and
 * the same operations in another OpenAPI document (JSON or YAML, 3.0 or 3.1), typically
 * DevRev's current published spec. One line per difference; exit 0 none, 1 drift, 2 unreadable
 * input or usage. Compiled with the rest of the CLI, so it needs neither tsx nor a checkout.
 *
 * "Ours" is the spec in openapi/ (what a maintainer edits); when generated/openapi.json (what
 * the client was generated from, and what the package exports) no longer agrees with it, the
 * command says so and names `npm run generate`.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compareFacts, describeDifference } from "./contract/compare.js";
import { type Node, assertOpenApi3, httpMethods, readSpec } from "./contract/document.js";
import { type OperationFacts, findOperation, operationFacts } from "./contract/operation-facts.js";
import type { ParsedArgs } from "./arguments.js";
import { contractDiffExitCodes } from "./exit-codes.js";
import type { Printer } from "./output.js";

/** Where a contract lives: the hand-written source (if shipped) and the bundle generated from it. */
export interface ContractFiles {
  source: string | undefined;
  bundled: string;
}

/** The package's own contract files, found through its exports, from src/ and dist/ alike. */
export function packageContract(): ContractFiles {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("devrev-auth-tokens/package.json"));
  const source = path.join(root, "openapi", "devrev-auth-tokens.yaml");
  return {
    source: existsSync(source) ? source : undefined,
    bundled: require.resolve("devrev-auth-tokens/openapi.json"),
  };
}

/** Every operation a document defines, as `[method, path, operationId]`. */
function operationsOf(doc: Node): [string, string, string | undefined][] {
  return Object.entries<Node>(doc.paths ?? {}).flatMap(([where, item]) =>
    httpMethods
      .filter((method) => item?.[method])
      .map((method): [string, string, string | undefined] => [
        method,
        where,
        item[method].operationId,
      ]),
  );
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;
const where = (facts: { method: string; path: string }) =>
  `${facts.method.toUpperCase()} ${facts.path}`;

/** The lines comparing every operation of `ours` with `theirs`; `found` false when one is gone. */
function compareDocuments(ours: Node, theirs: Node): { lines: string[]; count: number } {
  const lines: string[] = [];
  let count = 0;
  for (const [method, at, operationId] of operationsOf(ours)) {
    const label = `operation ${operationId ?? where({ method, path: at })}`;
    const mine = operationFacts(ours, { method, path: at, operation: ours.paths[at][method] });
    const found = findOperation(theirs, method, at, operationId);
    if (!found) {
      lines.push(
        `${label}: ours has it (${where(mine)}), theirs has neither the path nor the operationId`,
      );
      count++;
      continue;
    }
    const other: OperationFacts = operationFacts(theirs, found);
    const moved = other.path !== mine.path;
    const changedMethod = other.method !== mine.method;
    if (moved || changedMethod) {
      const what =
        moved && changedMethod
          ? "moved and its method changed"
          : moved
            ? "moved"
            : "method changed";
      lines.push(`${label}: ${what}: ours ${where(mine)}, theirs ${where(other)}`);
      count++;
    }
    const differences = compareFacts(mine, other);
    lines.push(...differences.map(describeDifference));
    count += differences.length;
  }
  return { lines, count };
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
  contract: ContractFiles = packageContract(),
): Promise<number> {
  const theirsFile = path.resolve(positionals[0]!);
  const oursFile = path.resolve(
    (values.ours as string | undefined) ?? contract.source ?? contract.bundled,
  );
  const docs: Node[] = [];
  for (const file of [oursFile, theirsFile]) {
    try {
      const doc = await readSpec(file);
      assertOpenApi3(doc);
      docs.push(doc);
    } catch (error) {
      printer.err(`contract-diff: cannot read ${shown(file)}: ${(error as Error).message}`);
      return contractDiffExitCodes.unreadable;
    }
  }
  const [ours, theirs] = docs as [Node, Node];
  if (operationsOf(ours).length === 0) {
    printer.err(`contract-diff: ${shown(oursFile)} defines no operation to compare`);
    return contractDiffExitCodes.unreadable;
  }
  let result: { lines: string[]; count: number };
  try {
    result = compareDocuments(ours, theirs);
  } catch (error) {
    printer.err(`contract-diff: cannot compare: ${(error as Error).message}`);
    return contractDiffExitCodes.unreadable;
  }
  printer.out(...result.lines);
  const sides = `ours: ${shown(oursFile)}; theirs: ${shown(theirsFile)}`;
  printer.out(
    result.count
      ? `contract-diff: ${result.count} difference(s) (${sides})`
      : `contract-diff: no drift (${sides})`,
  );
  if (values.ours === undefined && contract.source)
    await warnIfStale(ours, contract.bundled, printer);
  return result.count ? contractDiffExitCodes.drift : contractDiffExitCodes.same;
}

/** Says so when generated/openapi.json disagrees with openapi/ in anything compared above. */
async function warnIfStale(source: Node, bundledFile: string, printer: Printer): Promise<void> {
  let stale: number;
  try {
    stale = compareDocuments(source, await readSpec(bundledFile)).count;
  } catch {
    stale = 1;
  }
  if (stale)
    printer.err(
      `contract-diff: note: ${shown(bundledFile)} is stale: it differs from openapi/ in ${stale} of the facts compared; the client still has the old contract. Run \`npm run generate\`.`,
    );
}
