// How an echo may spell a secret, computed here with the platform's own encoders (not the
// package's redaction), so a test can search output for every one of them.

/** A Bearer token as RFC 6750 allows it, of the lengths the client accepts. */
export const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

/** Values that hold `secret` at each of the three base64 alignments. */
const carriers = (secret: string) => [secret, `x${secret}`, `Bearer ${secret}`];

/**
 * Every way an echo may spell `secret`, whole: raw, JSON-escaped (with and without `\/`),
 * percent-encoded (either case, as a form encodes it, as `encodeURI` leaves it), as HTML
 * character references, and base64 or base64url-encoded inside a longer value (`Basic`, a
 * `Bearer` header, a JWT) at each of the three alignments.
 */
export function echoesOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set([
    secret,
    json,
    json.replaceAll("/", "\\/"),
    encodeURIComponent(secret),
    lowerHex(encodeURIComponent(secret)),
    new URLSearchParams({ t: secret }).toString().slice(2),
    encodeURI(secret),
    secret.replaceAll("/", "&#x2F;").replaceAll("+", "&#43;").replaceAll("=", "&#61;"),
  ]);
  for (const carrier of carriers(secret))
    for (const encoding of ["base64", "base64url"] as const)
      forms.add(Buffer.from(carrier).toString(encoding));
  return [...forms];
}

/**
 * What to search output for: every echo of {@link echoesOf} but the base64 ones, and of those
 * the part that encodes the secret alone (three characters off each end may also encode the
 * bytes around it).
 */
export function encodingsOf(secret: string): string[] {
  const encoded = new Set(
    carriers(secret).flatMap((carrier) =>
      (["base64", "base64url"] as const).map((encoding) => Buffer.from(carrier).toString(encoding)),
    ),
  );
  const forms = echoesOf(secret).filter((form) => !encoded.has(form));
  for (const offset of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(offset, "x"), Buffer.from(secret)]);
    for (const encoding of ["base64", "base64url"] as const) {
      const middle = bytes.toString(encoding).slice(3, -3);
      if (middle.length >= 8) forms.push(middle);
    }
  }
  return forms;
}

/** The first spelling of `secret` found in `text`, if any. */
export function foundIn(text: string, secret: string): string | undefined {
  return encodingsOf(secret).find((form) => text.includes(form));
}
