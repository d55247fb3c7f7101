/**
 * "Did you mean …?" for a name that is not known: an option, a body field. A misspelt option is
 * refused rather than ignored (ignoring `baseURL` would send the token to the default server),
 * and the refusal names the option most likely meant.
 */
import { DevRevUsageError } from "./errors.js";

/** Names further than this many edits from every known one get no suggestion. */
export const maxSuggestionEdits = 2;

/**
 * The Damerau-Levenshtein distance between `a` and `b`: the fewest insertions, deletions,
 * substitutions and swaps of two neighbouring characters that turn one into the other, where a
 * swapped pair may be edited again (Lowrance and Wagner's algorithm).
 *
 * @example
 * ```ts
 * editDistance("timeuot", "timeout"); // 1 (a swap)
 * editDistance("ca", "abc"); // 2 (a swap, then an insertion between the pair)
 * ```
 */
export function editDistance(a: string, b: string): number {
  const infinity = a.length + b.length;
  // The row (in `a`) where each character was last seen.
  const lastRow = new Map<string, number>();
  // d[i + 1][j + 1] is the distance between the first i characters of a and the first j of b.
  // Stryker disable next-line ArrayDeclaration: every cell is written before it is read (the set-up loops fill rows 0-1 and columns 0-1, the main loop the rest in order), so the rows' initial length and fill change no distance
  const d = Array.from({ length: a.length + 2 }, () => new Array<number>(b.length + 2).fill(0));
  d[0]![0] = infinity;
  for (let i = 0; i <= a.length; i++) [d[i + 1]![0], d[i + 1]![1]] = [infinity, i];
  for (let j = 0; j <= b.length; j++) {
    // Stryker disable next-line ArithmeticOperator: row 0 is only read at d[k][l] with l < j <= b.length, and j - 1 also writes every one of those cells (0 to b.length - 1) with infinity
    d[0]![j + 1] = infinity;
    d[1]![j + 1] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    let lastColumn = 0;
    for (let j = 1; j <= b.length; j++) {
      const k = lastRow.get(b[j - 1]!) ?? 0;
      const l = lastColumn;
      const same = a[i - 1] === b[j - 1];
      if (same) lastColumn = j;
      d[i + 1]![j + 1] = Math.min(
        d[i]![j]! + (same ? 0 : 1),
        d[i + 1]![j]! + 1,
        d[i]![j + 1]! + 1,
        d[k]![l]! + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRow.set(a[i - 1]!, i);
  }
  return d[a.length + 1]![b.length + 1]!;
}

/**
 * The known name `name` most likely meant: one that differs only in case, else the nearest
 * within {@link maxSuggestionEdits} edits (ignoring case), else the nearest that contains it, is
 * contained in it or starts as it does (`retries` or `maxRetry` for `maxRetries`); `undefined`
 * when none is that near.
 *
 * @example
 * ```ts
 * nearestName("baseURL", ["token", "baseUrl"]); // "baseUrl"
 * nearestName("retries", ["token", "maxRetries"]); // "maxRetries"
 * nearestName("colour", ["token", "baseUrl"]); // undefined
 * ```
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let nearest: string | undefined;
  let distance = Infinity;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    const edits = editDistance(lower, other);
    // Further than a couple of edits, only a name sharing a good part of it is a likely meaning.
    const related =
      edits <= maxSuggestionEdits ||
      (lower.length >= 4 &&
        (other.includes(lower) || lower.includes(other) || other.startsWith(lower.slice(0, 4))));
    if (related && edits < distance) [nearest, distance] = [candidate, edits];
  }
  return nearest;
}

/**
 * Refuses the first own key of `value` that is not `allowed`, suggesting the nearest allowed
 * name and listing them all. A name that does not look like an identifier is not repeated.
 *
 * @example
 * ```ts
 * refuseUnknownNames("createDevRevClient", "option", { baseURL: "…" }, ["token", "baseUrl"]);
 * // throws: createDevRevClient does not take the option "baseURL" (did you mean "baseUrl"?); allowed options: token, baseUrl.
 * ```
 */
export function refuseUnknownNames(
  call: string,
  kind: "field" | "option",
  value: object,
  allowed: readonly string[],
): void {
  for (const name of Object.keys(value)) {
    if (allowed.includes(name)) continue;
    const nearest = nearestName(name, allowed);
    const shown = /^[\w$-]{1,40}$/.test(name) ? `"${name}"` : "(its name not shown)";
    throw new DevRevUsageError(
      `${call} does not take the ${kind} ${shown}${nearest ? ` (did you mean "${nearest}"?)` : ""}; allowed ${kind}s: ${allowed.join(", ")}.`,
    );
  }
}
