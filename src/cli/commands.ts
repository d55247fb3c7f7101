/**
 * The CLI's commands as data: one record per command (its options with their help, its exit
 * codes, its run), from which `main` dispatches and `--help` and `help <command>` are rendered.
 * A command's module is loaded only when it runs, so `self-delete` never loads the mock and help
 * costs no client. Adding a command is one record here and its module.
 */
import {
  defaultMaxRetries,
  defaultTimeoutMs,
  maxRetriesLimit,
  retryableStatuses,
} from "../retry.js";
import {
  contractDiffTable,
  outcomeTable,
  serverExitCodes,
  verifyTable,
  type ExitCodeTable,
} from "./exit-codes.js";
import type { ParsedArgs } from "./arguments.js";
import type { CliIo, Printer } from "./output.js";
import { programName } from "./program.js";
import { tokenTypeLines } from "./token-type-arg.js";
import { verifyDefaultTimeoutMs } from "./verify-probes.js";

/** One option of a command, as `parseArgs` reads it and as `--help` shows it. */
export interface CommandOption {
  type: "string" | "boolean";
  short?: string;
  /** The value's placeholder in help, e.g. `<type>`. */
  value?: string;
  help: string;
}

export type { ParsedArgs } from "./arguments.js";

/** One command of the CLI. */
export interface Command {
  name: string;
  /** What follows the program name on the usage line. */
  synopsis: string;
  /** How the command table of `--help` shows it: the name and what matters most. */
  listed: string;
  /** One line, for the command table of `--help`. */
  summary: string;
  /** The paragraph `<command> --help` starts with. */
  about: readonly string[];
  options: Readonly<Record<string, CommandOption>>;
  /**
   * Positional arguments it takes (`contract-diff <spec>`); without them a positional is
   * refused, never repeated (it may be a token pasted in the wrong place), with this hint.
   */
  positionals?: { count: number; usage: string } | { hint: string };
  /** It reads the token: `--token` is refused outright (shell history, `ps`). */
  readsToken?: boolean;
  /** An option that asks for JSON output: a usage error is then printed as JSON too. */
  json?: string;
  /** Sections of `--help` between the options and the exit codes. */
  sections?: () => readonly { title: string; lines: readonly string[] }[];
  exitCodes: ExitCodeTable;
  examples?: readonly string[];
  run(args: ParsedArgs, io: CliIo, printer: Printer): Promise<number>;
}

const baseUrlOption: CommandOption = {
  type: "string",
  value: "<url>",
  help: "Default https://api.devrev.ai; plain http only to localhost",
};
const tokenStdinOption: CommandOption = {
  type: "boolean",
  help: "Read the token from standard input (a pipe) instead of DEVREV_TOKEN",
};
const insecureOption: CommandOption = {
  type: "boolean",
  help: "Send the token over plain http to another host anyway (unwise)",
};

