/**
 * Every option the client takes, in one place: their names (a name not listed here is refused,
 * with the nearest one suggested), their defaults and their checks. Nothing a caller did not
 * name is acted on: a misspelt `baseURL` must not send the token to the default server, and a
 * `token: undefined` from a config value that was not set must not quietly become DEVREV_TOKEN.
 */
import type { Middleware } from "openapi-fetch";
import type { TokenSource } from "./auth.js";
import { DevRevUsageError } from "./errors.js";
import type { Logger, LogLevel } from "./log.js";
import {
  defaultMaxRetries,
  defaultMaxRetryDelayMs,
  defaultTimeoutMs,
  type RetryEvent,
  minTimeoutMs,
} from "./retry.js";
import {
  checkedFlag,
  checkedFunction,
  checkedHeaders,
  checkedMs,
  checkedRetries,
  ownFields,
} from "./validate.js";

/**
 * Options of `createDevRevClient`. An option left out takes its default; `null` is refused for
 * every option, and `undefined` for `token` and `baseUrl` (a value that was not set must not
 * turn into another credential or another server).
 *
 * @example
 * ```ts
 * const options: DevRevClientOptions = { token: () => vault.read("devrev"), maxRetries: 4 };
 * ```
 */
export interface DevRevClientOptions {
  /**
   * The token, or a function returning it (called for every attempt, so refreshed tokens work;
   * it runs under the attempt's `timeoutMs` and the call's `signal`, and if it throws, rejects
   * or returns no usable token the call resolves with a `token_unavailable` error). A token is
   * an RFC 6750 Bearer token of 8 to 8 192 characters.
   * @default process.env.DEVREV_TOKEN
   */
  token?: TokenSource;
  /**
   * The server: an absolute http(s) URL without credentials, query or fragment.
   * @default "https://api.devrev.ai" (the spec's server)
   */
  baseUrl?: string;
  /**
   * Time allowed for each attempt, token and answer body included, enforced by the client's own
   * clock even when a custom `fetch` ignores its `signal`.
   * @default 60000
   */
  timeoutMs?: number;
  /**
   * Attempts after the first (0 to 10), for 429, 5xx, network failures and timeouts.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest server-requested wait the client sleeps through; longer asks return the 429 at once.
   * @default 60000
   */
  maxRetryDelayMs?: number;
  /**
   * A `fetch` to use instead of the global one (a proxy agent, a test double, the mock's `fetch`).
   * A bug in it (a `ReferenceError`, resolving with something that is not a `Response`) makes
   * the call reject with that error rather than be retried as a network failure; the error's
   * `result` then holds the attempts so far, the failed one as `fetch_threw` (it may have sent
   * the request). An answer it got by following a redirect is judged as the redirect it was, and
   * the attempt's own clock bounds it even when it ignores its `signal`.
   * @default globalThis.fetch
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /**
   * Extra headers for every request. `Authorization` is refused: use `token`.
   * @default {}
   */
  headers?: Record<string, string>;
  /** Called before each retry with what failed and how long the wait is. Never receives the token. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Allow sending the token over plain `http:` to a host other than localhost.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /**
   * Where log lines go: any object with `debug`, `info`, `warn` and `error` (pino and friends
   * fit). Lines never hold the token.
   * @default console
   */
  logger?: Logger;
  /**
   * `debug` (each attempt and wait), `info` (each call's outcome), `warn` (an attempt whose
   * outcome is unknown, a wait over `maxRetryDelayMs`), `error`, or `off`.
   * @default the `DEVREV_LOG` environment variable where a `process` exists, else `"warn"`
   */
  logLevel?: LogLevel;
}

/**
 * Per-call settings, overriding the client's. `null` is refused for each.
 *
 * @example
 * ```ts
 * await devrev.authTokens.selfDelete(body, { signal: AbortSignal.timeout(5_000), maxRetries: 0 });
 * ```
 */
