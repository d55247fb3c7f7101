// What each fault looks like on the wire. The fault types and their queue live in faults.ts.
import {
  type MockErrorStatus,
  defaultBody,
  errorStatuses,
  isErrorStatus,
} from "./contract-bodies.js";
import { jsonResponse } from "./error-answers.js";
import type {
  MockDelayFault,
  MockErrorFault,
  MockFault,
  MockLoseAnswerFault,
  MockSlowAnswerFault,
} from "./faults.js";

const lostAnswers = new WeakSet<Response>();

/**
 * A network error the server must deliver as a connection closed before any byte (not even a
 * status line): the answer to a request that was processed is lost.
 */
export function lostAnswer(): Response {
  const response = Response.error();
  lostAnswers.add(response);
  return response;
}

/** Whether `response` stands for an answer lost after processing (see `lostAnswer`). */
export function isLostAnswer(response: Response): boolean {
  return lostAnswers.has(response);
}

/** The answer for a fault that replaces processing (every kind but `delay`, `lose-answer`, `slow-answer`). */
export function renderFault(
  fault: Exclude<MockFault, MockDelayFault | MockLoseAnswerFault | MockSlowAnswerFault>,
): Response {
  switch (fault.kind) {
    case "error":
      return renderError(fault);
    case "html":
      return new Response(fault.body ?? badGatewayPage, {
        status: fault.status ?? 502,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    case "garbage":
      return new Response(fault.body ?? garbage, {
        status: fault.status ?? 200,
        headers: { "content-type": fault.contentType ?? "application/json" },
      });
    case "huge":
      return new Response(hugeStream(fault.bytes), {
        status: fault.status ?? 500,
        headers: { "content-type": fault.contentType ?? "application/json" },
      });
    case "drop":
      return fault.during === "body" ? halfBody(fault.status ?? 500) : Response.error();
    case "redirect":
      return new Response(null, {
        status: fault.status ?? 307,
        headers: { location: fault.location },
      });
  }
}

function renderError(fault: MockErrorFault): Response {
  const seconds =
    typeof fault.retryAfter === "number" ? Math.ceil(Math.max(0, fault.retryAfter)) : undefined;
  const headers: Record<string, string> =
    fault.retryAfter === undefined
      ? {}
      : { "retry-after": seconds === undefined ? String(fault.retryAfter) : String(seconds) };
  return jsonResponse(
    fault.status,
    { ...defaultBody(fault.status, seconds), ...fault.body },
    headers,
  );
}

const badGatewayPage =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const garbage = '\u0000\u00ff}{ "type": not json ]';

/**
 * A body for a fault whose status may not be one of the contract's (a `huge` or a dropped one):
 * the contract's body for that status, else for the first error status it lists.
 */
const bodyFor = (status: number) =>
  defaultBody(isErrorStatus(status) ? status : (errorStatuses[0] as MockErrorStatus));

// The huge body is the 500's, its message stretched: valid JSON once complete, merely huge.
const [hugePrefix, hugeSuffix] = JSON.stringify({ ...bodyFor(500), message: "\u0001" }).split(
  "\\u0001",
) as [string, string];
const chunkBytes = 64 * 1024;

/** A stream of `total` bytes, produced only as fast as it is read. */
function hugeStream(total: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const wrap = total >= hugePrefix.length + hugeSuffix.length;
  const head = wrap ? encoder.encode(hugePrefix) : new Uint8Array(0);
  const tail = wrap ? encoder.encode(hugeSuffix) : new Uint8Array(0);
  const filler = new Uint8Array(chunkBytes).fill(0x78); // "x"
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && head.byteLength > 0) {
        controller.enqueue(head);
        sent += head.byteLength;
        return;
      }
      const left = total - tail.byteLength - sent;
      if (left > 0) {
        const n = Math.min(left, chunkBytes);
        controller.enqueue(filler.subarray(0, n));
        sent += n;
        return;
      }
      if (tail.byteLength > 0) controller.enqueue(tail);
      controller.close();
    },
  });
}

/** Headers promising a whole body, half of it, then the failure a client sees when a socket dies. */
function halfBody(status: number): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(bodyFor(status)));
  const half = bytes.subarray(0, Math.floor(bytes.byteLength / 2));
  let sentHalf = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sentHalf) {
        sentHalf = true;
        controller.enqueue(half);
      } else controller.error(new TypeError("terminated"));
    },
  });
  return new Response(stream, {
    status,
    headers: { "content-type": "application/json", "content-length": String(bytes.byteLength) },
  });
}
