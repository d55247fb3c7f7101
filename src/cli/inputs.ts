/**
 * The CLI's own checks of what a user gives it, in the CLI's words: a message names
 * `DEVREV_TOKEN`, `--token-stdin`, `--base-url`, `--allow-insecure-http`, never the library's
 * option names. The library checks the same things again; these run first so a CLI user never
 * sees a message written for a programmer.
 */
import { bearerPrefix, tokenProblem } from "../auth.js";
import { baseUrlProblem, loopbackHosts } from "../base-url.js";
import type { CliIo } from "./output.js";
import { UsageError } from "./arguments.js";

/** Where the token came from, as the user set it. */
export type TokenOrigin = "DEVREV_TOKEN" | "--token-stdin";

const sourceHelp = "Set DEVREV_TOKEN to your token, or pipe it in with --token-stdin.";

/** The token as given, refused (never echoed) when it cannot be a token. */
export function checkedCliToken(token: string, origin: TokenOrigin): string {
  const where = origin === "DEVREV_TOKEN" ? "DEVREV_TOKEN" : "the token read with --token-stdin";
  const bare = token.replace(bearerPrefix, "");
  const problem = tokenProblem(bare);
  if (problem) throw new UsageError(`${where} ${problem}.`, bare === "" ? [sourceHelp] : []);
  return token;
}

/** `--base-url` checked: https (or http to this machine, or with --allow-insecure-http). */
export function checkedCliBaseUrl(value: string, allowInsecureHttp: boolean): string {
  const example = "e.g. --base-url https://api.devrev.ai or --base-url http://127.0.0.1:4010";
  const problem = baseUrlProblem(value);
  if (problem) {
    throw new UsageError(
      `--base-url must be an absolute http(s) URL without credentials, query or fragment (${example}); ${problem}.`,
      problem.startsWith("it holds credentials") ? ["The token is the only credential sent."] : [],
    );
  }
  const url = new URL(value);
  if (url.protocol === "http:" && !loopbackHosts.includes(url.hostname) && !allowInsecureHttp) {
    throw new UsageError(
      `refusing to send the token over plain http to ${url.host}: use https, or add --allow-insecure-http if you really mean it.`,
    );
  }
  return value;
}

/**
 * The token from DEVREV_TOKEN, or from a pipe with `--token-stdin` (less one trailing newline,
 * which `echo` and most secret stores add), checked; `undefined` when `stopped` aborts first
 * (standard input is then let go, so an open pipe does not keep the process alive). `command`
 * goes into the examples.
 */
export async function readCliToken(
  io: CliIo,
  fromStdin: boolean,
  command: string,
  stopped: AbortSignal,
): Promise<string | undefined> {
  if (stopped.aborted) return undefined;
  const reading = readToken(io, fromStdin, command);
  return new Promise((resolve, reject) => {
    stopped.addEventListener(
      "abort",
      () => {
        io.stdin.destroy?.();
        resolve(undefined);
      },
      { once: true },
    );
    reading.then(resolve, reject);
  });
}

async function readToken(io: CliIo, fromStdin: boolean, command: string): Promise<string> {
  if (!fromStdin) {
    const token = io.env.DEVREV_TOKEN;
    if (token === undefined)
      throw new UsageError("no token: DEVREV_TOKEN is not set.", [sourceHelp]);
    return checkedCliToken(token, "DEVREV_TOKEN");
  }
  if (io.stdin.isTTY) {
    // Typed at a terminal the token would be echoed on screen; a pipe keeps it out of sight.
    throw new UsageError(
      "--token-stdin reads the token from a pipe, but standard input is a terminal.",
      [`Pipe it in, e.g. \`pass show devrev | devrev-auth-tokens ${command} --token-stdin\`.`],
    );
  }
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of io.stdin)
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  const token = text.replace(/\r?\n$/, "");
  if (token === "") throw new UsageError("--token-stdin: standard input was empty.");
  return checkedCliToken(token, "--token-stdin");
}