export interface CallOptions {
  /** Aborting ends the call promptly, during a request or a backoff wait, with an `aborted` error. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Overrides the client's `maxRetryDelayMs` for this call. */
  maxRetryDelayMs?: number;
  /** Overrides the client's `onRetry` for this call. */
  onRetry?: (event: RetryEvent) => void;
  /** Extra headers for this call, over the client's. `Authorization` is refused: use `token`. */
  headers?: Record<string, string>;
  /**
   * openapi-fetch middleware for this call, after the client's (`raw.use`). It runs once per
   * call, around every attempt; see `RawClient.use`.
   */
  middleware?: Middleware[];
  /**
   * Sends each attempt with `fetch`'s `keepalive`, so a browser completes it even if the page
   * is unloaded meanwhile: a revocation at logout survives the navigation that follows. It covers
   * a request that has started: a token function or middleware that waits before sending is
   * still waiting when the page goes, and then nothing is sent. Once the page is gone only the
   * attempt in flight goes on; retries, the timeout and the result need the page. Browsers allow
   * 64 KiB of keepalive bodies in flight per page; a larger body is refused before sending.
   *
   * @default false
   * @example
   * ```ts
   * const revoking = devrev.authTokens.selfDelete(body, { keepalive: true });
   * await Promise.race([revoking, new Promise((done) => setTimeout(done, 1_000))]);
   * location.assign("/signed-out");
   * ```
   */
  keepalive?: boolean;
}

/** Asserts at compile time that a list names every key of `T` (the list's `satisfies` does the reverse). */
type ListsEvery<T, Listed> = [Exclude<keyof T, Listed>] extends [never] ? true : never;

/** The options `createDevRevClient` takes. */
export const clientOptionNames = [
  "token",
  "baseUrl",
  "timeoutMs",
  "maxRetries",
  "maxRetryDelayMs",
  "fetch",
  "headers",
  "onRetry",
  "allowInsecureHttp",
  "logger",
  "logLevel",
] as const satisfies readonly (keyof DevRevClientOptions)[];
true satisfies ListsEvery<DevRevClientOptions, (typeof clientOptionNames)[number]>;

/** The per-call options `selfDelete` takes; anything else is refused before sending. */
export const callOptionNames = [
  "signal",
  "timeoutMs",
  "maxRetries",
  "maxRetryDelayMs",
  "onRetry",
  "headers",
  "middleware",
  "keepalive",
] as const satisfies readonly (keyof CallOptions)[];
true satisfies ListsEvery<CallOptions, (typeof callOptionNames)[number]>;

/**
 * What `raw` takes on top: openapi-fetch's own request options that cannot bypass the client
 * (not `fetch`, `Request` or `middleware` of its own: those would skip the token's checks).
 */
export const openapiFetchOptionNames = [
  "params",
  "body",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "baseUrl",
] as const;
/** Every option of a `raw` call. */
export const rawOptionNames: readonly string[] = [...callOptionNames, ...openapiFetchOptionNames];

/** The retry and timeout settings in force for one call. */
export interface CallSettings {
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

/** The defaults of the settings a call can override. */
export const defaultSettings: CallSettings = {
  timeoutMs: defaultTimeoutMs,
  maxRetries: defaultMaxRetries,
  maxRetryDelayMs: defaultMaxRetryDelayMs,
  onRetry: undefined,
};

/**
 * The options as given, each read once (see `ownFields`: unknown, inherited and hidden names are
 * refused), with `null` refused for any of `ours` (an option set to null is a mistake, not a
 * request for the default), before anything is sent.
 */
export function checkedNames(
  call: string,
  given: unknown,
  allowed: readonly string[],
  ours: readonly string[],
): Record<string, unknown> {
  const options = ownFields(given, call, "option", allowed);
  for (const name of ours)
    if (options[name] === null)
      throw new DevRevUsageError(`${call}: ${name} is null; give a value, or leave it out.`);
  return options;
}

/** A call's settings: what it sets, checked, else `fallback`'s. */
export function checkedSettings(
  options: Record<string, unknown>,
  fallback: CallSettings,
): CallSettings {
  const { timeoutMs, maxRetries, maxRetryDelayMs, onRetry } = options;
  return {
    timeoutMs:
      timeoutMs === undefined
        ? fallback.timeoutMs
        : checkedMs("timeoutMs", timeoutMs, minTimeoutMs),
    maxRetries: maxRetries === undefined ? fallback.maxRetries : checkedRetries(maxRetries),
    maxRetryDelayMs:
      maxRetryDelayMs === undefined
        ? fallback.maxRetryDelayMs
        : checkedMs("maxRetryDelayMs", maxRetryDelayMs, 0),
    onRetry: checkedFunction("onRetry", onRetry as CallSettings["onRetry"]) ?? fallback.onRetry,
  };
}

/**
 * One call's options checked against the names it takes (`selfDelete`'s, or `raw`'s), with
 * `null` refused for this package's own.
 */
export function checkedCallOptions(call: string, options: unknown, allowed: readonly string[]) {
  return checkedNames(call, options === undefined ? {} : options, allowed, callOptionNames);
}
