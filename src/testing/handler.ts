import { operations } from "../../generated/constants.js";
import { type ReadBody, declaresTooLarge, maxBodyBytes, readWebBody } from "./body.js";
import { isPreflight, preflightResponse, withCors } from "./cors.js";
import {
  badRequest,
  internalError,
  invalidEnumValue,
  jsonTypeOf,
  missingRequiredField,
  notFound,
  parseError,
  unauthenticated,
  unexpectedJsonType,
} from "./errors.js";
import { lostAnswer, renderFault } from "./fault-responses.js";
import { untilAborted } from "../attempt.js";
import { maxErrorBodyBytes, readBounded } from "../body.js";
import { sleep } from "../retry.js";
import { redactor } from "../redact.js";
import { isRecord } from "../validate.js";
import { FaultQueue, type MockFault, type MockFaultOptions } from "./faults.js";
import { type RecordedRequest, credentialOf, recordRequest, tryParse } from "./record.js";
import {
  type MockTokenInfo,
  type MockTokenSeed,
  type TokenType,
  TokenStore,
  isTokenType,
  tokenTypes,
} from "./tokens.js";

const operation = operations["auth-tokens-self-delete"];
const typeField = "requested_token_type";

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

/**
 * Creates an in-memory mock; use `mock.handle` or `mock.fetch`, or `startMockServer` for HTTP.
 *
 * @example
 * const mock = createMockDevRev({
 *   tokens: [{ value: "t0k3n-alice-pat", user: "u1", type: "urn:devrev:params:oauth:token-type:pat" }],
 * });
 * mock.inject({ kind: "error", status: 429, retryAfter: 1 });
 */
export function createMockDevRev(options: MockDevRevOptions = {}): MockDevRev {
  return createMockCore(options).mock;
}

