/**
 * The mock's recording of each request, with every token redacted wherever it was carried.
 */
import { redactor } from "../redact.js";

/** How much of a request body is kept in a recording. */
export const maxRecordedBodyBytes = 64 * 1024;

/**
 * One request the mock received, as a test may assert on it. Secret token values are never
 * in it: the `authorization` header is always redacted, and any known token value that appears
 * elsewhere (another header, the query, the body) is replaced by `[redacted]`.
 *
 * @example
 * const [first] = mock.requests;
 * expect(first?.headers.authorization).toBe("Bearer [redacted]");
 * expect(first?.json).toEqual({ requested_token_type: "urn:devrev:params:oauth:token-type:pat" });
 */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/auth-tokens.self.delete`. */
  path: string;
  /** The query string without `?`, or `""`. */
  query: string;
  /** Header names lower-cased; `authorization` is `"Bearer [redacted]"` or `"[redacted]"` (bare). */
  headers: Record<string, string>;
  /** How the credential was sent: `Bearer <token>`, the bare token, or not at all. */
  auth: "bearer" | "bare" | "missing";
  /** The raw body as text, cut to 64 KiB. */
  body: string;
  /** Whether `body` is shorter than what was sent (cut to 64 KiB, or refused past 1 MiB). */
  bodyTruncated: boolean;
  /** The body parsed as JSON, when it is complete, valid JSON. */
  json?: unknown;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
}

/** The credential a request carries and how: `Bearer <token>` or the bare token. */
export function credentialOf(authorization: string | undefined): {
  token: string | undefined;
  auth: RecordedRequest["auth"];
} {
  const value = authorization?.trim() ?? "";
  if (value === "") return { token: undefined, auth: "missing" };
  const bearer = /^bearer(?:\s+(.*))?$/is.exec(value);
  if (bearer) {
    const token = bearer[1]?.trim();
    return { token: token || undefined, auth: "bearer" };
  }
  return { token: value, auth: "bare" };
}

export interface RecordInput {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  bytes: Uint8Array;
  tooLarge: boolean;
  receivedAt: number;
  /** Values to redact wherever they appear. */
  secrets: readonly string[];
}

/** Builds the recording of a request, with every secret redacted. */
export function recordRequest(input: RecordInput): RecordedRequest {
  const { auth } = credentialOf(input.headers["authorization"]);
  const scrub = redactor(input.secrets);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    headers[name] =
      name === "authorization"
        ? auth === "bearer"
          ? "Bearer [redacted]"
          : auth === "bare"
            ? "[redacted]"
            : value
        : scrub(value);
  }

  const decoder = new TextDecoder();
  const cut = input.bytes.byteLength > maxRecordedBodyBytes;
  const recorded: RecordedRequest = {
    method: input.method,
    path: scrub(input.path),
    query: scrub(input.query),
    headers,
    auth,
    body: scrub(decoder.decode(cut ? input.bytes.subarray(0, maxRecordedBodyBytes) : input.bytes)),
    bodyTruncated: cut || input.tooLarge,
    receivedAt: input.receivedAt,
  };
  if (!input.tooLarge) {
    const json = tryParse(scrub(cut ? decoder.decode(input.bytes) : recorded.body));
    if (json.ok) recorded.json = json.value;
  }
  return recorded;
}

export function tryParse(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
