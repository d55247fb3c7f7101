/**
 * Reading answers without trusting their size: an error page or a misbehaving proxy can send
 * megabytes, and a client that buffers them whole can be made to run out of memory.
 */

/** Most an error body is read before it is judged too large to be a contract error. */
export const maxErrorBodyBytes = 64 * 1024;
/** Most of a JSON success body read (only operations that declare one have it). */
export const maxSuccessBodyBytes = 16 * 1024 * 1024;
/** Most of a body kept in `bodySnippet`. */
export const maxSnippetBytes = 1024;

/** What `readBounded` read. */
export interface BoundedText {
  text: string;
  /** True when the body went on past the limit (the rest was not read). */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of a body as UTF-8, then cancels the rest of the stream. When
 * `signal` aborts, the stream is cancelled and the read rejects with the signal's reason: a body
 * that trickles in must not outlast the attempt's clock.
 */
export async function readBounded(
  response: Response,
  limit: number,
  signal?: AbortSignal,
): Promise<BoundedText> {
  if (!response.body) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const onAbort = () => void reader.cancel(signal!.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort);
  // Decoded as the chunks come, so a character split across two chunks is kept whole.
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  let truncated = false;
  try {
    while (!truncated) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      truncated = size + value.byteLength > limit;
      text += decoder.decode(truncated ? value.subarray(0, limit - size) : value, { stream: true });
      size += value.byteLength;
    }
  } finally {
    // Cancelling tells the runtime we are done, so the socket is freed, not drained. Not awaited:
    // a tee'd stream (a clone kept for middleware) settles its cancel only with every branch's.
    // Stryker disable next-line ConditionalExpression: untruncated, the stream is already closed, errored or cancelled by onAbort, where a cancel changes nothing and its rejection is caught
    if (truncated) reader.cancel().catch(() => {});
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
  return { text: text + decoder.decode(), truncated };
}

/** The first `maxSnippetBytes` bytes of `text`, cut on a character boundary. */
export function snippetOf(text: string): string {
  const encoder = new TextEncoder();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; for a text of at most maxSnippetBytes bytes (so at most as many characters) the slow path's cut is the whole text
  if (encoder.encode(text).byteLength <= maxSnippetBytes) return text;
  let cut = text.slice(0, maxSnippetBytes);
  while (encoder.encode(cut).byteLength > maxSnippetBytes) cut = cut.slice(0, -1);
  return cut;
}
