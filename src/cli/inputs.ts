/**
 * The CLI's own checks of what a user gives it, in the CLI's words (issue 13): a message names
 * `DEVREV_TOKEN`, `--token-stdin`, `--base-url`, `--allow-insecure-http`, never the library's
 * option names. The library checks the same things again; these run first so a CLI user never
 * sees a message written for a programmer.
 */
import { UsageError } from "./usage.js";

/** Where the token came from, as the user set it. */
export type TokenOrigin = "DEVREV_TOKEN" | "--token-stdin";

const sourceHelp = "Set DEVREV_TOKEN to your token, or pipe it in with --token-stdin.";

/** The token as given, refused (never echoed) when it cannot be a token. */
export function checkedCliToken(token: string, origin: TokenOrigin): string {
  const where = origin === "DEVREV_TOKEN" ? "DEVREV_TOKEN" : "the token read with --token-stdin";
  const bare = token.replace(/^bearer +/i, "");
  if (bare === "") throw new UsageError(`${where} is empty.`, [sourceHelp]);
  if (/[\s\u0000-\u001f\u007f]/.test(bare)) {
    throw new UsageError(
      `${where} contains whitespace or control characters (such as a trailing newline); remove them.`,
    );
  }
  return token;
}

const loopback = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** `--base-url` checked: https (or http to this machine, or with --allow-insecure-http). */
export function checkedCliBaseUrl(value: string, allowInsecureHttp: boolean): string {
  const example = "e.g. --base-url https://api.devrev.ai or --base-url http://127.0.0.1:4010";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url must be an absolute URL (${example}).`);
  }
  if (url.username || url.password) {
    throw new UsageError(
      "--base-url must not hold a user or password (user:password@host); the token is the only credential sent.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--base-url must use https: or http:, not ${url.protocol} (${example}).`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`--base-url must not have a query or a fragment (${example}).`);
  }
  if (url.protocol === "http:" && !loopback.has(url.hostname) && !allowInsecureHttp) {
    throw new UsageError(
      `refusing to send the token over plain http to ${url.host}: use https, or add --allow-insecure-http if you really mean it.`,
    );
  }
  return value;
}
