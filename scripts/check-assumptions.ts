/**
 * Part of step 2 of generation: the spec held to what src/ assumes of it
 * (handwritten-assumptions.ts), refused with one line per assumption it breaks.
 */
import type { Node } from "../src/cli/contract/document.ts";
import { assumptions } from "./handwritten-assumptions.ts";

/** Thrown by generation when the spec breaks what src/ assumes. */
export class HandwrittenAssumptionError extends Error {
  override name = "HandwrittenAssumptionError";
}

/**
 * One line per assumption `spec` breaks: the assumption, how the spec breaks it, what to update.
 *
 * @example
 * ```ts
 * assumptionProblems(spec); // ["security: src/auth.ts sends an HTTP Bearer token (…); the spec's security scheme `api-key` is apiKey in header X-DevRev-Key: update src/auth.ts, src/cli/verify.ts, then this check (scripts/handwritten-assumptions.ts)"]
 * ```
 */
export function assumptionProblems(spec: Node): string[] {
  return assumptions.flatMap((assumption) => {
    const broken = assumption.broken(spec);
    return broken === undefined
      ? []
      : [
          `${assumption.id}: ${assumption.what}; ${broken}: update ${Object.keys(assumption.files).join(", ")}, then this check (scripts/handwritten-assumptions.ts)`,
        ];
  });
}

/** Throws naming every assumption of src/ that `spec` breaks. */
export function checkHandwrittenAssumptions(spec: Node): void {
  const problems = assumptionProblems(spec);
  if (problems.length)
    throw new HandwrittenAssumptionError(
      `the spec changes what the handwritten client (src/) assumes, which regeneration cannot follow:\n  ${problems.join("\n  ")}`,
    );
}
