/**
 * `createDevRevClient`: options checked once, then two ways to call the API that share one
 * transport (auth, retries, timeouts, redirect guard, narrowing): `authTokens.selfDelete`, and
 * `raw`, the typed openapi-fetch client for every path of the spec.
 */
import createClient, {
  type FetchOptions,
  type FetchResponse,
  type Middleware,
} from "openapi-fetch";
import { defaultBaseUrl, operations } from "../generated/constants.js";
import type { paths } from "../generated/schema.js";
import {
  authorizationSource,
  checkTransportSecurity,
  tokenSourceFrom,
  type TokenSource,
} from "./auth.js";
import { DevRevUsageError, type DevRevError, type DevRevErrorOf } from "./errors.js";
import { createLog, type Logger, type LogLevel } from "./log.js";
import { checkedMiddleware, throughMiddleware, type Outcome } from "./middleware.js";
import {
  createTransport,
  middlewareRequestClass,
  PendingRequest,
  Settled,
  type AttemptRecord,
  type AttemptSettings,
  type CallState,
  type OperationContract,
  type RetryEvent,
} from "./transport.js";
import {
  checkedBaseUrl,
  checkedCallOptionNames,
  checkedFlag,
  checkedFunction,
  checkedHeaders,
  checkedMs,
  checkedRetries,
  checkedSelfDeleteBody,
  type SelfDeleteRequest,
} from "./validate.js";

/**
 * Options of {@link createDevRevClient}.
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
   * or returns no usable token the call resolves with a `token_unavailable` error).
   * Default: `process.env.DEVREV_TOKEN`.
   */
  token?: TokenSource;
  /** Default `https://api.devrev.ai`, the spec's server. No credentials, query or fragment. */
  baseUrl?: string;
  /** Time allowed for each attempt, answer body included. Default 60 000 ms. */
  timeoutMs?: number;
  /** Attempts after the first, for 429, 5xx, network failures and timeouts. Default 2. */
  maxRetries?: number;
  /** The longest server-requested wait the client sleeps through; longer asks return the 429 at once. Default 60 000 ms. */
  maxRetryDelayMs?: number;
  /**
   * A `fetch` to use instead of the global one (a proxy agent, a test double, the mock's `fetch`).
   * A bug in it (a `ReferenceError`, resolving with something that is not a `Response`) makes
   * the call reject with that error rather than be retried as a network failure.
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Extra headers for every request. `Authorization` is refused: use `token`. */
  headers?: Record<string, string>;
  /** Called before each retry with what failed and how long the wait is. Never receives the token. */
  onRetry?: (event: RetryEvent) => void;
  /** Allow sending the token over plain `http:` to a host other than localhost. Default false. */
  allowInsecureHttp?: boolean;
  /**
   * Where log lines go: any object with `debug`, `info`, `warn` and `error` (pino and friends
   * fit). Lines never hold the token. Default `console`.
   */
  logger?: Logger;
  /**
   * `debug` (each attempt and wait), `info` (each call's outcome), `warn` (an attempt whose
   * outcome is unknown, a wait over `maxRetryDelayMs`), `error`, or `off`. Default: the
   * `DEVREV_LOG` environment variable where a `process` exists, else `"warn"`.
   */
  logLevel?: LogLevel;
}

/**
 * Per-call settings, overriding the client's.
 *
 * @example
 * ```ts
 * await devrev.authTokens.selfDelete({}, { signal: AbortSignal.timeout(5_000), maxRetries: 0 });
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
   * is unloaded meanwhile: a revocation at logout survives the navigation that follows. Once
   * the page is gone only the attempt in flight goes on; retries, the timeout and the result
   * need the page. Browsers allow 64 KiB of keepalive bodies in flight per page (this body is
   * under 100 bytes); past that `fetch` fails at once.
   *
   * @default false
   * @example
   * ```ts
   * void devrev.authTokens.selfDelete(body, { keepalive: true });
   * location.assign("/signed-out");
   * ```
   */
  keepalive?: boolean;
}

