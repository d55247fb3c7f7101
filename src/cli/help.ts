/**
 * The help texts. The token types and the exit codes are rendered from the same values the
 * code uses, so the help cannot drift from the contract or from what the CLI returns.
 */
import { shortTokenType, tokenTypes } from "../token-types.js";
import { exitCodes } from "./messages.js";
import { stopSignals, table, type StopSignal } from "./output.js";

/** The command name, as installed by the package's `bin`. */
export const programName = "devrev-auth-tokens";

/** Every token type as `short form  URN` lines, for help and usage errors. */
export function tokenTypeLines(indent = "  "): string[] {
  return table(
    tokenTypes.map((type) => [shortTokenType(type), type]),
    indent,
  );
}

/** Where each stop signal comes from, for the exit code table. */
const signalSources: Record<StopSignal, string> = {
  SIGHUP: "SIGHUP (the terminal closed)",
  SIGINT: "Ctrl-C (SIGINT)",
  SIGTERM: "SIGTERM (kill, timeout, a cancelled CI job, a stopping container)",
};

const exitCodeLines = table([
  [String(exitCodes.revoked), "revoked: the server accepted the call"],
  [
    String(exitCodes.refused),
    "the API refused (401, 403, 429 or 503 after the retries…): its type and message are printed",
  ],
  [String(exitCodes.usage), "usage error (bad option, unknown type, no token): nothing was sent"],
  [
    String(exitCodes.failed),
    "failed, and surely revoked nothing: a refused connection, a token source that failed, a redirect, a 4xx outside the contract",
  ],
  [
    String(exitCodes.uncertain),
    "outcome uncertain: an attempt's answer was lost after the server may have revoked the tokens (a timeout, a dropped connection, a 500/502/504, a proxy's 5xx page; a 401 then most likely means it did); check before running again",
  ],
  [String(exitCodes.internal), "internal error: a bug in this tool (please report it)"],
  ...(Object.keys(stopSignals) as StopSignal[]).map((signal) => [
    String(exitCodes[signal]),
    `interrupted by ${signalSources[signal]}: what is known of the call is printed`,
  ]),
]);

/** `devrev-auth-tokens --help`. */
export function mainHelp(version: string): string[] {
  return [
    `${programName} ${version}: revoke your own DevRev auth tokens (POST /auth-tokens.self.delete).`,
    "",
    "Usage:",
    `  ${programName} <command> [options]`,
    "",
    "Commands:",
    ...table([
      ["self-delete --type <type>", "Revoke every token of <type> that you created"],
      ["verify [--base-url <url>]", "Check a live server against the contract; revokes nothing"],
      [
        "contract-diff <spec>",
        "Compare this contract with another spec, e.g. DevRev's current one",
      ],
      ["demo", "Show the client at work against an embedded mock (no network, no token)"],
      ["mock [--port 4010]", "Run the mock DevRev server until Ctrl-C"],
      ["help [command]", "Show help for a command"],
    ]),
    "",
    "Options:",
    ...table([
      ["-h, --help", "Show this help; `<command> --help` shows a command's"],
      ["-v, --version", "Print the version"],
    ]),
    "",
    "Exit codes:",
    ...exitCodeLines,
    "",
    "The token is read from DEVREV_TOKEN, or from standard input with --token-stdin; never",
    "from an argument.",
  ];
}

/** `devrev-auth-tokens self-delete --help`. */
export function selfDeleteHelp(): string[] {
  return [
    `Usage: ${programName} self-delete --type <type> [options]`,
    "",
    "Revokes every token of <type> that the caller created (POST /auth-tokens.self.delete).",
    "The token is read from DEVREV_TOKEN, or from standard input with --token-stdin. It is",
    "never taken from an argument: arguments end up in shell history and in `ps`.",
    "",
    "Options:",
    ...table([
      [
        "--type <type>",
        "The token type: a URN or its short form (below), any case. Required, once.",
      ],
      ["--token-stdin", "Read the token from standard input (a pipe) instead of DEVREV_TOKEN"],
      ["--base-url <url>", "Default https://api.devrev.ai; plain http only to localhost"],
      ["--allow-insecure-http", "Send the token over plain http to another host anyway (unwise)"],
      [
        "--timeout <duration>",
        "Time allowed for each attempt, with a unit: 500ms, 30s, 2m; default 60s",
      ],
      ["--max-retries <n>", "Retries on 429, 5xx, network failures and timeouts, 0-10; default 2"],
      ["--json", "Print one JSON object on stdout: {ok, type, attempts} or {ok, error, …}"],
      ["--quiet", "No progress and no success message; errors are still printed"],
      ["-v, --verbose", "Print each attempt (status or failure, duration) and each wait on stderr"],
      ["-h, --help", "Show this help"],
    ]),
    "",
    "Progress (retries and their waits) goes to stderr, also with --json. Each option may be",
    "given once: a repeated one is a usage error, so `--type dev --type pat` revokes nothing.",
    "",
    "Token types (short form, URN):",
    ...tokenTypeLines(),
    "",
    "Exit codes:",
    ...exitCodeLines,
    "",
    "Examples:",
    `  ${programName} self-delete --type pat`,
    `  pass show devrev | ${programName} self-delete --type session:onetime --token-stdin --json`,
  ];
}

