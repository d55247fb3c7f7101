/**
 * The `fetch` openapi-fetch calls: one logical request in, as many attempts as it takes out
 * (each attempt is `runAttempt`). Successes go back to openapi-fetch; every failure ends the
 * call by throwing `Settled`, which the client turns into `{ error }`. Every attempt is kept in
 * the call's `history`, and an error that follows an attempt whose outcome is unknown says so.
 */
import type { AnyError } from "./judge.js";
import { abortedError, runAttempt, type AttemptInput, type AttemptRecord } from "./attempt.js";
import { isUnderBase, originOf } from "./base-url.js";
import { PendingRequest, unpacked } from "./request.js";
import { withEarlierAttempts, withResult } from "./outcome.js";
import { DevRevUsageError } from "./errors.js";
import type { CallLog } from "./log.js";
import { decideRetry, serverAskedMs, sleep, type RetryEvent } from "./retry.js";

export type { OperationContract } from "./judge.js";
export type { AttemptRecord } from "./attempt.js";
export type { RetryEvent } from "./retry.js";
export { middlewareRequestClass, PendingRequest } from "./request.js";
export { withResult, type ResultBeforeThrow } from "./outcome.js";

/** Settings for the attempts of one call. */
export interface AttemptSettings extends AttemptInput {
  maxRetries: number;
  maxRetryDelayMs: number;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  log: CallLog;
  /**
   * Middleware runs around the call: the final answer, a failure's included, is returned to it
   * (for `onResponse`) rather than thrown, and a failure without an answer is thrown as an Error
   * (for `onError`), as openapi-fetch documents them.
   */
  middleware: boolean;
}

/**
 * Thrown through openapi-fetch to end a call with an error; never escapes the client. It is an
 * Error so that middleware's `onError` gets what openapi-fetch documents: `error.message` says
 * what failed, `error.error` is the typed error the call resolves with.
 */
export class Settled extends Error {
  override name = "DevRevCallFailed";
  declare readonly error: AnyError;
  declare readonly response: Response | undefined;
  constructor(error: AnyError, response: Response | undefined) {
    // Stryker disable next-line ConditionalExpression: every error thrown as Settled where anyone sees its message (middleware's onError: failures without an answer) is built by this package with a string message; the `false` variant's twins (EqualityOperator, StringLiteral) stay and are killed
    super(typeof error.message === "string" ? error.message : error.type);
    this.error = error;
    this.response = response;
  }
}

/** Observed by the client while the transport runs. */
export interface CallState {
  response: Response | undefined;
  /** One entry per attempt, in order. */
  history: AttemptRecord[];
  /** Every token the call used, for redaction; a token function may hand out a new one each time. */
  secrets: Set<string>;
  /** With middleware: the error the call ended with, and the answer handed to `onResponse`. */
  failure?: AnyError;
  answer?: Response;
  /** Whether the attempts are under way (middleware is not running then). */
  attempting?: boolean;
  /** With middleware: tells its watchdog that the attempts ended, and middleware runs again. */
  phase?: (() => void) | undefined;
  /**
   * With middleware: why its watchdog ended the call (middleware stalled, or the caller aborted).
   * The caller has its outcome (before any attempt: "nothing was sent"), so nothing is sent after.
   */
  ended?: "timeout" | "aborted";
}

/** What browsers allow a page's keepalive request bodies in flight, in bytes (Fetch standard). */
const keepaliveQuota = 64 * 1024;

/** How many bytes a request body is, for the kinds whose size is known before sending. */
function bodyBytes(body: BodyInit | null | undefined): number {
  if (typeof body === "string" || body instanceof URLSearchParams)
    return new TextEncoder().encode(String(body)).byteLength;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  // Stryker disable next-line ConditionalExpression,StringLiteral: every runtime the package supports defines Blob, so `typeof Blob !== "undefined"` is true wherever it runs; the whole test made true is the LogicalOperator mutant's twin, which stays and is killed
  if (typeof Blob !== "undefined" && body instanceof Blob) return body.size;
  return 0;
}