export function createMockCore(options: MockDevRevOptions = {}): MockCore {
  const omitted = options.omittedTokenType ?? "same-as-caller";
  if (!["same-as-caller", "all", "reject"].includes(omitted))
    throw new TypeError(`unknown omittedTokenType: ${String(omitted)}`);
  const store = new TokenStore(options.tokens);
  const faults = new FaultQueue();
  let slots: (RecordedRequest | undefined)[] = [];
  let lifecycle = new AbortController();

  const endPending = () => {
    lifecycle.abort();
    lifecycle = new AbortController();
  };

  async function answer(call: IncomingCall, seen: { fault?: string }): Promise<Response> {
    const receivedAt = Date.now();
    // A slot taken on arrival keeps the order of arrival, however long each body takes.
    const log = slots;
    const slot = log.push(undefined) - 1;
    const read = declaresTooLarge(call.headers["content-length"], maxBodyBytes)
      ? { bytes: new Uint8Array(0), tooLarge: true }
      : await call.readBody(maxBodyBytes);
    const { token } = credentialOf(call.headers["authorization"]);
    const record = freezeRecord(
      recordRequest({
        ...call,
        bytes: read.bytes,
        tooLarge: read.tooLarge,
        receivedAt,
        secrets: token ? [...store.secrets(), token] : store.secrets(),
      }),
    );
    log[slot] = record;

    // Nobody is left to answer, and a half-received body must not change anything.
    if (call.signal.aborted) return Response.error();
    if (isPreflight(call.method, call.headers)) return preflightResponse(call.headers);
    if (read.tooLarge)
      return withHeader(
        badRequest(`The request body is larger than ${maxBodyBytes} bytes (1 MiB).`),
        "connection",
        "close",
      );

    let fault = faults.take(record);
    if (fault) seen.fault = fault.kind;
    while (fault?.kind === "delay") {
      const waited = await sleep(fault.ms, AbortSignal.any([call.signal, lifecycle.signal]));
      if (!waited) return Response.error();
      fault = fault.then;
    }
    if (fault?.kind === "lose-answer") {
      // Acted on, then the answer is lost: the case a client can only report as uncertain.
      operate(call, read.bytes);
      return fault.instead ? renderFault(fault.instead) : lostAnswer();
    }
    if (fault?.kind === "slow-answer") {
      const response = operate(call, read.bytes);
      const waited = await sleep(fault.ms, AbortSignal.any([call.signal, lifecycle.signal]));
      return waited ? response : lostAnswer();
    }
    if (fault) return renderFault(fault);
    return operate(call, read.bytes);
  }

  function operate(call: IncomingCall, bytes: Uint8Array): Response {
    if (call.path !== operation.path)
      return notFound(`No operation at ${call.method} ${truncate(call.path)}.`);
    if (call.method !== "POST")
      return notFound(`Only POST is allowed on ${operation.path}; got ${truncate(call.method)}.`, {
        allow: "POST",
      });

    const { token } = credentialOf(call.headers["authorization"]);
    if (!token)
      return unauthenticated(
        "The request has no authentication token; send Authorization: Bearer <token>.",
      );
    const caller = store.authenticate(token);
    if (!caller) return unauthenticated("The authentication token is invalid or has been revoked.");

    const text = new TextDecoder().decode(bytes);
    const parsed = tryParse(text);
    if (!parsed.ok)
      return parseError(
        text.trim() === ""
          ? "The request body is empty; send a JSON object such as {}."
          : `The request body is not valid JSON: ${parsed.error}`,
      );
    const body = parsed.value;
    if (!isRecord(body)) return unexpectedJsonType("", "object", jsonTypeOf(body));

    let types: readonly TokenType[];
    const requested = Object.hasOwn(body, typeField) ? body[typeField] : undefined;
    if (requested === undefined) {
      if (omitted === "reject") return missingRequiredField(typeField);
      types = omitted === "all" ? tokenTypes : [caller.type];
    } else if (typeof requested !== "string") {
      return unexpectedJsonType(typeField, "string", jsonTypeOf(requested));
    } else if (!isTokenType(requested)) {
      return invalidEnumValue(typeField, requested, tokenTypes);
    } else {
      types = [requested];
    }
    store.revoke(caller.user, types);
    return new Response(null, { status: 200 });
  }

  async function respond(call: IncomingCall): Promise<Response> {
    const at = new Date();
    // Whose token it is, looked up before the request may revoke it.
    const { token } = credentialOf(call.headers["authorization"]);
    const user = token === undefined ? undefined : store.ownerOf(token);
    const seen: { fault?: string } = {};
    let response: Response;
    try {
      response = await answer(call, seen);
    } catch {
      // A bug in the mock must still look like a server error, not hang or crash the caller.
      response = internalError("The mock server failed to answer.");
    }
    if (options.onAnswer) {
      // The path as recorded: a token in it (a client's mistake) is not repeated in a log.
      const path = redactor(token ? [...store.secrets(), token] : store.secrets())(call.path);
      await report(options.onAnswer, { ...call, path }, response, { at, user, ...seen });
    }
    return withCors(response, call.headers);
  }

  const mock: MockDevRev = {
    async handle(request) {
      try {
        return await respond(fromRequest(request));
      } catch {
        return internalError("Not a usable Request.");
      }
    },
    async fetch(input, init) {
      const request = new Request(input, init);
      const response = await untilAborted(mock.handle(request), request.signal);
      if (response.type === "error")
        throw new TypeError("fetch failed", {
          cause: new Error("the mock dropped the connection"),
        });
      if (request.redirect === "error" && response.status >= 300 && response.status < 400)
        throw new TypeError("fetch failed", { cause: new Error("redirect mode is set to error") });
      return response;
    },
    listTokens: (user) => store.list(user),
    addToken: (seed) => store.add(seed),
    inject: (fault, faultOptions) => faults.inject(fault, faultOptions),
    clearFaults: () => faults.clear(),
    get requests() {
      return slots.filter((r): r is RecordedRequest => r !== undefined);
    },
    reset() {
      store.reset();
      faults.clear();
      slots = [];
      endPending();
    },
  };
  return { mock, respond, endPending };
}

/** Tells `onAnswer` about one answer; a listener that throws must not break the mock. */
async function report(
  onAnswer: (answer: MockAnswerEvent) => void,
  call: IncomingCall,
  response: Response,
  seen: { at: Date; user: string | undefined; fault?: string },
): Promise<void> {
  let type: string | undefined;
  // A copy, read with the client's own bound: a `huge` body (or any large one) is cut short
  // here, never buffered whole; a body that breaks (a `drop`) names no type.
  if (response.headers.get("content-type")?.includes("json")) {
    const read = await readBounded(response.clone(), maxErrorBodyBytes).catch(() => undefined);
    const parsed = read && !read.truncated ? tryParse(read.text) : undefined;
    const named = parsed?.ok ? (parsed.value as { type?: unknown } | null)?.type : undefined;
    if (typeof named === "string") type = named;
  }
  try {
    onAnswer({
      at: seen.at,
      method: call.method,
      path: call.path,
      status: response.type === "error" ? 0 : response.status,
      ...(type === undefined ? {} : { type }),
      ...(seen.user === undefined ? {} : { user: seen.user }),
      ...(seen.fault === undefined ? {} : { fault: seen.fault }),
    });
  } catch {
    // A log that fails is not the caller's problem.
  }
}

function fromRequest(request: Request): IncomingCall {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    readBody: (limit) => readWebBody(request.body, limit),
    signal: request.signal,
  };
}

const truncate = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

function withHeader(response: Response, name: string, value: string): Response {
  response.headers.set(name, value);
  return response;
}

function freezeRecord<T extends RecordedRequest>(record: T): T {
  Object.freeze(record.headers);
  return Object.freeze(record);
}