/** The per-call options `selfDelete` takes; anything else is refused before sending. */
const callOptionNames = [
  "signal",
  "timeoutMs",
  "maxRetries",
  "maxRetryDelayMs",
  "onRetry",
  "headers",
  "middleware",
  "keepalive",
] as const satisfies readonly (keyof CallOptions)[];
/** What `raw` takes on top: openapi-fetch's own request options that cannot bypass the client. */
const openapiFetchOptionNames = [
  "params",
  "body",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "baseUrl",
] as const;
const rawOptionNames = [...callOptionNames, ...openapiFetchOptionNames];

/** What every result carries besides `data` or `error`. */
interface ResultHistory {
  /** How many attempts were made: `history.length`. */
  attempts: number;
  /** One entry per attempt, in order: what each came to, and whether its outcome is unknown. */
  history: readonly AttemptRecord[];
}

/**
 * What every call resolves with. It never rejects for a failure of the network, the server or
 * the token function: exactly one of `data` (success) and `error` is set.
 */
export type DevRevResult<Data, Error> =
  | ({ data: Data; error?: undefined; response: Response } & ResultHistory)
  | ({ data?: undefined; error: Error; response: Response | undefined } & ResultHistory);

/** The result of `selfDelete`: `data` is `undefined` on success (the 200 has no body). */
export type SelfDeleteResult = DevRevResult<undefined, DevRevError>;

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
type HttpMethod = (typeof httpMethods)[number];
type OperationAt<Path, Method> = Path extends keyof paths
  ? paths[Path] extends Record<Method & string, infer Operation>
    ? Operation
    : never
  : never;
/** The spec's paths that have an operation for `Method`. */
export type PathsWith<Method extends HttpMethod> = {
  [Path in keyof paths]: [OperationAt<Path, Method>] extends [never] ? never : Path;
}[keyof paths];
type DataOf<Operation> =
  Operation extends Record<string | number, any>
    ? NonNullable<FetchResponse<Operation, {}, `${string}/${string}`>["data"]> extends infer Data
      ? [Data] extends [never]
        ? undefined
        : Data
      : never
    : never;

/** One method of {@link RawClient}: any path of the spec that has it, typed from the spec. */
export type RawMethod<Method extends HttpMethod> = <Path extends PathsWith<Method>>(
  path: Path,
  init: FetchOptions<OperationAt<Path, Method>> & CallOptions,
) => Promise<
  DevRevResult<DataOf<OperationAt<Path, Method>>, DevRevErrorOf<OperationAt<Path, Method>>>
>;

/**
 * The typed openapi-fetch client with this package's auth, retries, timeouts and error
 * narrowing: a path added to the spec is callable here as soon as it is regenerated.
 *
 * @example
 * ```ts
 * const { error } = await devrev.raw.POST("/auth-tokens.self.delete", { body: {} });
 * ```
 */
export type RawClient = { [Method in HttpMethod as Uppercase<Method>]: RawMethod<Method> } & {
  /**
   * Any method and path of the spec, as openapi-fetch's `request`.
   *
   * @example
   * ```ts
   * await devrev.raw.request("post", "/auth-tokens.self.delete", { body: {} });
   * ```
   */
  request<Method extends HttpMethod, Path extends PathsWith<Method>>(
    method: Method,
    path: Path,
    init: FetchOptions<OperationAt<Path, Method>> & CallOptions,
  ): ReturnType<RawMethod<Method>>;
  /**
   * Registers openapi-fetch middleware for every call of this client, `selfDelete` included.
   * It runs once per call, not per attempt: `onRequest` sees a real Request before the first
   * attempt (what it sets goes with every attempt; the token is added after it, so middleware
   * never sees it), `onResponse` the answer the call ended with, `onError` a failure without an
   * answer. A Request it moves to another origin than the base URL's is refused (the call
   * rejects with a `DevRevUsageError`; nothing is sent). With none registered, calls take the
   * fast path (no Request is built).
   *
   * @example
   * ```ts
   * devrev.raw.use({ onRequest: ({ request }) => { request.headers.set("x-trace", id); } });
   * ```
   */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
};

