/**
 * Where our contract means to differ from DevRev's published one, and says why: a list at the
 * root of our spec, `x-devrev-differences`, each entry the line `contract-diff` prints for the
 * difference and the reason. `contract-diff` shows those as known rather than as drift, for as
 * long as the line is exactly what it finds: should either side change there, the line changes
 * and the difference is drift again.
 *
 * @example
 * ```yaml
 * x-devrev-differences:
 *   - difference: "429 header retry-after: ours integer|string, theirs number"
 *     why: RFC 9110 lets Retry-After be an HTTP-date, which a proxy may send.
 * ```
 */
import { type Node, UnreadableSpecError } from "./document.js";

/** The extension that lists them (OpenAPI 3.1, section 4.9: specification extensions). */
export const knownDifferencesKey = "x-devrev-differences";

/** One difference our contract makes on purpose. */
export interface KnownDifference {
  /** The line `contract-diff` prints for it. */
  difference: string;
  /** Why our contract differs there. */
  why: string;
}

/** The known differences `doc` lists; throws when the list is not what this module reads. */
export function knownDifferences(doc: Node): KnownDifference[] {
  const listed: unknown = doc[knownDifferencesKey];
  if (listed === undefined) return [];
  const valid =
    Array.isArray(listed) &&
    listed.every(
      (entry) =>
        typeof entry?.difference === "string" &&
        typeof entry?.why === "string" &&
        entry.why.trim() !== "",
    );
  if (!valid)
    throw new UnreadableSpecError(
      `${knownDifferencesKey} must be a list of { difference: <a line contract-diff prints>, why: <the reason> }`,
    );
  return listed as KnownDifference[];
}

/** `lines` sorted out: drift, the known differences among them, and known ones not seen. */
export function sortOut(
  lines: readonly string[],
  known: readonly KnownDifference[],
): { drift: string[]; known: KnownDifference[]; unseen: KnownDifference[] } {
  const byLine = new Map(known.map((entry) => [entry.difference, entry]));
  return {
    drift: lines.filter((line) => !byLine.has(line)),
    known: known.filter((entry) => lines.includes(entry.difference)),
    unseen: known.filter((entry) => !lines.includes(entry.difference)),
  };
}
