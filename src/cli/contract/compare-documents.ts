/**
 * Compares every operation of our contract with the same operation in another document: where
 * it is (its path, its method, its operationId), then everything compare.ts compares. Pure.
 */
import { compareFacts, describeDifference } from "./compare.js";
import { type Node, httpMethods, pathItem, pathItems } from "./document.js";
import {
  type OperationFacts,
  findOperation,
  operationById,
  operationFacts,
} from "./operation-facts.js";

/** Every operation a document defines, as `[method, path, operationId]`. */
export function operationsOf(doc: Node): [string, string, string | undefined][] {
  return pathItems(doc).flatMap(([where, item]) =>
    httpMethods
      .filter((method) => item?.[method])
      .map((method): [string, string, string | undefined] => [
        method,
        where,
        item[method].operationId,
      ]),
  );
}

const where = (facts: { method: string; path: string }) =>
  `${facts.method.toUpperCase()} ${facts.path}`;

/** Where `theirs` has the operation compared to ours, one line each way it moved. */
function location(label: string, mine: OperationFacts, other: OperationFacts): string[] {
  const lines: string[] = [];
  const moved = other.path !== mine.path;
  const changedMethod = other.method !== mine.method;
  if (moved || changedMethod) {
    const what =
      moved && changedMethod ? "moved and its method changed" : moved ? "moved" : "method changed";
    lines.push(`${label}: ${what}: ours ${where(mine)}, theirs ${where(other)}`);
  }
  if (other.operationId !== mine.operationId)
    lines.push(
      `${label}: operationId: ours ${JSON.stringify(mine.operationId ?? null)}, theirs ${JSON.stringify(other.operationId ?? null)}`,
    );
  return lines;
}

/** What `theirs` has where our operation was, when it has not the operation itself. */
function missing(label: string, mine: OperationFacts, theirs: Node): string {
  const there = httpMethods.filter((m) => pathItem(theirs, mine.path)?.[m]);
  const id = mine.operationId ? ` and no operation ${mine.operationId}` : "";
  return there.length
    ? `${label}: ours has it (${where(mine)}), theirs has ${mine.path} with ${there.map((m) => m.toUpperCase()).join(", ")} only${id}`
    : `${label}: ours has it (${where(mine)}), theirs has neither the path nor the operationId`;
}

/**
 * The lines comparing every operation of `ours` with `theirs`, one per difference.
 *
 * @example
 * ```ts
 * compareDocuments(ours, published); // [] when they agree on everything compared
 * ```
 */
export function compareDocuments(ours: Node, theirs: Node): string[] {
  const lines: string[] = [];
  for (const [method, at, operationId] of operationsOf(ours)) {
    // Ours names each operation once too, or which of ours is compared cannot be told.
    if (operationId !== undefined) operationById(ours, operationId);
    const label = `operation ${operationId ?? where({ method, path: at })}`;
    const mine = operationFacts(ours, { method, path: at, operation: pathItem(ours, at)![method] });
    const found = findOperation(theirs, method, at, operationId);
    if (!found) {
      lines.push(missing(label, mine, theirs));
      continue;
    }
    const other = operationFacts(theirs, found);
    lines.push(...location(label, mine, other));
    lines.push(...compareFacts(mine, other).map(describeDifference));
  }
  return lines;
}
