/**
 * The `fetch` openapi-fetch calls: one logical request in, as many attempts as it takes out.
 * Each attempt gets a fresh token, its own timeout and no redirects; each answer is read with
 * a size bound and judged against the operation's contract. Successes go back to openapi-fetch;
 * every failure ends the call by throwing `Settled`, which the client turns into `{ error }`.
 */
import { judge, redact, serverAskedMs, type AnyError, type OperationContract } from "./answers.js";
import { checkTransportSecurity } from "./auth.js";
import { DevRevUsageError } from "./errors.js";
import { backoffMs, isRetryableStatus, sleep } from "./retry.js";

export type { OperationContract } from "./answers.js";

/**
 * What `onRetry` receives before each retry. It never holds the token.
 *
 * @example
 * ```ts
 * const onRetry = (event: RetryEvent) =>
 *   console.error(`${event.reason}; retrying in ${event.delayMs} ms (attempt ${event.attempt} of ${event.maxAttempts})`);
 * ```
 */
export interface RetryEvent {
  /** The attempt about to start: 2 for the first retry. */
  attempt: number;
  /** Attempts allowed in all (`maxRetries + 1`). */
  maxAttempts: number;
  /** How long the client waits before that attempt. */
  delayMs: number;
  /** Whether the server set the wait (Retry-After or `retry_after`) rather than backoff. */
  serverAsked: boolean;
  /** The `type` of the failure being retried, e.g. `"too_many_requests"` or `"timeout"`. */
  reason: string;
  /** Its HTTP status, when there was an answer. */
  status?: number;
}

/** Settings for the attempts of one call. */
export interface AttemptSettings {
  /** The Authorization value for one attempt (see `authorizationSource`). */
  authorization: () => string | Promise<string>;
  /** URLs under this prefix were checked when the client was created. */
  checkedBaseUrl: string;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  allowInsecureHttp: boolean;
  signal?: AbortSignal | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** Thrown through openapi-fetch to end a call with an error; never escapes the client. */
export class Settled {
  constructor(
    readonly error: AnyError,
    readonly response: Response | undefined,
  ) {}
}

/** Observed by the client while the transport runs. */
export interface CallState {
  attempts: number;
  response: Response | undefined;
}

/**
 * Stands in for `Request` inside openapi-fetch: it keeps the URL and init as given instead of
 * building a real Request (with its body stream) that would only be taken apart again, once
 * per attempt. openapi-fetch reads `method` and `url`; nothing else touches it.
 */
export class PendingRequest {
  readonly method: string;
  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? "GET";
  }
}

const aborted = () => ({
  type: "aborted" as const,
  message: "The call was aborted by its signal.",
});

function describeCause(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message)
    return cause.code && !cause.message.includes(cause.code)
      ? `${cause.code}: ${cause.message}`
      : cause.message;
  return error instanceof Error ? error.message : undefined;
}

/** Builds the fetch function for one call. */
export function createTransport(
  contract: OperationContract,
  settings: AttemptSettings,
  state: CallState,
) {
  // openapi-fetch builds a PendingRequest (the client passes it as its `Request`), never a Request.
  return async (request: PendingRequest): Promise<Response> => {
    const { url, init } = request;
    // The client's base URL was checked once; only a per-call baseUrl needs a look.
    if (!url.startsWith(settings.checkedBaseUrl)) {
      checkTransportSecurity(new URL(url), settings.allowInsecureHttp);
    }
    // openapi-fetch builds a fresh Headers for every call, so it can be completed in place.
    const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    const { signal } = settings;
    const maxAttempts = settings.maxRetries + 1;

    for (let attempt = 1; ; attempt++) {
      state.attempts = attempt;
      if (signal?.aborted) throw new Settled(aborted(), state.response);
      const pending = settings.authorization();
      const authorization = typeof pending === "string" ? pending : await pending;
      const secret = authorization.slice("Bearer ".length);
      headers.set("authorization", authorization);

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, settings.timeoutMs);
      const onAbort = () => controller.abort();
      signal?.addEventListener("abort", onAbort, { once: true });

      let failure: AnyError;
      let response: Response | undefined;
      try {
        response = await settings.fetch(url, {
          ...init,
          headers,
          signal: controller.signal,
          redirect: "manual",
        });
        const judgement = await judge(response, contract);
        if (judgement.ok) {
          state.response = response;
          return judgement.forward;
        }
        failure = redact(judgement.error, secret);
      } catch (error) {
        if (error instanceof DevRevUsageError) throw error;
        if (signal?.aborted) failure = aborted();
        else if (timedOut)
          failure = {
            type: "timeout",
            message: `No answer within ${settings.timeoutMs} ms.`,
            timeoutMs: settings.timeoutMs,
          };
        else {
          const cause = describeCause(error);
          failure = redact(
            {
              type: "network_error",
              message: "The connection failed or dropped before a whole answer arrived.",
              ...(cause ? { cause } : {}),
            },
            secret,
          );
        }
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      state.response = response;

      const status = typeof failure.status === "number" ? failure.status : undefined;
      const retryable =
        failure.type === "network_error" ||
        failure.type === "timeout" ||
        (status !== undefined && isRetryableStatus(status));
      if (!retryable || attempt >= maxAttempts) throw new Settled(failure, response);
      const asked = serverAskedMs(response, failure);
      // A wait longer than the caller allows is returned at once, so they can decide.
      if (asked !== undefined && asked > settings.maxRetryDelayMs)
        throw new Settled(failure, response);
      const delayMs = asked ?? backoffMs(attempt);
      try {
        settings.onRetry?.({
          attempt: attempt + 1,
          maxAttempts,
          delayMs,
          serverAsked: asked !== undefined,
          reason: failure.type,
          ...(status === undefined ? {} : { status }),
        });
      } catch {
        // A progress hook that throws must not turn a retryable failure into a lost call.
      }
      if (!(await sleep(delayMs, signal))) throw new Settled(aborted(), response);
    }
  };
}
