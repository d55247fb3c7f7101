/**
 * The one redaction of this package: the client's errors and log lines, the CLI's output and the
 * mock's recordings all remove secrets with it. A server, a proxy or an error page that echoes a
 * token rarely echoes it as sent: JSON escapes `/` as `\/`, a URL or a form percent-encodes it
 * (or reads `+` as a space), an HTML page writes `&#x2F;`, and each may be applied on top of
 * another (JSON in a query string: `%5C%2F`); a header or a page may carry it base64-encoded
 * inside a longer value (`Basic`, a JWT's payload), even twice, or hex-encoded, or cut across
 * lines. Rather than list every spelling, the text is decoded, layer by layer, into views that
 * remember where each character came from; a secret found in any view is removed from the
 * text at the place it came from.
 */

import { viewsOf } from "./echo-views.js";

/**
 * Shortest secret that is redacted. Shorter strings occur in ordinary words, and replacing them
 * would garble every message; the client refuses tokens shorter than this, so every token it
 * sends is one this removes.
 */
export const minSecretLength = 8;

/** What replaces a secret. */
export const redactedMark = "[redacted]";

/**
 * Pieces of a secret this long are removed too, wherever they stand: a server may cut a token
 * (a truncated log line) or split it across two fields. Only secrets at least
 * {@link fragmentsFrom} long are looked for in pieces: shorter ones (a test's readable
 * `alice-pat-secret`) share such pieces with ordinary words.
 */
const fragmentLength = 24;
const fragmentsFrom = 32;

/**
 * The part of `secret`'s base64 and base64url encodings that is the same wherever it sits in a
 * longer encoded value: one core per alignment (the secret starting 0, 1 or 2 bytes into a
 * 3-byte group), without the characters that also encode the bytes around it (RFC 4648 §4).
 */
function base64Cores(secret: string): string[] {
  let binary = "";
  for (const byte of new TextEncoder().encode(secret)) binary += String.fromCharCode(byte);
  // Stryker disable next-line ArrayDeclaration: a starting entry holding a space is never found: every view reads a space as "+"
  const cores: string[] = [];
  // Stryker disable next-line EqualityOperator: a fourth alignment (3 zero bytes) is one whole base64 group ahead of alignment 0, so its core is the same
  for (let offset = 0; offset < 3; offset++) {
    const encoded = btoa("\0".repeat(offset) + binary);
    // Character i holds bits 6i..6i+5: keep those wholly inside the secret's bits.
    const core = encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + binary.length)) / 6),
    );
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

// A polynomial rolling hash over every window of `fragmentLength` characters (Rabin-Karp), so a
// long text is scanned for a secret's pieces without cutting out a string at every position.
const base = 257;
let lastPower = 1;
for (let i = 1; i < fragmentLength; i++) lastPower = Math.imul(lastPower, base);

function windowHashes(text: string, each: (hash: number, at: number) => void): void {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    // Stryker disable next-line ConditionalExpression: before the first full window, charCodeAt of a negative index is NaN and Math.imul(NaN, x) is 0: nothing is taken off
    if (i >= fragmentLength)
      hash = (hash - Math.imul(text.charCodeAt(i - fragmentLength), lastPower)) | 0;
    hash = (Math.imul(hash, base) + text.charCodeAt(i)) | 0;
    if (i >= fragmentLength - 1) each(hash, i - fragmentLength + 1);
  }
}

