/**
 * `devrev-auth-tokens self-delete`: one call of the client, with the token from the environment
 * or a pipe, progress on stderr, and an exit code a script can act on.
 */
import { createDevRevClient, isOutcomeUncertain } from "../client.js";
import type { AttemptRecord } from "../transport.js";
import { DevRevUsageError, type DevRevError } from "../errors.js";
import { parseTokenType, shortTokenType, tokenTypes, type TokenType } from "../token-types.js";
import { selfDeleteHelp, tokenTypeLines } from "./help.js";
import {
  describeError,
  describeRetry,
  describeUncertainOutcome,
  exitCodeFor,
  exitCodes,
} from "./messages.js";
import type { CliIo, Printer } from "./output.js";
import { integerOption, parseOptions, refuseTokenArgument, UsageError } from "./usage.js";

const options = {
  type: { type: "string" },
  "token-stdin": { type: "boolean" },
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  timeout: { type: "string" },
  "max-retries": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** What `--json` prints: exactly one of these objects. */
export type SelfDeleteJson =
  | { ok: true; type: TokenType; attempts: number; history: readonly AttemptRecord[] }
  | {
      ok: false;
      type?: TokenType;
      error: DevRevError | UsageJsonError;
      attempts: number;
      history?: readonly AttemptRecord[];
      /** Set when an attempt may have revoked the tokens although the call failed (exit 4). */
      outcomeUncertain?: boolean;
    };

/** A usage error in `--json` output. */
export interface UsageJsonError {
  type: "usage_error";
  message: string;
  allowed_values?: string[];
}

/**
 * Runs `self-delete` with `args` (what follows the command name) and returns the exit code.
 */
export async function selfDeleteCommand(
  args: string[],
  io: CliIo,
  printer: Printer,
): Promise<number> {
  printer.hide(io.env.DEVREV_TOKEN);
  // Known before parsing, so even a usage error answers in the requested format.
  const json = args.includes("--json");
  try {
    return await run(args, io, printer);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof DevRevUsageError)) throw error;
    const details = error instanceof UsageError ? error.details : cliNamesIn(error.message);
    printer.err(`devrev-auth-tokens self-delete: ${error.message}`, ...details);
    if (json) {
      const usage: UsageJsonError = { type: "usage_error", message: error.message };
      if (error instanceof UsageError && error.allowedValues)
        usage.allowed_values = [...error.allowedValues];
      printer.out(
        JSON.stringify({ ok: false, error: usage, attempts: 0 } satisfies SelfDeleteJson),
      );
    }
    return exitCodes.usage;
  }
}

// The client's messages name its options; say which flag each one is.
const flagOfOption: Record<string, string> = {
  allowInsecureHttp: "--allow-insecure-http",
  baseUrl: "--base-url",
  timeoutMs: "--timeout",
  maxRetries: "--max-retries",
};

function cliNamesIn(message: string): string[] {
  return Object.entries(flagOfOption)
    .filter(([option]) => message.includes(option))
    .map(([option, flag]) => `(${option} is the ${flag} option here.)`);
}

/** A usage error about `--type`, listing every allowed value. */
function typeError(message: string): UsageError {
  return new UsageError(
    message,
    ["Allowed values (short form, URN):", ...tokenTypeLines()],
    tokenTypes,
  );
}

async function run(args: string[], io: CliIo, printer: Printer): Promise<number> {
  refuseTokenArgument("self-delete", args);
  const values = parseOptions("self-delete", args, options);
  if (values.help) {
    printer.out(...selfDeleteHelp());
    return exitCodes.revoked;
  }

  if (values.type === undefined) throw typeError("--type is required.");
  const type = parseTokenType(values.type);
  if (type === undefined) {
    // The value is not echoed: someone may have pasted their token here by mistake.
    throw typeError("--type is not a token type.");
  }
  const timeoutMs = integerOption("--timeout", values.timeout, 1, 2 ** 31 - 1);
  const maxRetries = integerOption("--max-retries", values["max-retries"], 0, 10);
  const token = values["token-stdin"] ? await tokenFromStdin(io) : tokenFromEnv(io);
  printer.hide(token);

  const quiet = values.quiet === true;
  const devrev = createDevRevClient({
    token,
    ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
    allowInsecureHttp: values["allow-insecure-http"] === true,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
    onRetry: (event) => {
      if (!quiet) printer.err(describeRetry(event));
    },
  });

  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort());
  let result;
  try {
    result = await devrev.authTokens.selfDelete(
      { requested_token_type: type },
      { signal: controller.signal },
    );
  } finally {
    stopListening();
  }

  const { error, attempts, history } = result;
  const uncertain = isOutcomeUncertain(result) && error?.type !== "aborted";
  if (values.json) {
    const output: SelfDeleteJson = error
      ? { ok: false, type, error, attempts, history, outcomeUncertain: uncertain }
      : { ok: true, type, attempts, history };
    printer.out(JSON.stringify(output));
  } else if (error) {
    const [first = "", ...rest] = uncertain
      ? describeUncertainOutcome(error, history, shortTokenType(type))
      : describeError(error, attempts);
    printer.err(`devrev-auth-tokens: ${first}`, ...rest);
  } else if (!quiet) {
    const retried = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    printer.out(`Revoked every ${shortTokenType(type)} token you created${retried}.`);
    printer.out(`  type: ${type}`);
  }
  return error ? exitCodeFor(error, history) : exitCodes.revoked;
}

function tokenFromEnv(io: CliIo): string {
  const token = io.env.DEVREV_TOKEN;
  if (token === undefined) {
    throw new UsageError("no token: DEVREV_TOKEN is not set.", [
      "Set DEVREV_TOKEN, or pipe the token in with --token-stdin.",
    ]);
  }
  return token;
}

/** All of stdin, less one trailing newline (what `echo` and most secret stores add). */
async function tokenFromStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) {
    // Typed at a terminal the token would be echoed on screen; a pipe keeps it out of sight.
    throw new UsageError(
      "--token-stdin reads the token from a pipe, but standard input is a terminal.",
      [
        "Pipe it in, e.g. `pass show devrev | devrev-auth-tokens self-delete --type pat --token-stdin`.",
      ],
    );
  }
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of io.stdin)
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  const token = text.replace(/\r?\n$/, "");
  if (token === "") throw new UsageError("--token-stdin: standard input was empty.");
  return token;
}
