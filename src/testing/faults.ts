/**
 * The faults a test can inject into the mock (errors, pages, drops, delays, lost answers), and
 * their checks, made when a fault is injected rather than mid-request (fault-queue.ts hands
 * them to the requests they match).
 */
import type { RecordedRequest } from "./record.js";
import {
  type MockErrorBody,
  type MockErrorStatus,
  errorStatuses,
  isErrorStatus,
} from "./contract-bodies.js";

/**
 * A contract error: any error status the contract lists, with a body built from the contract
 * (the status's first example, else the smallest body its schema allows; a `reference_id` in it
 * is fresh each time); `body` is merged over that default.
 *
 * @example
 * mock.inject({ kind: "error", status: 429, retryAfter: 3 }); // Retry-After: 3, retry_after: 3
 * mock.inject({ kind: "error", status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
 */
export type MockErrorFault = {
  [S in MockErrorStatus]: {
    kind: "error";
    status: S;
    /** Fields merged over the default body for the status. */
    body?: Partial<MockErrorBody<S>>;
    /**
     * Sets `Retry-After`: a number of seconds (rounded up; when the status's body may carry
     * `retry_after`, as a 429's does, the default body then has it too), or a string sent as
     * is, such as an HTTP date.
     */
    retryAfter?: number | string;
  };
}[MockErrorStatus];

/**
 * What a proxy in front of DevRev answers when it fails: an HTML page.
 *
 * @example
 * mock.inject({ kind: "html" }); // 502, content-type text/html
 */
export interface MockHtmlFault {
  kind: "html";
  /** Default 502. */
  status?: number;
  /** Default: a small "502 Bad Gateway" page. */
  body?: string;
}

/**
 * A body that is not what it claims to be.
 *
 * @example
 * mock.inject({ kind: "garbage" }); // 200, content-type application/json, body not JSON
 */
export interface MockGarbageFault {
  kind: "garbage";
  /** Default 200. */
  status?: number;
  /** Default: text that is not JSON. */
  body?: string;
  /** Default `application/json`. */
  contentType?: string;
}

/**
 * A very large body, streamed in 64 KiB chunks without a Content-Length, so a client must stop
 * reading on its own. With the defaults the complete body is a valid 500 error body, merely huge.
 *
 * @example
 * mock.inject({ kind: "huge", bytes: 50 * 1024 * 1024 });
 */
export interface MockHugeFault {
  kind: "huge";
  /** How many bytes the body has. */
  bytes: number;
  /** Default 500. */
  status?: number;
  /** Default `application/json`. */
  contentType?: string;
}

/**
 * Waits before answering: normally, or with the fault in `then`. The wait ends early, without
 * an answer, when the client goes away or the mock is reset or closed.
 *
 * @example
 * mock.inject({ kind: "delay", ms: 200 });
 * mock.inject({ kind: "delay", ms: 50, then: { kind: "error", status: 503 } });
 */
export interface MockDelayFault {
  kind: "delay";
  ms: number;
  then?: MockFault;
}

/**
 * A connection that breaks. `during: "headers"` (the default): the server writes the status line
 * and destroys the socket, so `fetch()` rejects with `TypeError: fetch failed`. `during: "body"`:
 * the status, the headers (with the full Content-Length) and half of a JSON error body arrive,
 * then the socket is destroyed, so `fetch()` resolves and reading the body rejects with
 * `TypeError: terminated`.
 *
 * @example
 * mock.inject({ kind: "drop" });
 * mock.inject({ kind: "drop", during: "body", status: 500 });
 */
export interface MockDropFault {
  kind: "drop";
  during?: "headers" | "body";
  /** The status of a `during: "body"` drop; default 500. */
  status?: number;
}

/**
 * A redirect, typically to another origin: a client must not follow it with the token.
 *
 * @example
 * mock.inject({ kind: "redirect", location: "https://evil.example/steal" });
 */
export interface MockRedirectFault {
  kind: "redirect";
  location: string;
  /** Default 307. */
  status?: 301 | 302 | 307 | 308;
}

/**
 * The request is processed (tokens are revoked as usual), then the connection is closed before
 * a single byte of the answer: what a client sees when an upstream acted and its answer was lost.
 * A client cannot tell this from a drop before processing; only the mock's state can. With
 * `instead`, an intermediary's answer takes the lost one's place: a proxy's
 * `503 upstream connect error or disconnect/reset before headers`, an HTML 502 page.
 *
 * @example
 * mock.inject({ kind: "lose-answer" });
 * mock.inject({ kind: "lose-answer", instead: { kind: "garbage", status: 503, contentType: "text/plain", body: "upstream connect error" } });
 */
