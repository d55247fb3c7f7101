/**
 * The shapes of the mock: its options, the traffic event it reports, the in-memory `MockDevRev`
 * and what its adapters (the HTTP server, the in-memory fetch, MSW) hand its core.
 */
import type { ReadBody } from "./request-body.js";
import type { MockFault, MockFaultOptions } from "./faults.js";
import type { RecordedRequest } from "./record.js";
import type { MockTokenInfo, MockTokenSeed } from "./tokens.js";

/**
 * How the mock behaves.
 *
 * @example
 * createMockDevRev({
 *   tokens: [{ value: "alice-pat", user: "alice", type: "urn:devrev:params:oauth:token-type:pat" }],
 *   omittedTokenType: "reject",
 * });
 */
export interface MockDevRevOptions {
  /** The tokens the mock starts with, and returns to on `reset()`. */
  tokens?: MockTokenSeed[];
  /**
   * What a call without `requested_token_type` revokes; DevRev does not document it.
   * - `"same-as-caller"` (default): the caller's tokens of the type of the token that made the
   *   call (so the calling token itself is revoked);
   * - `"all"`: every token of the caller, of every type;
   * - `"reject"`: nothing; the answer is 400 `missing_required_field` with
   *   `field_name: "requested_token_type"`.
   */
  omittedTokenType?: "same-as-caller" | "all" | "reject";
  /**
   * Called once per request, after it is answered (or its answer lost): what a log line of the
   * mock shows. It never carries a token, only whose token it was.
   */
  onAnswer?: (answer: MockAnswerEvent) => void;
}

/**
 * One request and what the mock made of it, for a traffic log.
 *
 * @example
 * startMockServer({ onAnswer: (a) => console.log(a.method, a.path, a.status, a.type ?? "") });
 */
export interface MockAnswerEvent {
  /** When the request arrived. */
  at: Date;
  method: string;
  path: string;
  /** The answer's status; 0 when the connection was dropped (a fault) or the answer lost. */
  status: number;
  /** The `type` of a JSON error body. */
  type?: string;
  /** The user whose token the request carried (revoked or not); never the token. */
  user?: string;
  /** The injected fault that shaped the answer, if any. */
  fault?: string;
}

/**
 * A DevRev stand-in for `POST /auth-tokens.self.delete`, in memory.
 *
 * Every request is first recorded, then checked in this order; the first check that fails
 * gives the answer:
 * 1. a CORS preflight (OPTIONS with Access-Control-Request-Method) → 204, never authenticated
 *    and never faulted;
 * 2. a body over 1 MiB → 400 `bad_request`, and the connection is closed;
 * 3. an injected fault that matches → the fault's answer (a `delay` without `then` goes on);
 * 4. another path → 404 `not_found`; another method on the path → 404 `not_found` with
 *    `Allow: POST` (the contract lists no 405, so the mock keeps to its statuses);
 * 5. no, an unknown or a revoked token → 401 `unauthenticated` (before the body is looked at,
 *    as DevRev does: a caller learns nothing without a valid token);
 * 6. a body that is not JSON → 400 `parse_error`; not an object, or a non-string
 *    `requested_token_type` → 400 `unexpected_json_type`; an unknown type → 400
 *    `invalid_enum_value`; an omitted type → as `omittedTokenType` says;
 * 7. otherwise the caller's live tokens of the type are revoked → 200 with an empty body
 *    (also when there was nothing left to revoke). Unknown body fields are ignored.
 *
 * Every answer carries Access-Control-Allow-Origin and exposes Retry-After.
 *
 * @example
 * const mock = createMockDevRev({ tokens: [{ value: "t0k3n-alice-pat", user: "u1", type: pat }] });
 * const res = await mock.fetch("https://api.devrev.ai/auth-tokens.self.delete", {
 *   method: "POST",
 *   headers: { authorization: "Bearer t0k3n-alice-pat", "content-type": "application/json" },
 *   body: JSON.stringify({ requested_token_type: pat }),
 * });
 * res.status; // 200
 * mock.listTokens("u1")[0]?.revoked; // true
 */
export interface MockDevRev {
  /**
   * Answers a web-standard request; never throws, never hangs (save for an injected delay). A
   * dropped connection (a `drop` fault, or a delay cut short) is answered with
   * `Response.error()`, the web's own network error.
   */
  handle(request: Request): Promise<Response>;
  /**
   * A `fetch` that calls `handle` in-process, whatever the URL's origin. Like a real fetch it
   * rejects with `TypeError("fetch failed")` when the connection is dropped and with the
   * signal's reason when aborted; it never follows redirects (you get the 3xx, as with
   * `redirect: "manual"`).
   */
  fetch: typeof fetch;
  /** The user's tokens, revoked ones included, without their secret values. */
  listTokens(user: string): MockTokenInfo[];
  /** Adds a token at run time (until the next `reset()`). */
  addToken(seed: MockTokenSeed): MockTokenInfo;
  /** Makes the next matching request(s) answer with a fault. */
  inject(fault: MockFault, options?: MockFaultOptions): void;
  clearFaults(): void;
  /** Every request received, in order of arrival, secrets redacted. */
  readonly requests: readonly RecordedRequest[];
  /** Back to the seeded tokens; faults and recorded requests cleared; pending delays ended. */
  reset(): void;
}

/** A request as the core sees it, whichever adapter it came through. */
export interface IncomingCall {
  method: string;
  path: string;
  query: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  readBody: ReadBody;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** The mock plus what only adapters need: the core entry point and a way to end pending waits. */
export interface MockCore {
  mock: MockDevRev;
  respond(call: IncomingCall): Promise<Response>;
  endPending(): void;
}
