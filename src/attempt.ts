/**
 * One attempt of a call: the token (from the caller's source, under the attempt's clock), one
 * `fetch` with its own timeout and no redirects, and the judgement of the answer. It resolves
 * with what happened, never rejects for the network or the server; only a bug in the caller's
 * `fetch` is thrown on.
 */
import { judge, sealed, type AnyError, type OperationContract } from "./judge.js";
import { isUnderBase, originOf, type Base } from "./base-url.js";
import { DevRevUsageError } from "./errors.js";
import {
  describeCause,
  isProgrammingError,
  isUncertainAnswer,
  wasSurelyNotSent,
} from "./uncertainty.js";

/**
 * One entry of a result's `history`: what one attempt came to.
 *
 * @example
 * ```ts
 * const { history } = await devrev.authTokens.selfDelete(body);
 * // [{ type: "timeout", ms: 60001, uncertain: true }, { type: "unauthenticated", status: 401, ms: 42 }]
 * ```
 */
export interface AttemptRecord {
  /**
   * `"ok"`, the `type` of the error the attempt ended with, or `"fetch_threw"` when a custom
   * `fetch` had a bug once called (the call then rejects with it, `result` attached).
   */
  type: string;
  /** The HTTP status, when an answer's status line arrived. */
  status?: number;
  /** How long the attempt took, token included, in whole milliseconds. */
  ms: number;
  /**
   * Set when the server may have acted on this attempt without the client learning the outcome:
   * a timeout, a connection lost after the request may have been written, a 500, 502 or 504, an
   * answer an intermediary wrote (a 5xx or 2xx that is not the contract's), a redirect a custom
   * `fetch` followed, or an abort while the request was in flight.
   */
  uncertain?: true;
}

/** What every attempt of a call shares. */
export interface AttemptInput {
  contract: OperationContract;
  authorization: () => string | Promise<string>;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Where the token may go: an answer a custom `fetch` got from elsewhere is a redirect. */
  base: Base;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Middleware runs around the call: a failure's answer is rebuilt for it (`AttemptResult.kept`). */
  middleware: boolean;
  /** Ask `fetch` for `keepalive` (the request outlives the page); not set otherwise. */
  keepalive: boolean;
}

/** How one attempt ended: `error` (redacted) when it failed, else `forward` for openapi-fetch. */
export interface AttemptResult {
  record: AttemptRecord;
  response: Response | undefined;
  error?: AnyError;
  forward?: Response;
  /**
   * With middleware, for a failure that had an answer: that answer again (its status, headers
   * and what was read of its body), for `onResponse` should the call end with it.
   */
  kept?: Response;
}

/**
 * The error of a call its caller's signal aborted, saying how far the call had got: whether a
 * request may have reached the server is what the caller needs to know next.
 */
export const abortedError = (when: string): AnyError => ({
  type: "aborted",
  message: `The call was aborted by its signal ${when}.`,
});

/**
 * Resolves or rejects with `promise`, or rejects with the signal's reason as soon as `signal`
 * aborts. The listener is not removed: the signals given here (an attempt's own, a request's)
 * end with what they guard.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    signal.addEventListener("abort", stop);
    promise.then(resolve, reject);
  });
}

/**
 * A fetch's answer that arrives after the attempt gave up on it: its body is cancelled, so its
 * connection is not held open by a stream nobody reads.
 */
function dropLate(fetched: Promise<unknown>): void {
  fetched.then(
    (late) => {
      if (isResponse(late)) late.body?.cancel().catch(() => {});
    },
    () => {},
  );
}

/** A Response of any realm (a polyfill's, a test runner's), by shape. */
const isResponse = (value: any): value is Response =>
  typeof value?.headers?.get === "function" && typeof value.status === "number" && "body" in value;

/**
 * Runs one attempt of the request openapi-fetch built (`init.headers` is completed in place
 * with the attempt's Authorization); `secrets` holds every token the call has used so far, and
 * the attempt adds its own.
 */