export interface MockLoseAnswerFault {
  kind: "lose-answer";
  /** What an intermediary answers in place of the lost answer; default: nothing (a dropped connection). */
  instead?: MockHtmlFault | MockGarbageFault;
}

/**
 * The request is processed (tokens are revoked as usual), then the answer is held for `ms`:
 * past a client's timeout, the client gives up on an answer that says the work was done.
 *
 * @example
 * mock.inject({ kind: "slow-answer", ms: 500 });
 */
export interface MockSlowAnswerFault {
  kind: "slow-answer";
  ms: number;
}

/**
 * A fault the mock can answer with instead of its normal answer, discriminated on `kind`.
 * A faulted request changes no state (nothing is revoked), except a `delay` without `then`,
 * which is answered normally once the wait is over, and `lose-answer` and `slow-answer`, which
 * process the request first and only then fail to deliver the answer.
 *
 * @example
 * mock.inject({ kind: "error", status: 503 }, { times: 2 });
 */
export type MockFault =
  | MockErrorFault
  | MockHtmlFault
  | MockGarbageFault
  | MockHugeFault
  | MockDelayFault
  | MockDropFault
  | MockRedirectFault
  | MockLoseAnswerFault
  | MockSlowAnswerFault;

/**
 * Which requests a fault applies to.
 *
 * @example
 * mock.inject({ kind: "error", status: 500 }, { times: Infinity, when: (r) => r.auth === "bare" });
 */
export interface MockFaultOptions {
  /** How many matching requests get the fault; default 1, `Infinity` for all. */
  times?: number;
  /** Only requests for which this answers true get the fault (and use up `times`). */
  when?: (request: RecordedRequest) => boolean;
}

const bodyStatuses = (status: unknown) =>
  Number.isInteger(status) &&
  (status as number) >= 200 &&
  (status as number) <= 599 &&
  ![204, 205, 304].includes(status as number);

/** Refuses faults the mock could not answer with, at inject time rather than mid-request. */
export function checkFault(fault: MockFault): void {
  const bad = (why: string) => {
    throw new RangeError(`invalid ${fault?.kind ?? "unknown"} fault: ${why}`);
  };
  switch (fault?.kind) {
    case "error":
      if (!isErrorStatus(fault.status)) bad(`status must be one of ${errorStatuses.join(", ")}`);
      if (typeof fault.retryAfter === "number" && !Number.isFinite(fault.retryAfter))
        bad("retryAfter must be a finite number of seconds");
      if (typeof fault.retryAfter === "string" && !/^[\t\x20-\x7e]+$/.test(fault.retryAfter))
        bad("retryAfter must be a non-empty header value");
      return;
    case "html":
    case "garbage":
    case "huge":
      if (fault.status !== undefined && !bodyStatuses(fault.status))
        bad("status must be 200-599 and allow a body");
      if (fault.kind === "huge" && !(Number.isSafeInteger(fault.bytes) && fault.bytes >= 0))
        bad("bytes must be a non-negative integer");
      return;
    case "lose-answer":
      if (fault.instead !== undefined) {
        if (fault.instead.kind !== "html" && fault.instead.kind !== "garbage")
          bad('instead must be an "html" or "garbage" fault');
        checkFault(fault.instead);
      }
      return;
    case "slow-answer":
      if (!(Number.isFinite(fault.ms) && fault.ms >= 0)) bad("ms must be a non-negative number");
      return;
    case "delay":
      if (!(Number.isFinite(fault.ms) && fault.ms >= 0)) bad("ms must be a non-negative number");
      if (fault.then !== undefined) checkFault(fault.then);
      return;
    case "drop":
      if (fault.during !== undefined && fault.during !== "headers" && fault.during !== "body")
        bad('during must be "headers" or "body"');
      if (fault.status !== undefined && !bodyStatuses(fault.status))
        bad("status must be 200-599 and allow a body");
      return;
    case "redirect":
      if (typeof fault.location !== "string" || !/^[\x21-\x7e]+$/.test(fault.location))
        bad("location must be a URL");
      if (fault.status !== undefined && ![301, 302, 307, 308].includes(fault.status))
        bad("status must be 301, 302, 307 or 308");
      return;
    default:
      throw new TypeError(`unknown fault kind: ${String((fault as { kind?: unknown })?.kind)}`);
  }
}