/** The client returned by {@link createDevRevClient}. */
export interface DevRevClient {
  authTokens: {
    /**
     * Revokes every token of `requested_token_type` that the caller created. With no argument
     * it sends `{}` (what DevRev does then is not documented).
     *
     * @example
     * ```ts
     * const { error } = await devrev.authTokens.selfDelete({
     *   requested_token_type: "urn:devrev:params:oauth:token-type:pat",
     * });
     * ```
     */
    selfDelete(body?: SelfDeleteRequest, options?: CallOptions): Promise<SelfDeleteResult>;
  };
  raw: RawClient;
}

const noContract: OperationContract = {
  successStatuses: [],
  successStatusesWithBody: [],
  errorTypesByStatus: {},
};
const contracts = new Map<string, OperationContract>(
  Object.values(operations).map((operation) => [
    `${operation.method} ${operation.path}`,
    operation,
  ]),
);

type CallSettings = Required<
  Omit<CallOptions, "signal" | "onRetry" | "headers" | "middleware" | "keepalive">
> &
  Pick<CallOptions, "onRetry">;

const defaults: CallSettings = { timeoutMs: 60_000, maxRetries: 2, maxRetryDelayMs: 60_000 };

/**
 * Whether a failed call may nonetheless have done what it asked: an attempt's answer was lost
 * after the server may have acted (a timeout, a dropped connection, a 500/502/504, an abort in
 * flight). For `selfDelete` that means the tokens may be revoked although the result is an
 * error: check (e.g. whether the calling token still works) before reporting a refusal.
 *
 * @example
 * ```ts
 * const result = await devrev.authTokens.selfDelete(body);
 * if (result.error && isOutcomeUncertain(result)) console.warn("may already be revoked");
 * ```
 */
export function isOutcomeUncertain(result: {
  error?: unknown;
  history: readonly AttemptRecord[];
}): boolean {
  return result.error !== undefined && result.history.some((record) => record.uncertain);
}

/** The client's options, or one call's overrides, checked; what is not given comes from `fallback`. */
function checkedCallSettings(options: CallOptions, fallback: CallSettings): CallSettings {
  return {
    timeoutMs: checkedMs("timeoutMs", options.timeoutMs ?? fallback.timeoutMs, 1),
    maxRetries: checkedRetries(options.maxRetries ?? fallback.maxRetries),
    maxRetryDelayMs: checkedMs(
      "maxRetryDelayMs",
      options.maxRetryDelayMs ?? fallback.maxRetryDelayMs,
      0,
    ),
    onRetry: checkedFunction("onRetry", options.onRetry) ?? fallback.onRetry,
  };
}

/**
 * Creates a client for DevRev's auth-tokens API.
 *
 * @example
 * ```ts
 * import { createDevRevClient } from "devrev-auth-tokens";
 *
 * const devrev = createDevRevClient({ token: process.env.DEVREV_TOKEN });
 * const { error, attempts } = await devrev.authTokens.selfDelete({
 *   requested_token_type: "urn:devrev:params:oauth:token-type:pat",
 * });
 * if (error) console.error(`${error.type} after ${attempts} attempt(s): ${error.message ?? ""}`);
 * ```
 */
