/**
 * One attempt of a call: the token (from the caller's source, under the attempt's clock), one
 * `fetch` with its own timeout and no redirects, and the judgement of the answer. It resolves
 * with what happened, never rejects for the network or the server; only a bug in the caller's
 * `fetch` is thrown on.
 */
import { judge, redact, type AnyError, type OperationContract } from "./answers.js";
import { DevRevUsageError } from "./errors.js";
import { isProgrammingError, isUncertainStatus, wasSurelyNotSent } from "./uncertainty.js";

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
  /** `"ok"`, or the `type` of the error the attempt ended with. */
  type: string;
  /** The HTTP status, when an answer's status line arrived. */
  status?: number;
  /** How long the attempt took, token included, in whole milliseconds. */
  ms: number;
  /**
   * Set when the server may have acted on this attempt without the client learning the outcome:
   * a timeout, a connection lost after the request may have been written, a 500, 502 or 504, or
   * an abort while the request was in flight.
   */
  uncertain?: true;
}

/** What one attempt needs; fixed for the whole call. */
export interface AttemptInput {
  url: string;
  init: RequestInit;
  /** Completed in place with each attempt's Authorization. */
  headers: Headers;
  contract: OperationContract;
  authorization: () => string | Promise<string>;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Every token this call has used so far; the attempt adds its own. */
  secrets: Set<string>;
}

/** How one attempt ended. */
export type AttemptResult =
  | { ok: true; forward: Response; response: Response; record: AttemptRecord }
  | { ok: false; error: AnyError; response: Response | undefined; record: AttemptRecord };

const abortedError = () => ({
  type: "aborted" as const,
  message: "The call was aborted by its signal.",
});

/** Resolves or rejects with `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describeCause(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message)
    return cause.code && !cause.message.includes(cause.code)
      ? `${cause.code}: ${cause.message}`
      : cause.message;
  return error instanceof Error ? error.message : undefined;
}

function isResponse(value: unknown): value is Response {
  if (typeof Response !== "undefined" && value instanceof Response) return true;
  // Another realm's Response (a polyfill, a test runner's) passes by shape.
  const candidate = value as Partial<Response> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.status === "number" &&
    typeof candidate.headers?.get === "function" &&
    "body" in candidate
  );
}

/** Runs one attempt. */
export async function runAttempt(input: AttemptInput): Promise<AttemptResult> {
  const started = performance.now();
  const { signal, timeoutMs, secrets } = input;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let response: Response | undefined;
  // Until fetch is called nothing can have reached the server.
  let sent = false;

  const end = (error: AnyError, uncertain: boolean): AttemptResult => {
    const status = typeof error.status === "number" ? error.status : response?.status;
    return {
      ok: false,
      error: redact(error, secrets),
      response,
      record: {
        type: error.type,
        ...(status === undefined ? {} : { status }),
        ms: Math.round(performance.now() - started),
        ...(uncertain ? { uncertain: true as const } : {}),
      },
    };
  };
  // Why an attempt that threw stopped: the caller, the clock, or the network.
  const interrupted = (error: unknown): AttemptResult => {
    if (signal?.aborted) return end(abortedError(), sent);
    if (timedOut)
      return end(
        {
          type: "timeout",
          message: `No answer within ${timeoutMs} ms.`,
          timeoutMs,
        },
        true,
      );
    const cause = describeCause(error);
    return end(
      {
        type: "network_error",
        message: "The connection failed or dropped before a whole answer arrived.",
        ...(cause ? { cause } : {}),
      },
      response !== undefined || !wasSurelyNotSent(error),
    );
  };

  try {
    let authorization: string;
    try {
      const pending = input.authorization();
      authorization =
        typeof pending === "string" ? pending : await untilAborted(pending, controller.signal);
    } catch (error) {
      if (signal?.aborted) return end(abortedError(), false);
      const cause = timedOut ? undefined : describeCause(error);
      return end(
        {
          type: "token_unavailable",
          message: timedOut
            ? `The token function did not return within ${timeoutMs} ms; nothing was sent.`
            : "The token function failed or returned an unusable token; nothing was sent.",
          ...(cause ? { cause } : {}),
        },
        false,
      );
    }
    secrets.add(authorization.slice("Bearer ".length));
    input.headers.set("authorization", authorization);

    let answer: unknown;
    try {
      sent = true;
      answer = await input.fetch(input.url, {
        ...input.init,
        headers: input.headers,
        signal: controller.signal,
        redirect: "manual",
      });
    } catch (error) {
      if (error instanceof DevRevUsageError || isProgrammingError(error)) throw error;
      return interrupted(error);
    }
    if (!isResponse(answer)) {
      throw new DevRevUsageError(
        `The fetch passed to createDevRevClient resolved with ${answer === null ? "null" : typeof answer}, not a Response.`,
      );
    }
    response = answer;
    let judgement;
    try {
      judgement = await judge(response, input.contract);
    } catch (error) {
      return interrupted(error);
    }
    if (!judgement.ok) {
      const status = judgement.error.status;
      return end(judgement.error, typeof status === "number" && isUncertainStatus(status));
    }
    return {
      ok: true,
      forward: judgement.forward,
      response,
      record: {
        type: "ok",
        status: response.status,
        ms: Math.round(performance.now() - started),
      },
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
