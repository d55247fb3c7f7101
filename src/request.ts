/**
 * The requests openapi-fetch builds for a call: a stand-in that only keeps the URL and init (no
 * middleware), or a real Request that middleware may read, change or replace.
 */

/**
 * Stands in for `Request` inside openapi-fetch: it keeps the URL and init as given instead of
 * building a real Request (with its body stream) that would only be taken apart again, once
 * per attempt. openapi-fetch reads `method` and `url`; nothing else touches it.
 */
export class PendingRequest {
  // Declared, not defined: assigned once below, with no field initialisers to emit.
  declare readonly url: string;
  declare readonly init: RequestInit;
  declare readonly method: string;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
  }
}

let middlewareRequest: (new (url: string, init: RequestInit) => Request) | undefined;

/**
 * The `Request` openapi-fetch builds when middleware runs: a real one (middleware may read and
 * change its headers, or replace it), which also keeps the body openapi-fetch serialized, so the
 * attempts need not read it back. Made on first use: not every runtime that loads this module
 * runs middleware.
 */
export function middlewareRequestClass(): new (url: string, init: RequestInit) => Request {
  return (middlewareRequest ??= class extends Request {
    // openapi-fetch checks what onRequest returns against the Request class it was given:
    // any real Request must pass, not only ours.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }
    readonly sent: BodyInit | null | undefined;
    constructor(url: string, init: RequestInit) {
      super(url, init);
      this.sent = init.body;
    }
  });
}

/**
 * The URL and init of a real Request (what openapi-fetch builds when middleware runs), which
 * middleware may have rewritten or replaced.
 */
export async function unpacked(request: Request): Promise<PendingRequest> {
  // Ours keeps what openapi-fetch serialized; one middleware made is read (bodies are small).
  const body =
    "sent" in request
      ? (request.sent as BodyInit | undefined)
      : request.body
        ? await request.text()
        : undefined;
  return new PendingRequest(request.url, {
    method: request.method,
    headers: new Headers(request.headers),
    body,
  });
}
