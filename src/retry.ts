/**
 * When to try again and how long to wait. `auth-tokens.self.delete` is idempotent (revoking
 * twice revokes nothing more), so every retry here is safe to make.
 */

/**
 * The longest wait a timer holds: setTimeout stores a delay in a signed 32-bit integer and
 * fires a larger one at once.
 */
export const maxTimerMs = 2 ** 31 - 1;

/** Time allowed for each attempt, token and answer body included, unless the caller says otherwise. */
export const defaultTimeoutMs = 60_000;
/** Attempts after the first, unless the caller says otherwise. */
export const defaultMaxRetries = 2;
/** Most attempts after the first a caller may ask for: more only hammers a failing server. */
export const maxRetriesLimit = 10;
/** The longest server-requested wait slept through, unless the caller says otherwise. */
export const defaultMaxRetryDelayMs = 60_000;

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
  /** Set when the server may have acted on the failed attempt (see `AttemptRecord.uncertain`). */
  uncertain?: true;
}

/** Statuses worth another attempt: the server is busy or failed, not the request. */
export const retryableStatuses: readonly number[] = [429, 500, 502, 503, 504];
const retryable = new Set(retryableStatuses);

/** The least `timeoutMs` an attempt may be given. */
export const minTimeoutMs = 1;

/**
 * Whether an answer with this status may succeed if sent again. 400, 401, 403 and 404 will not.
 *
 * @example
 * ```ts
 * isRetryableStatus(503); // true
 * isRetryableStatus(401); // false
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  return retryable.has(status);
}

/**
 * Reads a `Retry-After` header into milliseconds from `now`.
 *
 * RFC 9110 §10.2.3 allows two forms: a number of seconds (`delay-seconds`, a non-negative
 * integer) and an HTTP-date. `Date.parse` reads all three date forms the RFC tells recipients
 * to accept (IMF-fixdate, RFC 850, asctime). A date in the past means "now" (0). Anything
 * else, including negative or fractional seconds, is ignored (`undefined`) as the RFC does
 * not define it, and backoff applies instead.
 *
 * @example
 * ```ts
 * parseRetryAfter("3"); // 3000
 * parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("Wed, 21 Oct 2026 07:27:58 GMT")); // 2000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only something that looks like a date: Date.parse also accepts "1" or "2026" as years.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** First backoff step, when the server does not say how long to wait. */
export const baseBackoffMs = 500;
/** Longest backoff step. */
export const maxBackoffMs = 8000;

/**
 * The wait the server asked for: the Retry-After header, else the body's `retry_after` seconds
 * (DevRev's 429 body carries it); `undefined` when neither says.
 *
 * @example
 * ```ts
 * serverAskedMs(new Response(null, { headers: { "retry-after": "2" } }), {}); // 2000
 * serverAskedMs(undefined, { retry_after: 5 }); // 5000
 * ```
 */
export function serverAskedMs(
  response: { headers: { get(name: string): string | null } } | undefined,
  body: unknown,
): number | undefined {
  const fromHeader = parseRetryAfter(response?.headers.get("retry-after"));
  if (fromHeader !== undefined) return fromHeader;
  const seconds = (body as { retry_after?: unknown } | undefined)?.retry_after;
  // Number.isFinite is false for anything but a finite number: it does not coerce.
  return Number.isFinite(seconds) && (seconds as number) >= 0
    ? (seconds as number) * 1000
    : undefined;
}

/** What to do after a failed attempt: wait and try again, or stop, and why. */
export type RetryDecision =
  | { retry: true; delayMs: number; serverAsked: boolean }
  | {
      retry: false;
      /**
       * `not_retryable`: the failure would only repeat (a 4xx, an answer outside the contract);
       * `attempts_used`: `maxRetries` retries were made; `wait_too_long`: the server asked for
       * more than `maxRetryDelayMs`, and the caller decides.
       */
      why: "not_retryable" | "attempts_used" | "wait_too_long";
    };

/**
 * The retry policy, whole: which failures are tried again, how many times, and after what wait.
 * Network failures, timeouts and the statuses of {@link isRetryableStatus} are retried while
 * attempts are left. The wait is the server's (Retry-After or `retry_after`), but at least the
 * first backoff step: a server that keeps saying 0 must not get a burst of every retry within
 * milliseconds; without one, {@link backoffMs}. A server asking for more than `maxRetryDelayMs`
 * is not slept through.
 *
 * @example
 * ```ts
 * decideRetry({ type: "too_many_requests", status: 429 }, 1, { maxRetries: 2, maxRetryDelayMs: 60_000 }, 3000);
 * // { retry: true, delayMs: 3000, serverAsked: true }
 * ```
 */
export function decideRetry(
  failure: { type: string; status?: number | undefined },
  attempt: number,
  settings: { maxRetries: number; maxRetryDelayMs: number },
  askedMs: number | undefined,
  random: () => number = Math.random,
): RetryDecision {
  const { type, status } = failure;
  if (!(type === "network_error" || type === "timeout" || isRetryableStatus(status ?? 0)))
    return { retry: false, why: "not_retryable" };
  if (attempt > settings.maxRetries) return { retry: false, why: "attempts_used" };
  // No wait asked is never too long: `undefined > n` is false.
  if ((askedMs as number) > settings.maxRetryDelayMs) return { retry: false, why: "wait_too_long" };
  return askedMs === undefined
    ? { retry: true, delayMs: backoffMs(attempt, random), serverAsked: false }
    : { retry: true, delayMs: Math.max(askedMs, baseBackoffMs), serverAsked: true };
}

/**
 * Exponential backoff with jitter for attempt `retry` (1 for the first retry): about 0.5 s,
 * 1 s, 2 s … capped at 8 s. The wait is drawn from the upper half of the step ("equal
 * jitter") so clients that failed together do not come back together, yet never retry at once.
 *
 * @example
 * ```ts
 * backoffMs(1, () => 0.5); // 375
 * ```
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const step = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Waits `ms`, or less if `signal` aborts (then resolves `false`). The timer is cleared on
 * abort, so nothing keeps the process alive after the caller gave up. A wait past what a timer
 * can hold (2^31 - 1 ms, about 24.8 days) is cut to that, rather than firing at once.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(true);
      },
      Math.min(ms, maxTimerMs),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