export function createDevRevClient(options: DevRevClientOptions = {}): DevRevClient {
  if (typeof options !== "object" || options === null) {
    throw new DevRevUsageError("createDevRevClient expects an options object.");
  }
  const token = tokenSourceFrom(options.token);
  // A fixed token is checked now; a function's answer is checked on each attempt.
  const authorization = authorizationSource(token);
  const baseUrl = checkedBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  checkTransportSecurity(baseUrl, allowInsecureHttp);
  const base = checkedCallSettings(options, defaults);
  const fetchImpl =
    checkedFunction("fetch", options.fetch) ?? ((input, init) => globalThis.fetch(input, init));
  const headers = checkedHeaders(options.headers);
  const log = createLog(options.logger, options.logLevel);
  // Ours, not openapi-fetch's: whether there is any decides the path each call takes.
  const registered: Middleware[] = [];

  const { origin } = baseUrl;
  const checkedBase = baseUrl.href.replace(/\/+$/, "");
  const openapi = createClient<paths>({
    baseUrl: checkedBase,
    headers,
    Request: PendingRequest as unknown as typeof Request,
  });

  async function call(method: HttpMethod, path: string, init: Record<string, unknown> = {}) {
    checkedCallOptionNames(`${method.toUpperCase()} ${path}`, init, rawOptionNames);
    const { signal, headers, middleware, keepalive } = init as CallOptions;
    // The client's list as is when the call adds none: no array per call on the fast path.
    const wrapping =
      middleware === undefined ? registered : [...registered, ...checkedMiddleware(middleware)];
    if (
      signal !== undefined &&
      typeof (signal as { aborted?: unknown } | null)?.aborted !== "boolean"
    ) {
      throw new DevRevUsageError("signal must be an AbortSignal.");
    }
    // A per-call baseUrl is checked as the client's was, before anything is sent.
    const callBase = init.baseUrl === undefined ? undefined : checkedBaseUrl(init.baseUrl);
    if (callBase) checkTransportSecurity(callBase, allowInsecureHttp);
    // Completed in place rather than spread into a new object: a spread-built object here,
    // read on every attempt, cost 10 µs per call (issue 14).
    const settings: AttemptSettings = Object.assign(checkedCallSettings(init, base), {
      contract: contracts.get(`${method} ${path}`) ?? noContract,
      authorization,
      origin: callBase ? callBase.origin : origin,
      fetch: fetchImpl,
      signal,
      // Each line names the call: its method and the spec's path (no ID from a parameter).
      log: (level: Exclude<LogLevel, "off">, text: () => string) => {
        if (log.wants(level)) log(level, `${method.toUpperCase()} ${path} ${text()}`);
      },
      middleware: wrapping.length > 0,
      keepalive: checkedFlag("keepalive", keepalive),
    });
    const state: CallState = { response: undefined, history: [], secrets: new Set() };
    // openapi-fetch's own options (params, body, …), picked rather than rest-destructured.
    const fetchInit: Record<string, unknown> = {
      headers: checkedHeaders(headers),
      fetch: createTransport(settings, state),
    };
    for (const name of openapiFetchOptionNames)
      if (init[name] !== undefined) fetchInit[name] = init[name];
    const { history } = state;
    const send = () =>
      openapi.request(method as "post", path as "/auth-tokens.self.delete", fetchInit as never);
    const outcome: Outcome = settings.middleware
      ? await throughMiddleware(
          (list) => {
            fetchInit.middleware = list;
            fetchInit.Request = middlewareRequestClass();
            return send();
          },
          wrapping,
          state,
          settings.contract,
          settings.log,
        )
      : await send().then(
          (result) => ({ data: result.data, response: state.response ?? result.response }),
          (thrown: unknown) => {
            if (thrown instanceof Settled)
              return { error: thrown.error, response: thrown.response };
            throw thrown;
          },
        );
    return { ...outcome, attempts: history.length, history };
  }

  const raw = Object.fromEntries(
    httpMethods.map((method) => [
      method.toUpperCase(),
      (path: string, init?: Record<string, unknown>) => call(method, path, init),
    ]),
  ) as unknown as RawClient;
  raw.request = ((method: string, path: string, init?: Record<string, unknown>) => {
    const lower = String(method).toLowerCase() as HttpMethod;
    if (!httpMethods.includes(lower))
      throw new DevRevUsageError(`request: method must be one of ${httpMethods.join(", ")}.`);
    return call(lower, path, init);
  }) as RawClient["request"];
  raw.use = (...middleware) => void registered.push(...checkedMiddleware(middleware));
  raw.eject = (...middleware) => {
    for (const item of middleware) {
      const at = registered.indexOf(item);
      if (at >= 0) registered.splice(at, 1);
    }
  };

  return {
    authTokens: {
      // async, so a bad argument rejects like every other outcome rather than throwing synchronously.
      selfDelete: async (body, callOptions) => {
        const checkedBody = checkedSelfDeleteBody(body);
        // Only the documented options: openapi-fetch's own (bodySerializer, say) would replace
        // the body just checked (issue 10).
        checkedCallOptionNames("selfDelete", callOptions ?? {}, callOptionNames);
        return call("post", "/auth-tokens.self.delete", {
          ...(callOptions ?? {}),
          body: checkedBody,
        }) as Promise<SelfDeleteResult>;
      },
    },
    raw,
  };
}