export async function runAttempt(
  input: AttemptInput,
  url: string,
  init: RequestInit,
  secrets: Set<string>,
): Promise<AttemptResult> {
  const started = performance.now();
  const { signal, timeoutMs } = input;
  const controller = new AbortController();
  let timedOut = false;
  // The attempt's own clock: a custom fetch may ignore its signal, or hand back a body that
  // never ends, and neither may stretch the attempt (or the caller's abort) past this. What is
  // awaited is wrapped so the clock can end the wait (one promise, not a race of several).
  let stop: ((reason: unknown) => void) | undefined;
  const bounded = <T>(promise: Promise<T>) =>
    controller.signal.aborted
      ? Promise.reject<T>(controller.signal.reason)
      : new Promise<T>((resolve, reject) => {
          stop = reject;
          promise.then(resolve, reject);
        });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    stop?.(controller.signal.reason);
  }, timeoutMs);
  const onAbort = () => {
    controller.abort();
    stop?.(controller.signal.reason);
  };
  signal?.addEventListener("abort", onAbort);
  // How far the attempt got; until fetch is called nothing can have reached the server.
  let stage: "token" | "fetch" | "answer" = "token";
  let response: Response | undefined;
  let error: AnyError | undefined;
  let uncertain = false;
  let forward: Response | undefined;
  let kept: Response | undefined;
  try {
    const pending = input.authorization();
    const authorization =
      typeof pending === "string" ? pending : await untilAborted(pending, controller.signal);
    secrets.add(authorization.slice("Bearer ".length));
    (init.headers as Headers).set("authorization", authorization);
    stage = "fetch";
    const fetched = input.fetch(url, {
      ...init,
      signal: controller.signal,
      redirect: "manual",
      // Only when asked: a caller's own `fetch` sees the same init as before otherwise.
      ...(input.keepalive ? { keepalive: true } : {}),
    });
    // Raced against the attempt's own clock, whatever fetch this is: a custom one, or a
    // global one replaced by instrumentation, may not honour the signal.
    let answer: unknown;
    try {
      answer = await bounded(fetched);
    } catch (thrown) {
      // An answer that arrives after the attempt gave up is dropped, its body cancelled.
      // Stryker disable next-line ConditionalExpression: unaborted, the wait ended only because fetch itself rejected, and dropLate does nothing with a rejected fetch
      if (controller.signal.aborted) dropLate(fetched);
      throw thrown;
    }
    if (!isResponse(answer)) {
      throw new DevRevUsageError(
        `The fetch option resolved with ${answer === null ? "null" : typeof answer}, not a Response.`,
      );
    }
    // The web's network error (what a service worker or `Response.error()` gives for a dropped
    // connection) is a failure without an answer, after the request may have gone out.
    if (answer.type === "error") throw new TypeError("network error (Response.error())");
    stage = "answer";
    response = answer;
    const judgement = await bounded(judge(answer, input.contract, controller.signal));
    // This client never follows a redirect; a custom fetch that did brought back another
    // server's answer, sent there with the request (and maybe the token).
    const { url: from } = answer;
    const followed =
      answer.redirected === true ||
      (typeof from === "string" && from !== "" && !isUnderBase(from, input.base));
    if (followed) {
      error = {
        type: "unexpected_response",
        reason: "redirect",
        status: answer.status,
        contentType: answer.headers.get("content-type") ?? undefined,
        bodySnippet: "",
        message: `The fetch option followed a redirect (this client never does): the ${answer.status} came from ${typeof from === "string" && from ? originOf(from) : "elsewhere"}, which may have acted on the request.`,
      };
      uncertain = true;
      if (input.middleware)
        kept = new Response(null, { status: answer.status, headers: answer.headers });
    } else if (judgement.ok) forward = judgement.forward;
    else {
      error = judgement.error;
      uncertain = isUncertainAnswer(
        judgement.error.status,
        judgement.error.type !== "unexpected_response",
      );
      // Rebuilt from what was read rather than cloned up front: a clone (a tee) on every
      // answer costs every call, and only a failure's answer is ever shown again.
      if (input.middleware)
        kept =
          answer.type === "opaqueredirect"
            ? answer
            : new Response(judgement.text || null, {
                status: answer.status,
                headers: answer.headers,
              });
    }
  } catch (thrown) {
    // A bug in the caller's fetch is theirs to see, not a network failure to retry.
    if (stage === "fetch" && (thrown instanceof DevRevUsageError || isProgrammingError(thrown)))
      throw thrown;
    // Why it stopped: the caller, the token function, the clock, or the network.
    const aborted = signal?.aborted;
    error = aborted
      ? abortedError(
          stage === "token"
            ? "before the request was sent"
            : "while a request was in flight: the server may have received it and acted on it",
        )
      : stage === "token"
        ? {
            type: "token_unavailable",
            message: `The token function ${timedOut ? `did not return within ${timeoutMs} ms` : "failed or returned an unusable token"}; nothing was sent.`,
          }
        : timedOut
          ? { type: "timeout", message: `No answer within ${timeoutMs} ms.`, timeoutMs }
          : {
              type: "network_error",
              message: "The connection failed or dropped before a whole answer arrived.",
            };
    // What the token function or the runtime said (an abort or a timeout says it all).
    const cause = aborted || timedOut ? undefined : describeCause(thrown);
    if (cause) error.cause = cause;
    // The server may have acted once fetch was called, unless the connection surely never was made.
    uncertain =
      stage !== "token" &&
      (error.type !== "network_error" || stage === "answer" || !wasSurelyNotSent(thrown));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
  const status = response?.status;
  return {
    record: {
      type: error?.type ?? "ok",
      ...(status === undefined ? {} : { status }),
      ms: Math.round(performance.now() - started),
      ...(uncertain ? { uncertain: true as const } : {}),
    },
    response,
    ...(kept ? { kept } : {}),
    ...(error ? { error: sealed(error, secrets) } : { forward }),
  };
}
