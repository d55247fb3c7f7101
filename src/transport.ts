/**
 * The `fetch` openapi-fetch calls: one logical request in, as many attempts as it takes out
 * (each attempt is `runAttempt`). Successes go back to openapi-fetch; every failure ends the
 * call by throwing `Settled`, which the client turns into `{ error }`. Every attempt is kept in
 * the call's `history`, and an error that follows an attempt whose outcome is unknown says so.
 */
import { serverAskedMs, type AnyError } from "./answers.js";
import { abortedError, runAttempt, type AttemptInput, type AttemptRecord } from "./attempt.js";
import { isUnderBase, originOf } from "./base-url.js";
import { DevRevUsageError } from "./errors.js";
import type { CallLog } from "./log.js";
import { backoffMs, baseBackoffMs, isRetryableStatus, sleep, type RetryEvent } from "./retry.js";

export type { OperationContract } from "./answers.js";
export type { AttemptRecord } from "./attempt.js";
export type { RetryEvent } from "./retry.js";

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
}

/**
 * Stands in for `Request` inside openapi-fetch: it keeps the URL and init as given instead of
 * building a real Request (with its body stream) that would only be taken apart again, once
 * per attempt. openapi-fetch reads `method` and `url`; nothing else touches it.
 */
export class PendingRequest {
  // Declared, not defined: assigned once below, with no field initialisers to emit.
  declare readonly url: string;
  declare readonly init: RequestInit;
  declare readonly method: string;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
  }
}

/**
 * The error that ends a call, told with what came before it: when an earlier attempt may have
 * been acted on, the error says so in `earlierAttemptUncertain` and in words.
 */
export function withEarlierAttempts(error: AnyError, earlier: readonly AttemptRecord[]): AnyError {
  let index = earlier.length - 1;
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

let middlewareRequest: (new (url: string, init: RequestInit) => Request) | undefined;

/**
 * The `Request` openapi-fetch builds when middleware runs: a real one (middleware may read and
 * change its headers, or replace it), which also keeps the body openapi-fetch serialized, so the
 * attempts need not read it back. Made on first use: not every runtime that loads this module
 * runs middleware.
 */
export function middlewareRequestClass(): new (url: string, init: RequestInit) => Request {
  return (middlewareRequest ??= class extends Request {
    // openapi-fetch checks what onRequest returns against the Request class it was given:
    // any real Request must pass, not only ours.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }
    readonly sent: BodyInit | null | undefined;
    constructor(url: string, init: RequestInit) {
      super(url, init);
      this.sent = init.body;
    }
  });
}

/**
 * The URL and init of a real Request (what openapi-fetch builds when middleware runs), which
 * middleware may have rewritten or replaced.
 */
async function unpacked(request: Request): Promise<PendingRequest> {
  // Ours keeps what openapi-fetch serialized; one middleware made is read (bodies are small).
  const body =
    "sent" in request
      ? (request.sent as BodyInit | undefined)
      : request.body
        ? await request.text()
        : undefined;
  return new PendingRequest(request.url, {
    method: request.method,
    headers: new Headers(request.headers),
    body,
  });
}

/** Builds the fetch function for one call. */
export function createTransport(settings: AttemptSettings, state: CallState) {
  // Without middleware openapi-fetch builds a PendingRequest (the client passes it as its
  // `Request`) from a base URL checked before the call; with middleware, a real Request, which
  // middleware may have replaced.
  return async (request: PendingRequest | Request): Promise<Response> => {
    const { url, init } =
      request instanceof PendingRequest ? request : await unpacked(request as Request);
    // The token stays under the base URL on every call, whatever built the URL: a path
    // parameter, a per-call baseUrl, middleware. Nothing is sent otherwise.
    if (!isUnderBase(url, settings.base))
      throw new DevRevUsageError(
        `Refusing to send the token to ${originOf(url)}: the request's URL is not under ${settings.base.prefix}${request instanceof PendingRequest ? "" : " (middleware moved it)"}.`,
      );
    const { signal, maxRetryDelayMs } = settings;
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
          abortedError(attempt === 1 ? "before anything was sent" : "while waiting to retry"),
          history,
        );
      // openapi-fetch builds a fresh Headers for every call, so it can be completed in place.
      const result = await runAttempt(settings, url, init, secrets);
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

      const earlier = history.slice(0, -1);
      const { status } = failure;
      const asked = serverAskedMs(result.response, failure);
      const retryable =
        (failure.type === "network_error" ||
          failure.type === "timeout" ||
          isRetryableStatus(status ?? 0)) &&
        attempt < maxAttempts;
      // A wait longer than the caller allows is returned at once, so they can decide.
      const waitRefused = (asked ?? 0) > maxRetryDelayMs;
      if (retryable && waitRefused)
        log(
          "warn",
          () => `the server asked to wait ${asked} ms, over maxRetryDelayMs: not retrying.`,
        );
      if (!retryable || waitRefused)
        // An answer judged (it has a status) is the one middleware's onResponse gets to see.
        return settle(failure, earlier, typeof status === "number" ? result.kept : undefined);
      // "Retry-After: 0" is honoured as "soon", not "at once": a server that keeps saying 0 must
      // not get a burst of every retry within milliseconds (issue 10).
      const delayMs = asked === undefined ? backoffMs(attempt) : Math.max(asked, baseBackoffMs);
      log(
        "debug",
        () =>
          `retrying in ${delayMs} ms (${asked === undefined ? "backoff" : "as the server asked"}) after ${failure.type}`,
      );
      try {
        settings.onRetry?.({
          attempt: attempt + 1,
          maxAttempts,
          delayMs,
          serverAsked: asked !== undefined,
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
}