/** Every command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  {
    name: "self-delete",
    listed: "self-delete --type <type>",
    synopsis: "self-delete --type <type> [options]",
    summary: "Revoke every token of <type> that you created",
    about: [
      "Revokes every token of <type> that the caller created (POST /auth-tokens.self.delete).",
      "The token is read from DEVREV_TOKEN, or from standard input with --token-stdin. It is",
      "never taken from an argument: arguments end up in shell history and in `ps`.",
      "",
      "Progress (retries and their waits) goes to stderr, also with --json. Each option may be",
      "given once: a repeated one is a usage error, so `--type dev --type pat` revokes nothing.",
    ],
    options: {
      type: {
        type: "string",
        value: "<type>",
        help: "The token type: a URN or its short form (below), any case. Required, once.",
      },
      "token-stdin": tokenStdinOption,
      "base-url": baseUrlOption,
      "allow-insecure-http": insecureOption,
      timeout: {
        type: "string",
        value: "<duration>",
        help: `Time allowed for each attempt, with a unit: 500ms, 30s, 2m; default ${defaultTimeoutMs / 1000}s`,
      },
      "max-retries": {
        type: "string",
        value: "<n>",
        help: `Retries on ${retryableStatuses.join(", ")}, network failures and timeouts, 0-${maxRetriesLimit}; default ${defaultMaxRetries}`,
      },
      json: {
        type: "boolean",
        help: "Print one JSON object on stdout: {ok, type, attempts} or {ok, error, …}",
      },
      quiet: {
        type: "boolean",
        help: "No progress and no success message; errors are still printed",
      },
      verbose: {
        type: "boolean",
        short: "v",
        help: "Print each attempt (status or failure, duration) and each wait on stderr",
      },
    },
    positionals: { hint: "To choose the token type, use --type <type>, e.g. --type pat." },
    readsToken: true,
    json: "json",
    sections: () => [{ title: "Token types (short form, URN)", lines: tokenTypeLines() }],
    exitCodes: outcomeTable,
    examples: [
      `${programName} self-delete --type pat`,
      `pass show devrev | ${programName} self-delete --type session:onetime --token-stdin --json`,
    ],
    run: async (args, io, printer) =>
      (await import("./self-delete.js")).selfDelete(args, io, printer),
  },
  {
    name: "verify",
    listed: "verify [--base-url <url>]",
    synopsis: "verify [options]",
    summary: "Check a live server against the contract; revokes nothing",
    about: [
      "Checks a live server (DevRev, or the mock) against this package's contract, and revokes",
      "nothing: it sends no token, a made-up token, then with your token only bodies that name",
      "an unknown token type or are not valid (never a known type, never an omitted one).",
      "Every answer is validated against the contract (status, error type, body, headers), and",
      "the server's list of token types (from its invalid_enum_value answer) is compared with",
      "the contract's. A success to a probe meant to be refused is reported as such (the server",
      "may have acted on it), and no further probe with your token is sent.",
    ],
    options: {
      "base-url": baseUrlOption,
      "token-stdin": tokenStdinOption,
      "allow-insecure-http": insecureOption,
      timeout: {
        type: "string",
        value: "<duration>",
        help: `Time allowed for each request, with a unit: 500ms, 30s, 2m; default ${verifyDefaultTimeoutMs / 1000}s`,
      },
    },
    readsToken: true,
    exitCodes: verifyTable,
    run: async (args, io, printer) => (await import("./verify.js")).verify(args, io, printer),
  },
  {
    name: "contract-diff",
    listed: "contract-diff <spec>",
    synopsis: "contract-diff <spec> [--ours <spec>]",
    summary: "Compare this contract with another spec, e.g. DevRev's current one",
    about: [
      "Compares this package's contract with the same operation in <spec>, an OpenAPI 3.0 or 3.1",
      "document in JSON or YAML, whole or an excerpt: typically DevRev's current published spec.",
      "Nothing is sent anywhere. One line per difference a client depends on: where the operation",
      "is (a moved path or a changed method is named as such), server, security, each request",
      "field, each status and the error types it carries, each field of every error body (type,",
      "format, required-ness, enum values, nested fields included) and response headers.",
      "",
      "Ours is the package's openapi/ spec, or the spec --ours names. Whenever ours is openapi/",
      "(by default, or named by --ours) and generated/ is missing or was not regenerated since it",
      "changed, it refuses (exit 2) and names `npm run generate`: the client follows generated/.",
      "Another spec named by --ours is compared as it is, without that check.",
    ],
    options: {
      ours: {
        type: "string",
        value: "<spec>",
        help: "Compare this spec instead of the package's own",
      },
    },
    positionals: {
      count: 1,
      usage: `${programName} contract-diff <openapi.yaml|json> [--ours <openapi.yaml|json>]`,
    },
    exitCodes: contractDiffTable,
    examples: [`${programName} contract-diff devrev-openapi-public.yaml`],
    run: async (args, _io, printer) =>
      (await import("./contract-diff.js")).contractDiff(args, printer),
  },
  {
    name: "demo",
    listed: "demo",
    synopsis: "demo",
    summary: "Show the client at work against an embedded mock (no network, no token)",
    about: [
      "Starts a mock DevRev server inside this process on a free port, seeds demo users with",
      "tokens of several types, then, through the client: revokes one type and shows what",
      "remains, waits out a 429 and retries, and shows an unknown type refused by the server",
      "with its narrowed error. Needs no network and no token; takes about two seconds.",
    ],
    options: {},
    exitCodes: [
      [serverExitCodes.done, "the demo ran"],
      [serverExitCodes.failed, "a step did not go as the demo expects (a bug)"],
    ],
    run: async (_args, _io, printer) => (await import("./demo.js")).demo(printer),
  },
  {
    name: "mock",
    listed: "mock [--port 4010]",
    synopsis: "mock [--port <port>] [--quiet]",
    summary: "Run the mock DevRev server until Ctrl-C",
    about: [
      "Runs the mock DevRev server (the same as `npm run mock`) on 127.0.0.1 with demo tokens,",
      "printing its URL and the tokens, then one line per request (time, method, path, status,",
      "the answer's type, whose token it carried, never the token itself), until Ctrl-C.",
    ],
    options: {
      port: {
        type: "string",
        short: "p",
        value: "<port>",
        help: "Default 4010; 0 picks a free port",
      },
      quiet: { type: "boolean", short: "q", help: "Do not print a line per request" },
    },
    exitCodes: [
      [serverExitCodes.done, "stopped (Ctrl-C or SIGTERM)"],
      [serverExitCodes.failed, "could not start (the port is taken?)"],
      [serverExitCodes.usage, "usage error"],
    ],
    examples: [
      `${programName} mock &`,
      `DEVREV_TOKEN=demo-alice-pat ${programName} self-delete --type pat --base-url http://127.0.0.1:4010`,
    ],
    run: async (args, _io, printer) => (await import("./mock.js")).mock(args, printer),
  },
];

/** The command named `name`, if there is one. */
export const commandNamed = (name: string | undefined): Command | undefined =>
  commands.find((command) => command.name === name);
