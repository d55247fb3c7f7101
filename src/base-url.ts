/**
 * Where the token may go: the base URL, checked before anything is sent, and every URL a call
 * fetches, which must stay under it. Messages say what is wrong with a URL without repeating
 * what could be secret in it (credentials, a query).
 */
import { DevRevUsageError } from "./errors.js";

/** Hosts plain `http:` may reach without `allowInsecureHttp`: this machine. */
export const loopbackHosts: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Ports `fetch` refuses to connect to (the Fetch standard's "bad port" list): a call there
 * would fail on every attempt, so such a base URL is a usage error up front.
 */
export const blockedPorts: ReadonlySet<string> = new Set(
  "1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080".split(
    " ",
  ),
);

/** What is wrong with a base URL, in words that repeat nothing of it but its scheme. */
export function baseUrlProblem(value: unknown): string | undefined {
  if (typeof value !== "string")
    return `it is ${value === null ? "null" : typeof value}, not a string`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "it is not an absolute URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    // A parsed URL's scheme is letters, digits and + - . alone (WHATWG URL): nothing secret.
    return `its scheme is ${url.protocol}`;
  if (url.username || url.password) return "it holds credentials (user:password@)";
  if (url.search) return "it has a query";
  if (url.hash) return "it has a fragment";
  if (blockedPorts.has(url.port))
    return `its port ${url.port} is one fetch refuses to use (the Fetch standard's bad ports)`;
  return undefined;
}

/**
 * The base URL, parsed. The message for a refused one names the problem, not the value: a URL
 * may carry a password or a key in places no pattern reliably finds once it is malformed.
 */
export function checkedBaseUrl(value: unknown, name = "baseUrl"): URL {
  const problem = baseUrlProblem(value);
  if (problem) {
    throw new DevRevUsageError(
      `${name} must be an absolute http(s) URL without credentials, query or fragment, such as "https://api.devrev.ai"; ${problem} (the value is not shown).`,
    );
  }
  return new URL(value as string);
}

/**
 * Refuses to send the token in clear text to another machine: plain `http:` is allowed only to
 * loopback (a local mock or proxy) unless the caller opts in with `allowInsecureHttp`.
 */
export function checkTransportSecurity(url: URL, allowInsecureHttp: boolean): void {
  const { protocol, hostname } = url;
  if (
    protocol !== "https:" &&
    !(protocol === "http:" && (allowInsecureHttp || loopbackHosts.includes(hostname)))
  ) {
    throw new DevRevUsageError(
      `Refusing to send the token to ${protocol}//${url.host}: https only, or plain http to localhost or with allowInsecureHttp.`,
    );
  }
}

/** A base URL as calls use it: its origin, and its path without a trailing slash. */
export interface Base {
  origin: string;
  /** The base URL as paths are appended to it: no trailing slash. */
  prefix: string;
  /** Its path without a trailing slash (`""` for an origin alone). */
  path: string;
}

/** The {@link Base} of a checked base URL. */
export function baseOf(url: URL): Base {
  const prefix = url.href.replace(/\/+$/, "");
  return { origin: url.origin, prefix, path: prefix.slice(url.origin.length) };
}

// What URL parsing may turn into a step up the path: a dot segment (RFC 3986 §5.2.4), written
// plainly or percent-encoded; WHATWG URL reads "\\" as "/" in http(s) URLs, drops tabs and
// newlines anywhere and spaces and control characters at the end (so "/%2e%2e " is a dot
// segment), so those are left to the parser too.
const mayClimb = /[/\\](\.|%2e){1,2}([/\\?#]|$)|[\x00-\x20]/i;

/**
 * Whether `url` is on the base's origin and under its path: the only URLs the token may go to.
 * The common case (the base, then `/`, then no dot segment) is decided without parsing.
 *
 * @example
 * ```ts
 * const base = baseOf(new URL("https://api.devrev.ai"));
 * isUnderBase("https://api.devrev.ai/auth-tokens.self.delete", base); // true
 * isUnderBase("https://api.devrev.ai.evil.example/x", base); // false
 * ```
 */
export function isUnderBase(url: string, base: Base): boolean {
  // Equivalent mutant: the condition as false (or startsWith as false) only turns the fast path
  // off, and the parse below gives the same answer; the halves as true are killed, so the line
  // is not disabled.
  if (
    url.startsWith(`${base.prefix}/`) &&
    // Stryker disable next-line MethodExpression: mayClimb on the whole URL, prefix included, can only match more often (the normalized prefix holds no dot segment or space either), which sends more URLs to the parse below, whose answer is the same
    !mayClimb.test(url.slice(base.prefix.length))
  )
    return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.origin === base.origin &&
    !parsed.username &&
    !parsed.password &&
    (parsed.pathname === base.path || parsed.pathname.startsWith(`${base.path}/`))
  );
}

/** The origin of a URL, for a message: never its path or query, which may hold anything. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "a URL that does not parse";
  }
}
