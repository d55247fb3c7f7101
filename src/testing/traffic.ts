/**
 * The traffic event the mock reports for each request (`onAnswer`): what a log line shows, the
 * answer's status and type and whose token it was, never the token.
 */
import { maxErrorBodyBytes, readBounded } from "../body.js";
import type { IncomingCall, MockAnswerEvent } from "./mock-types.js";
import { tryParse } from "./record.js";

/** Tells `onAnswer` about one answer; a listener that throws must not break the mock. */
export async function report(
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
