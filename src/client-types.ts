/**
 * The public shapes of a client: what calls resolve with, and the typed `raw` client, all
 * derived from the generated `paths` so a path or a status added to the spec joins them on
 * regeneration.
 */
import type { FetchOptions, FetchResponse, Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { AttemptRecord } from "./attempt.js";
import type { DevRevError, DevRevErrorOf } from "./errors.js";
import type { CallOptions } from "./options.js";
import type { SelfDeleteRequest } from "./validate.js";

/** What every result carries besides `data` or `error`. */
interface ResultHistory {
  /** How many attempts were made: `history.length`. */
  attempts: number;
  /** One entry per attempt, in order: what each came to, and whether its outcome is unknown. */
  history: readonly AttemptRecord[];
}

/**
 * What every call resolves with. It never rejects for a failure of the network, the server or
 * the token function: exactly one of `data` (success) and `error` is set. `response` is the
 * server's last answer as received: it may hold whatever the server echoed (the token too), so
 * it is never printed or logged by this package, and should not be by its callers.
 */
export type DevRevResult<Data, Error> =
  | ({ data: Data; error?: undefined; response: Response } & ResultHistory)
  | ({ data?: undefined; error: Error; response: Response | undefined } & ResultHistory);

/** The result of `selfDelete`: `data` is `undefined` on success (the 200 has no body). */
export type SelfDeleteResult = DevRevResult<undefined, DevRevError>;

/** The HTTP methods an OpenAPI path item can have, as openapi-fetch names them. */
export const httpMethods = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
/** One of {@link httpMethods}. */
export type HttpMethod = (typeof httpMethods)[number];

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
 * narrowing: a path added to the spec is callable here as soon as it is regenerated. A path
 * must start with `/`, and the URL it makes must stay on the base URL's origin, under its path.
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
   * answer. A Request it moves off the base URL (another origin, or outside its path) is
   * refused (the call rejects with a `DevRevUsageError`; nothing is sent). Should middleware
   * throw after a request was sent, the call rejects with what it threw, and that error's
   * `result` holds what the call came to (a revocation stays done). With none registered, calls
   * take the fast path (no Request is built).
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

/** The client returned by `createDevRevClient`. */
export interface DevRevClient {
  authTokens: {
    /**
     * Revokes every token of `requested_token_type` that the caller created. With no argument
     * (or without the field) it sends `{}`, and DevRev chooses what to revoke: that default is
     * not documented, so name the type. A field given as `undefined` or `null` is refused
     * rather than sent as `{}`.
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
