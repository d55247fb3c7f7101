/**
 * The one redaction of this package: the client's errors, the CLI's output and the mock's
 * recordings all remove secrets with it. A server, a proxy or an error page that echoes a token
 * rarely echoes it as sent: JSON escapes `/` as `\/`, a URL or a form encodes `+`, `/` and `=`
 * as `%2B`, `%2F`, `%3D` (or leaves `+` to be read as a space), an HTML page writes `&#x2F;`, and
 * a header or a page may carry it base64-encoded inside a longer value (`Basic`, a JWT's
 * payload, a data: URL). Each of those forms is removed, in any mix within one echo.
 */

/**
 * Shortest secret that is redacted. Shorter strings occur in ordinary words, and replacing them
 * would garble every message; the client refuses tokens shorter than this, so every token it
 * sends is one this removes.
 */
export const minSecretLength = 8;

/** What replaces a secret. */
export const redactedMark = "[redacted]";

const hexClass = (hex: string) =>
  hex.replace(/[a-f]/gi, (digit) => `[${digit.toLowerCase()}${digit.toUpperCase()}]`);
const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/**
 * Every way an echo may spell one character: as itself, JSON-escaped (`\/`, `\u002f`),
 * percent-encoded (RFC 3986 §2.1, either case, or encoded twice), as an HTML character
 * reference, and `+` as the space a form decoder makes of it (WHATWG URL's
 * application/x-www-form-urlencoded).
 */
function characterPattern(character: string): string {
  if (/^[a-z0-9]$/i.test(character)) return character;
  const forms = [escapeRegExp(character)];
  const code = character.codePointAt(0)!;
  // JSON may write any character as \uXXXX (RFC 8259 §7), outside the BMP as a surrogate pair.
  const units = Array.from({ length: character.length }, (_, at) => character.charCodeAt(at));
  forms.push(units.map((unit) => `\\\\u${hexClass(unit.toString(16).padStart(4, "0"))}`).join(""));
  if (character === "/") forms.push("\\\\/");
  const bytes = [...new TextEncoder().encode(character)].map((byte) =>
    byte.toString(16).padStart(2, "0"),
  );
  forms.push(bytes.map((hex) => `%(?:25)?${hexClass(hex)}`).join(""));
  forms.push(`&#0*${code};`, `&#[xX]0*${hexClass(code.toString(16))};`);
  if (character === "+") forms.push(" ", "%20");
  return `(?:${forms.join("|")})`;
}

// A token repeats few distinct characters: each one's pattern is built once.
const characterPatterns = new Map<string, string>();
const patternOf = (text: string) =>
  [...text]
    .map((character) => {
      let pattern = characterPatterns.get(character);
      if (pattern === undefined)
        characterPatterns.set(character, (pattern = characterPattern(character)));
      return pattern;
    })
    .join("");

/**
 * The part of `secret`'s base64 encoding that is the same wherever the secret sits in a longer
 * encoded value: one core per alignment (the secret starting 0, 1 or 2 bytes into a 3-byte
 * group), without the characters that also encode the bytes around it (RFC 4648 §4).
 */
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    // Character i holds bits 6i..6i+5: keep those wholly inside the secret's bits.
    const core = encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6),
    );
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** A function that removes every form of every secret from a text. */
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
  const patterns = kept
    .flatMap((secret) => [secret, ...base64Cores(secret)])
    .filter((form) => form.length >= minSecretLength)
    // Longest first: at one position the alternation takes the first that matches, so a
    // secret that contains another is removed whole, not cut around the shorter one.
    .sort((a, b) => b.length - a.length)
    .map(patternOf);
  const pattern = patterns.length > 0 ? new RegExp(patterns.join("|"), "g") : undefined;
  const redact: Redactor = pattern ? (text) => text.replace(pattern, redactedMark) : (text) => text;
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, redact);
  return redact;
}

/**
 * `value` with every form of every secret removed from its strings, object keys included,
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