/** Builds the fetch function for one call. */
export function createTransport(settings: AttemptSettings, state: CallState) {
  // Without middleware openapi-fetch builds a PendingRequest (the client passes it as its
  // `Request`) from a base URL checked before the call; with middleware, a real Request, which
  // middleware may have replaced.
  const attemptAll = async (request: PendingRequest | Request): Promise<Response> => {
    const { url, init } =
      request instanceof PendingRequest ? request : await unpacked(request as Request);
    // The token stays under the base URL on every call, whatever built the URL: a path
    // parameter, a per-call baseUrl, middleware. Nothing is sent otherwise.
    if (!isUnderBase(url, settings.base))
      throw new DevRevUsageError(
        `Refusing to send the token to ${originOf(url)}: the request's URL is not under ${settings.base.prefix}${request instanceof PendingRequest ? "" : " (middleware moved it)"}.`,
      );
    // Browsers refuse a keepalive request whose body would take the page's keepalive bodies
    // past 64 KiB (the Fetch standard's quota), failing it as an opaque network error that would
    // read as "maybe sent": refused here instead, before anything is sent.
    if (settings.keepalive && bodyBytes(init.body) > keepaliveQuota)
      throw new DevRevUsageError(
        `keepalive: the body is over the ${keepaliveQuota} bytes browsers allow keepalive requests; send it without keepalive.`,
      );
    const { signal } = settings;
    const maxAttempts = settings.maxRetries + 1;
    const { history, secrets } = state;
    // No line holds a body or a header, so none holds a token.
    const { log } = settings;
    const started = performance.now();
    const outcome = (text: string) =>
      `${text} after ${history.length} attempt(s) in ${Math.round(performance.now() - started)} ms`;
    const settle = (
      error: AnyError,
      earlier: readonly AttemptRecord[],
      answer?: Response,
    ): Response => {
      const told = withEarlierAttempts(error, earlier);
      log(error.type === "token_unavailable" ? "error" : "info", () =>
        outcome(`failed (${error.type}${error.status ? ` ${error.status}` : ""})`),
      );
      state.failure = told;
      // Middleware's onResponse sees the answer the call ended with, as openapi-fetch shows it.
      if (answer) return (state.answer = answer);
      throw new Settled(told, state.response);
    };

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted)
        return settle(
          // Stryker disable next-line ConditionalExpression,StringLiteral: after the first attempt this check runs right after `sleep` resolved true with nothing in between that could abort (an abort during the wait ends the call at the sleep, below), so the second branch is never taken; the first attempt's words are pinned in test/client/hostile.test.ts
          abortedError(attempt === 1 ? "before anything was sent" : "while waiting to retry"),
          history,
        );
      // openapi-fetch builds a fresh Headers for every call, so it can be completed in place.
      const began = performance.now();
      let result;
      try {
        result = await runAttempt(settings, url, init, secrets);
      } catch (bug) {
        // A bug in the caller's fetch, once it was called: the request may be out, and a
        // revocation it made (or an earlier attempt's) must not vanish with the rejection.
        history.push({
          type: "fetch_threw",
          ms: Math.round(performance.now() - began),
          uncertain: true,
        });
        throw withResult(bug, { response: state.response, attempts: history.length, history });
      }
      const { record } = result;
      history.push(record);
      state.response = result.response;
      log(
        "debug",
        () =>
          `attempt ${attempt} of ${maxAttempts}: ${record.type}${record.status ? ` ${record.status}` : ""} in ${record.ms} ms`,
      );
      if (record.uncertain)
        log(
          "warn",
          () => `attempt ${attempt} (${record.type}) may have been acted on; its answer was lost.`,
        );
      const failure = result.error;
      if (!failure) {
        log("info", () => outcome("ok"));
        return (state.answer = result.forward!);
      }

      const { status } = failure;
      const asked = serverAskedMs(result.response, failure);
      const decision = decideRetry(failure, attempt, settings, asked);
      if (!decision.retry) {
        // A wait longer than the caller allows is returned at once, so they can decide.
        if (decision.why === "wait_too_long")
          log(
            "warn",
            () => `the server asked to wait ${asked} ms, over maxRetryDelayMs: not retrying.`,
          );
        // An answer judged (it has a status) is the one middleware's onResponse gets to see.
        // Stryker disable next-line ConditionalExpression: `kept` is set only for an attempt that got an answer, which has a status, so it is undefined whenever the status is
        const answer = typeof status === "number" ? result.kept : undefined;
        return settle(failure, history.slice(0, -1), answer);
      }
      const { delayMs, serverAsked } = decision;
      log(
        "debug",
        () =>
          `retrying in ${delayMs} ms (${serverAsked ? "as the server asked" : "backoff"}) after ${failure.type}`,
      );
      try {
        // Stryker disable next-line OptionalChaining: calling an absent hook throws a TypeError that the catch below swallows, as it does a hook's own throw
        settings.onRetry?.({
          attempt: attempt + 1,
          maxAttempts,
          delayMs,
          serverAsked,
          reason: failure.type,
          ...(status === undefined ? {} : { status }),
          ...(result.record.uncertain ? { uncertain: true as const } : {}),
        });
      } catch {
        // A progress hook that throws must not turn a retryable failure into a lost call.
      }
      if (!(await sleep(delayMs, signal)))
        return settle(abortedError("while waiting to retry"), history);
    }
  };
  // Middleware's watchdog has no say while the attempts run: each keeps its own clock. Without
  // middleware there is no watchdog, and no layer for it.
  // Stryker disable next-line ConditionalExpression: without middleware the wrapper only writes `attempting`, `phase` and reads `ended`, which only middleware's watchdog sets and reads, so wrapping always (false) changes nothing; the `true` variant's twin (BooleanLiteral) stays and is killed
  if (!settings.middleware) return attemptAll;
  return async (request: PendingRequest | Request): Promise<Response> => {
    if (state.ended)
      throw new Settled(
        {
          type: state.ended,
          message: `The call already ended (${state.ended === "timeout" ? "middleware did not return in time" : "aborted"}) before anything was sent; nothing is sent now.`,
        },
        undefined,
      );
    state.attempting = true;
    try {
      return await attemptAll(request);
    } finally {
      state.attempting = false;
      // Stryker disable next-line OptionalChaining: `phase` is cleared only once the watchdog ended the call (then `ended` stops the wrapper before it sends, or the attempts are over) or openapi-fetch settled, so it is set whenever the attempts end
      state.phase?.();
    }
  };
}