/** `devrev-auth-tokens verify --help`. */
export function verifyHelp(): string[] {
  return [
    `Usage: ${programName} verify [options]`,
    "",
    "Checks a live server (DevRev, or the mock) against this package's contract, and revokes",
    "nothing: it sends no token, a made-up token, then with your token only bodies that name",
    "an unknown token type or are not valid (never a known type, never an omitted one).",
    "Every answer is validated against the contract (status, error type, body, headers), and",
    "the server's list of token types (from its invalid_enum_value answer) is compared with",
    "the contract's. A success to a probe meant to be refused is reported as such (the server",
    "may have acted on it), and no further probe with your token is sent.",
    "",
    "Options:",
    ...table([
      ["--base-url <url>", "Default https://api.devrev.ai; plain http only to localhost"],
      ["--token-stdin", "Read the token from standard input (a pipe) instead of DEVREV_TOKEN"],
      ["--allow-insecure-http", "Send the token over plain http to another host anyway (unwise)"],
      [
        "--timeout <duration>",
        "Time allowed for each request, with a unit: 500ms, 30s, 2m; default 30s",
      ],
      ["-h, --help", "Show this help"],
    ]),
    "",
    "Exit codes:",
    ...table([
      ["0", "every answer conforms to the contract, and the token types agree"],
      ["1", "drift (token types differ), an answer that breaks or is not what the contract says,"],
      ["", "or a check that could not be made (listed as SKIPPED, with why)"],
      ["2", "usage error (bad option, no token): nothing was sent"],
      ["3", "network failure or timeout"],
    ]),
  ];
}

/** `devrev-auth-tokens contract-diff --help`. */
export function contractDiffHelp(): string[] {
  return [
    `Usage: ${programName} contract-diff <spec> [--ours <spec>]`,
    "",
    "Compares this package's contract with the same operation in <spec>, an OpenAPI 3.0 or 3.1",
    "document in JSON or YAML, whole or an excerpt: typically DevRev's current published spec.",
    "Nothing is sent anywhere. One line per difference a client depends on: where the operation",
    "is (a moved path or a changed method is named as such), server, security, each request",
    "field, each status and the error types it carries, each field of every error body (type,",
    "format, required-ness, enum values, nested fields included) and response headers.",
    "",
    "Ours is the package's openapi/ spec; if generated/ was not regenerated since it changed,",
    "a note on stderr says so (run `npm run generate`).",
    "",
    "Options:",
    ...table([
      ["--ours <spec>", "Compare this spec instead of the package's own"],
      ["-h, --help", "Show this help"],
    ]),
    "",
    "Exit codes:",
    ...table([
      ["0", "no drift"],
      ["1", "drift: one line per difference"],
      ["2", "usage error, or a spec that cannot be read"],
    ]),
    "",
    "Example:",
    `  ${programName} contract-diff devrev-openapi-public.yaml`,
  ];
}

/** `devrev-auth-tokens demo --help`. */
export function demoHelp(): string[] {
  return [
    `Usage: ${programName} demo`,
    "",
    "Starts a mock DevRev server inside this process on a free port, seeds demo users with",
    "tokens of several types, then, through the client: revokes one type and shows what",
    "remains, waits out a 429 and retries, and shows an unknown type refused by the server",
    "with its narrowed error. Needs no network and no token; takes about two seconds.",
  ];
}

/** `devrev-auth-tokens mock --help`. */
export function mockHelp(): string[] {
  return [
    `Usage: ${programName} mock [--port <port>] [--quiet]`,
    "",
    "Runs the mock DevRev server (the same as `npm run mock`) on 127.0.0.1 with demo tokens,",
    "printing its URL and the tokens, then one line per request (time, method, path, status,",
    "the answer's type, whose token it carried, never the token itself), until Ctrl-C.",
    "",
    "Options:",
    ...table([
      ["-p, --port <port>", "Default 4010; 0 picks a free port"],
      ["-q, --quiet", "Do not print a line per request"],
      ["-h, --help", "Show this help"],
    ]),
    "",
    "Try it:",
    `  ${programName} mock &`,
    `  DEVREV_TOKEN=demo-alice-pat ${programName} self-delete --type pat --base-url http://127.0.0.1:4010`,
  ];
}
