/**
 * The errors a call resolves with. Contract errors are derived from the generated `paths`, so a
 * status or a 400 variant added to the spec joins the union on regeneration; the four failures
 * outside the contract (network, timeout, abort, unexpected answer) are this package's own.
 */
import type { paths } from "../generated/schema.js";

type JsonBodyOf<Response> = Response extends { content: { "application/json": infer Body } }
  ? Body
  : never;
type IsSuccess<Status> = `${Status & (string | number)}` extends `2${string}` ? true : false;
/** Distributes over the body union so each variant gets its own literal `status`. */
type WithStatus<Body, Status> = Body extends unknown
  ? Body &
      ErrorContext & {
        /** The HTTP status the body came with. */
        status: Status;
        /** How long the server asked to wait before retrying, in ms, when it said so. */
        retryAfterMs?: number;
      }
  : never;

/**
 * What every error of a call can carry besides its own fields (uncertain attempts are
 * never hidden).
 */
export interface ErrorContext {
  /**
   * Set when an attempt before the last one may have been acted on by the server and its answer
   * was lost (a timeout, a dropped connection after the request may have been written, a 500,
   * 502 or 504). The error then describes the *last* attempt only: the earlier one may already
   * have done what the call asked. For `selfDelete` above all, a 401 after such an attempt most
   * likely means that attempt revoked the very token the call used. `message` says so in words.
   */
  earlierAttemptUncertain?: true;
}

/** Every error body an operation's contract lists, each tagged with its literal HTTP status. */
export type ContractErrorOf<Operation> = Operation extends { responses: infer Responses }
  ? {
      [Status in keyof Responses]: IsSuccess<Status> extends true
        ? never
        : WithStatus<JsonBodyOf<Responses[Status]>, Status>;
    }[keyof Responses]
  : never;

/**
 * The connection failed or dropped before a whole answer arrived. Whether the server got the
 * request is in the attempt's `history` entry (`uncertain`).
 */
export interface NetworkError extends ErrorContext {
  type: "network_error";
  message: string;
  /** What the runtime reported, e.g. `"connect ECONNREFUSED 127.0.0.1:4010"`. */
  cause?: string;
}

/** One attempt took longer than `timeoutMs` (and no retry was left). */
export interface TimeoutError extends ErrorContext {
  type: "timeout";
  message: string;
  timeoutMs: number;
}

/** The caller's `signal` aborted the call. */
export interface AbortedError extends ErrorContext {
  type: "aborted";
  message: string;
}

/** Why an answer was not one the contract describes. */
export type UnexpectedReason =
  | "status_not_in_contract"
  | "not_json"
  | "type_not_for_status"
  | "body_too_large"
  | "body_on_empty_success"
  | "redirect";

/**
 * An answer outside the contract: a status it does not list, a body that is not JSON (a proxy's
 * HTML page), a `type` that does not belong to the status, a success body that is neither empty
 * nor a JSON object, or a redirect (never followed, so the token cannot reach another origin).
 */
export interface UnexpectedResponse extends ErrorContext {
  type: "unexpected_response";
  message: string;
  reason: UnexpectedReason;
  /** 0 when a browser hides a redirect's status. */
  status: number;
  contentType: string | undefined;
  /** The first bytes of the body (at most 1 KiB), with the token removed if it was echoed. */
  bodySnippet: string;
  /** Where a redirect pointed, when the runtime shows it. */
  location?: string;
}

/**
 * The `token` function threw, rejected, returned something that is not a usable token, or did
 * not return within the attempt's `timeoutMs`. Nothing was sent with that attempt.
 */
export interface TokenUnavailableError extends ErrorContext {
  type: "token_unavailable";
  message: string;
  /** The message of what the function threw, with every token of the call removed. */
  cause?: string;
}

/** Failures that are not answers from the server. */
export type TransportError = NetworkError | TimeoutError | AbortedError | TokenUnavailableError;

/** Every error of one operation: its contract's errors and the failures outside the contract. */
export type DevRevErrorOf<Operation> =
  ContractErrorOf<Operation> | TransportError | UnexpectedResponse;

/** The `POST /auth-tokens.self.delete` operation, as generated from the spec. */
export type SelfDeleteOperation = paths["/auth-tokens.self.delete"]["post"];

/**
 * Everything `selfDelete` can resolve with in `error`, discriminated on `type`.
 *
 * @example
 * ```ts
 * function explain(error: DevRevError): string {
 *   switch (error.type) {
 *     case "invalid_enum_value":
 *       return `allowed: ${error.allowed_values.join(", ")}`;
 *     case "too_many_requests":
 *       return `retry in ${error.retry_after ?? "?"} s`;
 *     // ...every other case...
 *     default:
 *       return error.type;
 *   }
 * }
 * ```
 */
export type DevRevError = DevRevErrorOf<SelfDeleteOperation>;

/** The contract's errors of `selfDelete` alone (each with a literal `status`). */
export type SelfDeleteContractError = ContractErrorOf<SelfDeleteOperation>;

/** Every `type` a `selfDelete` error can have. */
export type DevRevErrorType = DevRevError["type"];

/**
 * The error of one `type`.
 *
 * @example
 * ```ts
 * const tooMany: DevRevErrorOfType<"too_many_requests"> = { type: "too_many_requests", status: 429 };
 * ```
 */
export type DevRevErrorOfType<Type extends DevRevErrorType> = OfType<DevRevError, Type>;

/**
 * The members of `Union` that may carry `Type`. A status whose `type` is an enum of several
 * values without a variant each (a second 403 type, say) is one member whose `type` is a union:
 * `Extract` would drop it, so it is kept here with its `type` narrowed to `Type`.
 *
 * @example
 * ```ts
 * type Forbidden = OfType<{ type: "forbidden" | "suspended"; status: 403 }, "forbidden">;
 * // { status: 403 } & { type: "forbidden" }
 * ```
 */
export type OfType<Union, Type> = Union extends { type: infer Types }
  ? Type extends Types
    ? [Types] extends [Type]
      ? Union
      : Omit<Union, "type"> & { type: Type }
    : never
  : never;

/**
 * A mistake in how the client was called (a bad option, an unknown token type, a missing
 * token). It is thrown before anything is sent, with one exception: a custom `fetch` that
 * resolves with something that is not a `Response` (then `result` holds what was done).
 * Failures of the network or the server are never thrown but resolved as `error`.
 *
 * @example
 * ```ts
 * try {
 *   createDevRevClient({ token: "" });
 * } catch (error) {
 *   if (error instanceof DevRevUsageError) console.error(error.message);
 * }
 * ```
 */
export class DevRevUsageError extends TypeError {
  override name = "DevRevUsageError";
}
