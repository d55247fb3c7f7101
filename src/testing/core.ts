/**
 * The mock's core: one request in, the contract's answer (or an injected fault) out, with the
 * tokens' state, the recording and the traffic event. Every adapter (the HTTP server, the
 * in-memory fetch, MSW's handlers) goes through `respond`.
 */
import { operations } from "../../generated/constants.js";
import { declaresTooLarge, maxBodyBytes, readWebBody } from "./request-body.js";
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
} from "./error-answers.js";
import { lostAnswer, renderFault } from "./fault-responses.js";
import { untilAborted } from "../attempt.js";
import { sleep } from "../retry.js";
import { redactor } from "../redact.js";
import { isRecord } from "../validate.js";
import { FaultQueue } from "./fault-queue.js";
import { report } from "./traffic.js";
import type {
  IncomingCall,
  MockAnswerEvent,
  MockCore,
  MockDevRev,
  MockDevRevOptions,
} from "./mock-types.js";

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
