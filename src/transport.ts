/**
 * The `fetch` openapi-fetch calls: one logical request in, as many attempts as it takes out.
 * Each attempt gets a fresh token, its own timeout and no redirects; each answer is read with
 * a size bound and judged against the operation's contract. Successes go back to openapi-fetch;
 * every failure ends the call by throwing `Settled`, which the client turns into `{ error }`.
 */
import { authorizationFor, checkTransportSecurity, type TokenSource } from "./auth.js";
import {
  maxErrorBodyBytes,
  maxSnippetBytes,
  maxSuccessBodyBytes,
  readBounded,
  snippetOf,
} from "./body.js";
import { DevRevUsageError, type UnexpectedReason, type UnexpectedResponse } from "./errors.js";
import { backoffMs, isRetryableStatus, parseRetryAfter, sleep } from "./retry.js";

/** What the generated constants say about one operation. */
export interface OperationContract {
  readonly successStatuses: readonly number[];
  readonly successStatusesWithBody: readonly number[];
  readonly errorTypesByStatus: { readonly [status: string]: readonly string[] };
}

/** An error before it is typed for its operation (the client does that, from the contract). */
type AnyError = { type: string; status?: number; [field: string]: unknown };

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
  token: TokenSource;
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

// Shorter strings cannot be hidden meaningfully: they occur in ordinary words.
const minRedactedLength = 8;

/**
 * Removes the token wherever a server or proxy echoed it back (an error page quoting the
 * request, say). `type` is left alone: it is the discriminant, and never carries a secret.
 */
function redact<T>(value: T, secret: string): T {
  if (secret.length < minRedactedLength) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return node.split(secret).join("[redacted]");
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, field]) => [key, key === "type" ? field : walk(field)]),
      );
    }
    return node;
  };
  return walk(value) as T;
}

function unexpected(
  reason: UnexpectedReason,
  response: Response,
  text: string,
  message: string,
): UnexpectedResponse & AnyError {
  const location = response.headers.get("location");
  return {
    type: "unexpected_response",
    message,
    reason,
    status: response.status,
    contentType: response.headers.get("content-type") ?? undefined,
    bodySnippet: snippetOf(text),
    ...(location ? { location } : {}),
  };
}

type Judgement = { ok: true; forward: Response } | { ok: false; error: AnyError };

/** Reads an answer (bounded) and decides whether it is a success, a contract error or neither. */
async function judge(response: Response, contract: OperationContract): Promise<Judgement> {
  const { status } = response;
  if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
    await response.body?.cancel().catch(() => {});
    return {
      ok: false,
      error: unexpected(
        "redirect",
        response,
        "",
        `The server answered with a redirect (${status}); redirects are not followed so the token stays with the origin it was meant for.`,
      ),
    };
  }
  if (contract.successStatuses.includes(status)) {
    if (contract.successStatusesWithBody.includes(status)) {
      // A JSON success body goes to openapi-fetch, which parses it; it is checked first so a
      // proxy's HTML page on 200 becomes an error rather than a parser exception.
      const { text, truncated } = await readBounded(response, maxSuccessBodyBytes);
      if (truncated)
        return {
          ok: false,
          error: unexpected(
            "body_too_large",
            response,
            text,
            `The ${status} body is larger than the client reads.`,
          ),
        };
      try {
        JSON.parse(text);
      } catch {
        return {
          ok: false,
          error: unexpected("not_json", response, text, `The ${status} body is not JSON.`),
        };
      }
      return { ok: true, forward: new Response(text, { status, headers: response.headers }) };
    }
    if (response.headers.get("content-length") === "0") return { ok: true, forward: response };
    const { text } = await readBounded(response, maxSnippetBytes);
    if (text.trim() !== "") {
      return {
        ok: false,
        error: unexpected(
          "body_on_empty_success",
          response,
          text,
          `The contract says ${status} has no body, but one came (perhaps a proxy's page): nothing can be assumed about the tokens.`,
        ),
      };
    }
    return {
      ok: true,
      forward: new Response(null, { status, headers: { "content-length": "0" } }),
    };
  }
  const { text, truncated } = await readBounded(response, maxErrorBodyBytes);
  if (truncated) {
    return {
      ok: false,
      error: unexpected(
        "body_too_large",
        response,
        text,
        `The ${status} body is over ${maxErrorBodyBytes} bytes, too large for an error of the contract.`,
      ),
    };
  }
  const allowed = contract.errorTypesByStatus[String(status)];
  if (!allowed) {
    return {
      ok: false,
      error: unexpected(
        "status_not_in_contract",
        response,
        text,
        `Status ${status} is not one the contract lists for this operation.`,
      ),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: unexpected(
        "not_json",
        response,
        text,
        `The ${status} body is not JSON (content type ${response.headers.get("content-type") ?? "none"}).`,
      ),
    };
  }
  const type =
    body && typeof body === "object" && !Array.isArray(body)
      ? (body as { type?: unknown }).type
      : undefined;
  if (typeof type !== "string" || !allowed.includes(type)) {
    return {
      ok: false,
      error: unexpected(
        "type_not_for_status",
        response,
        text,
        `A ${status} body must have type ${allowed.join(" | ")}; got ${typeof type === "string" ? JSON.stringify(type) : "none"}.`,
      ),
    };
  }
  const retryAfterMs = serverAskedMs(response, body);
  return {
    ok: false,
    error: {
      ...(body as { type: string }),
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  };
}

/** The wait the server asked for: the Retry-After header, else the body's `retry_after` seconds. */
function serverAskedMs(response: Response | undefined, body: unknown): number | undefined {
  const fromHeader = parseRetryAfter(response?.headers.get("retry-after"));
  if (fromHeader !== undefined) return fromHeader;
  const seconds = (body as { retry_after?: unknown } | undefined)?.retry_after;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

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
  return async (request: PendingRequest | Request): Promise<Response> => {
    const url = request.url;
    let init: RequestInit;
    if (request instanceof PendingRequest) {
      init = request.init;
    } else {
      init = {
        method: request.method,
        headers: request.headers,
        body: request.body ? await request.text() : null,
      };
    }
    checkTransportSecurity(new URL(url), settings.allowInsecureHttp);
    const headers = new Headers(init.headers);
    const { signal } = settings;
    const maxAttempts = settings.maxRetries + 1;

    for (let attempt = 1; ; attempt++) {
      state.attempts = attempt;
      if (signal?.aborted) throw new Settled(aborted(), state.response);
      const authorization = await authorizationFor(settings.token);
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
