/**
 * CORS for the mock: preflights answered, and every answer readable by a page on another origin
 * (the `Authorization` header makes a browser ask first).
 */
/** How long a browser may cache a preflight answer, in seconds. */
const preflightMaxAge = "600";

const tokenChars = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a request is a CORS preflight (which browsers send without credentials). */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return method === "OPTIONS" && headers["access-control-request-method"] !== undefined;
}

/**
 * The headers every answer carries, so a page on another origin can read it, including the
 * Retry-After of a 429 (browsers hide non-safelisted headers unless they are exposed).
 */
export function corsHeaders(headers: Record<string, string>): Record<string, string> {
  const origin = headers["origin"];
  return origin
    ? {
        "access-control-allow-origin": origin,
        "access-control-expose-headers": "Retry-After",
        vary: "Origin",
      }
    : { "access-control-allow-origin": "*", "access-control-expose-headers": "Retry-After" };
}

/** The answer to a preflight: POST with `authorization`, `content-type` and whatever else was asked. */
export function preflightResponse(headers: Record<string, string>): Response {
  const requested = (headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => tokenChars.test(name));
  const allowed = [...new Set(["authorization", "content-type", ...requested])];
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(headers),
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": allowed.join(", "),
      "access-control-max-age": preflightMaxAge,
    },
  });
}

/** Adds the CORS headers to an answer, unless it is a network error (which has no headers). */
export function withCors(response: Response, headers: Record<string, string>): Response {
  if (response.type === "error") return response;
  for (const [name, value] of Object.entries(corsHeaders(headers))) {
    if (name !== "vary") response.headers.set(name, value);
    else if (!/\borigin\b/i.test(response.headers.get("vary") ?? ""))
      response.headers.append(name, value);
  }
  return response;
}
