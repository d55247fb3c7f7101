/**
 * How big a parsed spec is once its YAML aliases are copied out, as a JSON fixture (or a YAML
 * dump without anchors) would copy them: a chain of aliases of aliases (a "billion laughs")
 * parses in no time, shared, and expands to more values than any file could hold. Counted once
 * per shared node, so the count itself takes time linear in the spec as parsed.
 */
import { UnreadableSpecError } from "../../src/cli/contract/document.ts";

/**
 * The most values a spec may hold once expanded: thirty times DevRev's whole published spec
 * (about 33,000), far beyond any real one.
 */
export const expansionBudget = 1_000_000;

/**
 * Throws unless `doc`, with every alias copied out, holds at most `budget` values and refers to
 * no ancestor of its own (an alias can make a YAML document contain itself).
 *
 * @example
 * ```ts
 * assertExpandable(await readSpec("devrev-openapi-public.yaml")); // DevRev's: about 33,000 values
 * ```
 */
export function assertExpandable(doc: unknown, budget: number = expansionBudget): void {
  const sizes = new WeakMap<object, number>();
  const open = new WeakSet<object>();
  const size = (node: unknown): number => {
    if (node === null || typeof node !== "object") return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node))
      throw new UnreadableSpecError(
        "the spec contains itself (a YAML alias to a node around it): it cannot be written out as JSON",
      );
    open.add(node);
    let total = 1;
    for (const child of Object.values(node)) {
      total += size(child);
      if (total > budget) break;
    }
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  if (size(doc) > budget)
    throw new UnreadableSpecError(
      `the spec holds more than ${budget} values once its YAML aliases are copied out (aliases of aliases?), as the fixtures would copy them: refused`,
    );
}
