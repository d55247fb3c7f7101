/**
 * Reading a request's body in the mock, with a bound: over 1 MiB is refused, and the recording
 * keeps at most 64 KiB.
 */
/**
 * The largest request body the mock accepts (1 MiB); a bigger one gets 400 `bad_request`.
 *
 * @example
 * const tooBig = new Uint8Array(maxBodyBytes + 1);
 */
export const maxBodyBytes = 1024 * 1024;

/** What was read of a request body: at most `limit` bytes, and whether there was more. */
export interface BodyRead {
  bytes: Uint8Array;
  tooLarge: boolean;
}

/** Reads a body, but never more than `limit` bytes of it. */
export type ReadBody = (limit: number) => Promise<BodyRead>;

/** Whether a declared Content-Length already says the body is too large. */
export function declaresTooLarge(contentLength: string | undefined, limit: number): boolean {
  return contentLength !== undefined && /^\s*\d+\s*$/.test(contentLength)
    ? Number(contentLength) > limit
    : false;
}

/**
 * Reads a web stream up to `limit` bytes. Past the limit it cancels the stream instead of
 * draining it, so a huge body is never held in memory. A stream that fails (the client went
 * away) yields what arrived before.
 */
export async function readWebBody(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<BodyRead> {
  if (!stream) return { bytes: new Uint8Array(0), tooLarge: false };
  const chunks = new Chunks(limit);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!chunks.add(value)) {
        reader.cancel().catch(() => {});
        return { bytes: chunks.bytes(), tooLarge: true };
      }
    }
  } catch {
    // A broken stream ends the body; the request's signal tells the rest.
  }
  return { bytes: chunks.bytes(), tooLarge: false };
}

/** Collects chunks up to a limit; `add` answers false once the limit is passed. */
export class Chunks {
  #chunks: Uint8Array[] = [];
  #size = 0;
  constructor(readonly limit: number) {}

  add(chunk: Uint8Array): boolean {
    const room = this.limit - this.#size;
    if (chunk.byteLength > room) {
      if (room > 0) this.#chunks.push(chunk.subarray(0, room));
      this.#size = this.limit;
      return false;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
    return true;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }
}
