/**
 * The token: where it comes from and what shape it must have. It is the caller's secret, so
 * every message here names the *source* (`DEVREV_TOKEN`, the `token` option), never the value.
 */
import { DevRevUsageError } from "./errors.js";
import { minSecretLength } from "./redact.js";

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
    // Stryker disable next-line OptionalChaining: without process or env, reading through them throws here, and the catch leaves the token unset: the same answer as the optional chain's undefined
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

/**
 * Longest token sent. DevRev's tokens (JWTs) are about a kilobyte; servers refuse request
 * headers past 8 to 16 KiB in all (Node's default limit is 16 KiB), and an answer to that would
 * read as a refusal of the token rather than of its size.
 */
export const maxTokenLength = 8192;

// RFC 6750 §2.1: a Bearer credential is a b64token. Anything else is not a token (whitespace
// would split or smuggle headers, a character outside Latin-1 cannot go in a header at all).
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * What is wrong with a token (after any `Bearer ` prefix), in words that never repeat it;
 * `undefined` when it can be sent.
 *
 * @example
 * ```ts
 * tokenProblem("abc def"); // "holds whitespace or control characters (a trailing newline?)"
 * ```
 */
export function tokenProblem(bare: string): string | undefined {
  if (bare.length === 0) return "is empty";
  if (/[\s\u0000-\u001f\u007f]/.test(bare))
    return "holds whitespace or control characters (a trailing newline?)";
  if (bare === "undefined" || bare === "null")
    return "is the text of a value that was not set (undefined or null)";
  if (bare.length < minSecretLength)
    return `is ${bare.length} characters long, under the ${minSecretLength} this client accepts (DevRev's tokens are hundreds)`;
  if (bare.length > maxTokenLength)
    return `is ${bare.length} characters long, over the ${maxTokenLength} this client sends (DevRev's tokens are about 1 KB)`;
  if (!b64token.test(bare))
    return "holds characters a Bearer token cannot have (RFC 6750: letters, digits, - . _ ~ + / and a trailing =)";
  return undefined;
}

/**
 * The token as it goes after `Bearer `: a `Bearer ` prefix given by the caller is dropped
 * rather than doubled. Throws (naming the source, never echoing the value) when it cannot be
 * sent as a Bearer token.
 */
export function checkedToken(token: unknown): string {
  if (typeof token !== "string") {
    throw new DevRevUsageError(`${tokenSource} must be a string, got ${typeof token}.`);
  }
  const bare = token.replace(bearerPrefix, "");
  const problem = tokenProblem(bare);
  if (problem) throw new DevRevUsageError(`${tokenSource} ${problem}.`);
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
