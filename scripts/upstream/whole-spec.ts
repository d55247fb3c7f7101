/**
 * The whole-spec fixture (test/fixtures/devrev-openapi-public.yaml) and a spec given to
 * `upstream:refresh`: whether that spec is read as DevRev's whole one or as an excerpt, and an
 * excerpt put into the whole spec in place of the operation's old part.
 */
import { dump } from "js-yaml";
import type { Node } from "../../src/cli/contract/document.ts";
import { findOperation } from "../../src/cli/contract/operation-facts.ts";
import type { OperationRef } from "./excerpt.ts";

/** How to read the spec given: as DevRev's whole spec, as an excerpt, or by the rule. */
export type ReadAs = "whole" | "excerpt" | "rule";

/** How many paths a document has (0 for none). */
export const pathCount = (doc: Node | undefined) => Object.keys(doc?.paths ?? {}).length;

/**
 * Whole or excerpt, and why: what `--whole`/`--excerpt` says, else the rule (at least half as
 * many paths as the whole-spec fixture, or no such fixture yet: the whole spec).
 *
 * @example
 * ```ts
 * decide("rule", excerpt, whole).whole; // false: 1 path against 202
 * ```
 */
export function decide(
  readAs: ReadAs,
  given: Node,
  previous: Node | undefined,
): { whole: boolean; why: string } {
  const [count, before] = [pathCount(given), pathCount(previous)];
  const counts = `${count} path(s); the whole-spec fixture has ${previous ? before : "none"}`;
  if (readAs !== "rule")
    return { whole: readAs === "whole", why: `--${readAs} was given (${counts})` };
  const whole = !previous || count * 2 >= before;
  return {
    whole,
    why: `${counts}: ${whole ? "as many as a whole spec" : "fewer than half, so an excerpt"} (--whole or --excerpt decides otherwise)`,
  };
}
/** A document as YAML, every alias written out (DevRev publishes none). */
export const toYaml = (doc: Node) => dump(doc, { lineWidth: -1, noRefs: true });

/**
 * The whole spec with the operation and the components of `excerpt` put in place of the old.
 *
 * @example
 * ```ts
 * spliced(whole, publishedExcerpt(next, ourOperation), ourOperation);
 * ```
 */
export function spliced(whole: Node, excerpt: Node, operation: OperationRef): Node {
  const result = structuredClone(whole);
  const old = findOperation(result, operation.method, operation.path, operation.operationId);
  // Where the path is unchanged it is replaced in place, so the document keeps its order.
  if (old && !(old.path in excerpt.paths)) delete result.paths[old.path];
  Object.assign((result.paths ??= {}), excerpt.paths);
  for (const [kind, entries] of Object.entries<Node>(excerpt.components ?? {}))
    Object.assign(((result.components ??= {})[kind] ??= {}), entries);
  for (const key of ["openapi", "info", "servers", "security"])
    if (excerpt[key] !== undefined) result[key] = excerpt[key];
  return result;
}