/** What to look for in the views: every encoding of every secret that is not a decoding away. */
function needlesOf(secrets: readonly string[]): {
  whole: string[];
  grams: Map<number, Set<string>>;
} {
  const whole = new Set<string>();
  // A set per hash: a piece met twice (a stretch repeated, two secrets sharing it) is kept once.
  const grams = new Map<number, Set<string>>();
  for (const secret of secrets) {
    const cores = base64Cores(secret);
    const primary = [secret, ...cores];
    // Stryker disable next-line ArrayDeclaration: an entry shorter than a piece (24) has no window to hash
    for (const needle of secret.length >= fragmentsFrom ? primary : [])
      windowHashes(needle, (hash, at) => {
        const gram = needle.slice(at, at + fragmentLength);
        const known = grams.get(hash);
        if (!known) grams.set(hash, new Set([gram]));
        else known.add(gram);
      });
    const hex = [...new TextEncoder().encode(secret)]
      .map((byte) => byte.toString(16).padStart(2, "0"))
      .join("");
    for (const needle of [
      ...primary,
      secret.replace(/=+$/, ""),
      hex,
      hex.toUpperCase(),
      // Base64 of a spelling that is not a decoding away once encoded: JSON-escaped, percent-encoded.
      ...base64Cores(secret.replace(/\//g, "\\/")),
      ...base64Cores(encodeURIComponent(secret)),
      // Base64 of a value that holds the secret's base64.
      ...cores.flatMap(base64Cores),
    ])
      if (needle.length >= minSecretLength) whole.add(needle);
  }
  // In no particular order: where needles found overlap, the spans are merged all the same.
  return { whole: [...whole], grams };
}

/** A function that removes every spelling of every secret from a text. */
export type Redactor = (text: string) => string;

// The last few redactors built: a call, the CLI's printer and the mock each reuse theirs.
const cache = new Map<string, Redactor>();

/**
 * A redactor for `secrets` (those shorter than {@link minSecretLength} are left alone).
 *
 * @example
 * ```ts
 * const scrub = redactor(["abc/def+ghi"]);
 * scrub('{"echo":"abc\\/def%2Bghi"}'); // '{"echo":"[redacted]"}'
 * ```
 */
export function redactor(secrets: Iterable<string>): Redactor {
  const kept = [...new Set(secrets)].filter((secret) => secret.length >= minSecretLength);
  const key = kept.join("\n");
  const known = cache.get(key);
  if (known) return known;
  const { whole, grams } = needlesOf(kept);
  const redact: Redactor = (text) => {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a fast path: with no secret there is no needle, and no view of a text under 8 characters holds one (views are never longer than the text)
    if (kept.length === 0 || text.length < minSecretLength) return text;
    const spans: [number, number][] = [];
    for (const { text: view, from, to } of viewsOf(text)) {
      const mark = (at: number, length: number) => spans.push([from[at]!, to[at + length - 1]!]);
      for (const needle of whole)
        for (let at = view.indexOf(needle); at >= 0; at = view.indexOf(needle, at + 1))
          mark(at, needle.length);
      windowHashes(view, (hash, at) => {
        if (grams.get(hash)?.has(view.slice(at, at + fragmentLength))) mark(at, fragmentLength);
      });
    }
    // Stryker disable next-line ConditionalExpression: a fast path: with no spans the loop below returns the text as it is
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let done = 0;
    for (const [start, end] of spans) {
      // Stryker disable next-line EqualityOperator: a span ending where the last one ended starts before it, so it writes nothing and leaves `done` as it was
      if (end <= done) continue;
      if (start >= done) out += text.slice(done, start) + redactedMark;
      done = end;
    }
    return out + text.slice(done);
  };
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, redact);
  return redact;
}

/**
 * `value` with every spelling of every secret removed from its strings, object keys included,
 * at any depth. The top-level `type` is left alone: it is the discriminant a program switches
 * on, set by this package or checked against the contract, never a server's free text.
 *
 * @example
 * ```ts
 * redact({ type: "x", message: "bad token abcdefgh123" }, ["abcdefgh123"]); // message: "bad token [redacted]"
 * ```
 */
export function redact<T>(value: T, secrets: Iterable<string>): T {
  const scrub = redactor(secrets);
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return scrub(node);
    if (node === null || typeof node !== "object") return node;
    // Deeper than any error body of the contract: dropped rather than returned unread.
    if (depth > 32) return "[omitted: nested too deep]";
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    return Object.fromEntries(
      Object.entries(node).map(([key, field]) => [
        scrub(key),
        depth === 0 && key === "type" ? field : walk(field, depth + 1),
      ]),
    );
  };
  return walk(value, 0) as T;
}
