/**
 * How a call's outcome is told when more than its last attempt matters. An error after an
 * attempt whose outcome is unknown says so, and code of the caller's that throws after a request
 * was sent (middleware, a custom `fetch`) carries what the call came to.
 */
import type { AttemptRecord } from "./attempt.js";
import type { AnyError } from "./judge.js";

/**
 * What a call came to, as `result` on the error that code of the caller's threw after a request
 * was sent (middleware, a custom `fetch`): a revocation stays done whatever was thrown.
 *
 * @example
 * ```ts
 * try {
 *   await devrev.authTokens.selfDelete(body, { middleware: [logging] });
 * } catch (thrown) {
 *   const { result } = thrown as { result?: ResultBeforeThrow };
 *   if (result && !result.error) console.warn("revoked, although the middleware threw");
 * }
 * ```
 */
export interface ResultBeforeThrow {
  /** The success's data, when the call succeeded and has any. */
  data?: unknown;
  /** The error the call came to, when it failed (`type` and the error's fields). */
  error?: { type: string; status?: number; [field: string]: unknown };
  /** The last answer, as received. */
  response: Response | undefined;
  attempts: number;
  history: readonly AttemptRecord[];
}

/**
 * `thrown` with the call's result as its `result`: an Error gets the property; anything else
 * (a string, a frozen object) is wrapped in an Error whose `cause` it becomes.
 */
export function withResult(thrown: unknown, result: ResultBeforeThrow): unknown {
  if (thrown instanceof Error && Object.isExtensible(thrown)) {
    Object.defineProperty(thrown, "result", { value: result, configurable: true, writable: true });
    return thrown;
  }
  return Object.assign(
    new Error("Middleware threw after the call came to an outcome; see result.", { cause: thrown }),
    { result },
  );
}

/**
 * The error that ends a call, told with what came before it: when an earlier attempt may have
 * been acted on, the error says so in `earlierAttemptUncertain` and in words.
 */
export function withEarlierAttempts(error: AnyError, earlier: readonly AttemptRecord[]): AnyError {
  // Stryker disable next-line ArithmeticOperator: starting past the end only reads two missing entries (not uncertain) before the same walk
  let index = earlier.length - 1;
  // Stryker disable next-line OptionalChaining: index >= 0 is checked first, so the entry always exists
  while (index >= 0 && !earlier[index]?.uncertain) index--;
  const lost = earlier[index];
  if (!lost) return error;
  const what = `attempt ${index + 1} (${lost.type}${lost.status === undefined ? "" : ` ${lost.status}`})`;
  const said = typeof error.message === "string" && error.message;
  // A 401 says the server's words last: what it means comes first.
  const message =
    error.status === 401
      ? `The token was refused after ${what}, whose answer was lost: that attempt most likely revoked it (if of the type being revoked), so this 401 is its result, not a refusal.${said ? ` (The server said: ${said})` : ""}`
      : `${said ? `${said} ` : ""}Before this, ${what} may have been acted on (its answer was lost).`;
  return { ...error, message, earlierAttemptUncertain: true };
}
