/**
 * The token: where it comes from, what shape it must have, and where it may be sent. It is
 * the caller's secret, so every message here names the *source* (`DEVREV_TOKEN`, the `token`
 * option), never the value.
 */
import { DevRevUsageError } from "./errors.js";

/** A token, or a function returning one; the function is called for every attempt. */
export type TokenSource = string | (() => string | Promise<string>);

/** Where the token comes from, as messages name it (never its value). */
const tokenSource = "The DevRev token (`token` option or DEVREV_TOKEN)";

/**
 * The `token` option, or `DEVREV_TOKEN` where a `process` exists (Node, Bun, Deno's compat):
 * browsers and edge workers have no environment, so they must pass `token`.
 */
export function tokenSourceFrom(option: TokenSource | undefined): TokenSource {
  let token = option;
  try {
    token ??= globalThis.process?.env?.DEVREV_TOKEN;
  } catch {
    // Deno without --allow-env throws on reading the environment: then there is none.
  }
  if (token === undefined)
    throw new DevRevUsageError(`${tokenSource} is missing: DEVREV_TOKEN is not set.`);
  return token;
}

/** A `Bearer ` prefix a caller may have given with the token; it is dropped, not doubled. */
export const bearerPrefix = /^bearer +/i;
// Whitespace or control characters would split or smuggle headers (CR/LF) or be silently
// trimmed by the runtime, sending a token other than the one the caller meant.
export const forbiddenCharacters = /[\s\u0000-\u001f\u007f]/;

/**
 * The token as it goes after `Bearer `: a `Bearer ` prefix given by the caller is dropped
 * rather than doubled. Throws (naming DEVREV_TOKEN, never echoing the value) when it is empty
 * or holds whitespace or control characters.
 */
export function checkedToken(token: unknown): string {
  if (typeof token !== "string") {
    throw new DevRevUsageError(`${tokenSource} must be a string, got ${typeof token}.`);
  }
  const bare = token.replace(bearerPrefix, "");
  if (bare.length === 0) throw new DevRevUsageError(`${tokenSource} is empty.`);
  if (forbiddenCharacters.test(bare)) {
    throw new DevRevUsageError(
      `${tokenSource} holds whitespace or control characters (a trailing newline?).`,
    );
  }
  return bare;
}

/**
 * The `Authorization` value for each attempt. A fixed token is checked and formatted once; a
 * function is called (and its answer checked) on every attempt, so a refreshed token is used.
 */
export function authorizationSource(source: TokenSource): () => string | Promise<string> {
  if (typeof source === "function") return async () => `Bearer ${checkedToken(await source())}`;
  const header = `Bearer ${checkedToken(source)}`;
  return () => header;
}

/** Hosts plain `http:` may reach without `allowInsecureHttp`: this machine. */
export const loopbackHosts: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Refuses to send the token in clear text to another machine: plain `http:` is allowed only to
 * loopback (a local mock or proxy) unless the caller opts in with `allowInsecureHttp`; any other
 * scheme never.
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
