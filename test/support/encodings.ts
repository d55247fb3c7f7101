// How an echo may spell a secret, computed here with the platform's own encoders (not the
// package's redaction), so a test can search output for every one of them.

/** A Bearer token as RFC 6750 allows it. */
export const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1).replaceAll("/", "\\/");
const htmlEscaped = (text: string) =>
  text.replaceAll("/", "&#x2F;").replaceAll("+", "&#43;").replaceAll("=", "&#61;");

/** Values that hold `secret` at each of the three base64 alignments. */
const carriers = (secret: string) => [secret, `x${secret}`, `Bearer ${secret}`];

/**
 * Every way an echo may spell `secret`, whole: raw, JSON-escaped, percent-encoded (either case,
 * as a form encodes it, as `encodeURI` leaves it, every byte), as HTML character references
 * (numeric and named), one of these inside another (JSON in a query string, HTML in a URL),
 * without its `=` padding, quoted-printable, hex, and base64 or base64url inside a longer value
 * at each alignment, of a JSON-escaped body, twice over, or wrapped at 76 columns as MIME does.
 */
export function echoesOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set([
    secret,
    json,
    jsonEscaped(secret),
    encodeURIComponent(secret),
    lowerHex(encodeURIComponent(secret)),
    new URLSearchParams({ t: secret }).toString().slice(2),
    encodeURI(secret),
    [...Buffer.from(secret)].map((byte) => `%${byte.toString(16)}`).join(""),
    htmlEscaped(secret),
    secret.replaceAll("/", "&sol;").replaceAll("+", "&plus;").replaceAll("=", "&equals;"),
    encodeURIComponent(jsonEscaped(secret)),
    encodeURIComponent(htmlEscaped(secret)),
    secret.replaceAll("=", "=3D"),
    Buffer.from(secret).toString("hex"),
    Buffer.from(secret).toString("hex").toUpperCase(),
    base64(`{"token":"${jsonEscaped(secret)}"}`),
    base64(base64(`Bearer ${secret}`)),
    base64(`x${secret}${"y".repeat(60)}`).replace(/(.{76})/g, "$1\r\n"),
  ]);
  if (/=$/.test(secret) && secret.replace(/=+$/, "").length >= 8)
    forms.add(secret.replace(/=+$/, ""));
  for (const carrier of carriers(secret)) forms.add(base64(carrier)).add(base64url(carrier));
  return [...forms];
}

/**
 * What to search output for: the secret itself (any echo that left it whole), every echo of
 * {@link echoesOf} whole, and the part of the secret's base64 and base64url encodings that any
 * value holding it contains (three characters off each end may also encode its neighbours).
 */
export function encodingsOf(secret: string): string[] {
  const forms = echoesOf(secret);
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
