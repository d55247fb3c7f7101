/**
 * `devrev-auth-tokens self-delete`: one call of the client, with the token from the environment
 * or a pipe, progress on stderr, and an exit code a script can act on.
 */
import { createDevRevClient, isOutcomeUncertain } from "../client.js";
import { levels as logLevels, type LogLevel } from "../log.js";
import { maxRetriesLimit, maxTimerMs } from "../retry.js";
import type { AttemptRecord } from "../transport.js";
import { DevRevUsageError, type DevRevError } from "../errors.js";
import { shortTokenType, tokenTypes, type TokenType } from "../token-types.js";
import { selfDeleteHelp, tokenTypeLines } from "./help.js";
import {
  describeError,
  describeInterruption,
  describeRetry,
  describeUncertainOutcome,
  exitCodeFor,
  exitCodes,
} from "./messages.js";
import type { CliIo, Printer, StopSignal } from "./output.js";
import { checkedCliBaseUrl, readCliToken } from "./inputs.js";
import { readTokenTypeArg } from "./token-type-arg.js";
import {
  durationOption,
  integerOption,
  parseOptions,
  refuseTokenArgument,
  UsageError,
} from "./usage.js";

const options = {
  type: { type: "string" },
  "token-stdin": { type: "boolean" },
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  timeout: { type: "string" },
  "max-retries": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
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

// The CLI checks its inputs in its own words first (inputs.ts); should a library message still
// get through, say which flag each option it names is.
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

/** A usage error about `--type`: the nearest types first, then every allowed value. */
function typeError(message: string, suggestions: readonly TokenType[] = []): UsageError {
  const nearest = suggestions.map((type) => shortTokenType(type));
  return new UsageError(
    nearest.length > 0 ? `${message} Did you mean: ${nearest.join(", ")}?` : message,
    ["Allowed values (short form or URN, any case):", ...tokenTypeLines()],
    tokenTypes,
  );
}

/** The type `--type` names, or a usage error naming what was typed and what is near it. */
function tokenTypeFrom(value: string | undefined): TokenType {
  if (value === undefined) throw typeError("--type is required, e.g. --type pat.");
  const read = readTokenTypeArg(value);
  if (read.type) return read.type;
  if (read.shown === undefined) {
    throw typeError(
      "--type: the value given is not a token type (not shown: it does not look like one and may be a secret).",
    );
  }
  throw typeError(`--type "${read.shown}" is not a token type.`, read.suggestions);
}

/**
 * Runs the command with SIGINT, SIGTERM and SIGHUP turned into an abort: whatever stops the
 * run, it says what is known of what it did, and exits with the signal's code.
 */
async function run(args: string[], io: CliIo, printer: Printer): Promise<number> {
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const stopListening = io.onInterrupt((signal) => {
    stoppedBy ??= signal;
    controller.abort();
  });
  try {
    return await revoke(args, io, printer, controller.signal, () => stoppedBy ?? "SIGINT");
  } finally {
    stopListening();
  }
}

async function revoke(
  args: string[],
  io: CliIo,
  printer: Printer,
  signal: AbortSignal,
  stoppedBy: () => StopSignal,
): Promise<number> {
  refuseTokenArgument("self-delete", args);
  const values = parseOptions("self-delete", args, options, {
    positional: "To choose the token type, use --type <type>, e.g. --type pat.",
  });
  if (values.help) {
    printer.out(...selfDeleteHelp());
    return exitCodes.revoked;
  }

  const type = tokenTypeFrom(values.type);
  const timeoutMs = durationOption("--timeout", values.timeout, 1, maxTimerMs);
  const maxRetries = integerOption("--max-retries", values["max-retries"], 0, maxRetriesLimit);
  const allowInsecureHttp = values["allow-insecure-http"] === true;
  const baseUrl =
    values["base-url"] === undefined
      ? undefined
      : checkedCliBaseUrl(values["base-url"], allowInsecureHttp);
  const fromStdin = values["token-stdin"] === true;
  if (fromStdin && values.verbose)
    printer.err("devrev-auth-tokens: reading the token from standard input");
  const token = await readCliToken(io, fromStdin, "self-delete --type pat", signal);
  if (token === undefined) {
    const [first = "", ...rest] = describeInterruption([], shortTokenType(type), stoppedBy());
    printer.err(`devrev-auth-tokens: ${first}`, ...rest);
    return exitCodes[stoppedBy()];
  }
  printer.hide(token);

  const quiet = values.quiet === true;
  const verbose = values.verbose === true;
  if (quiet && verbose) throw new UsageError("--quiet and --verbose cannot go together.");
  // The library's logger, through the printer (which scrubs the token from every line): every
  // attempt with --verbose; otherwise only what DEVREV_LOG asks for, as the final message and
  // the retry lines already say what a user must know.
  const line = (message: string) => printer.err(message);
  if (io.env.DEVREV_LOG && !logLevels.includes(io.env.DEVREV_LOG as LogLevel))
    throw new UsageError(`DEVREV_LOG must be one of ${logLevels.join(", ")}.`);
  const devrev = createDevRevClient({
    logger: { debug: line, info: line, warn: line, error: line },
    logLevel: verbose ? "debug" : ((io.env.DEVREV_LOG || "off") as LogLevel),
    token,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    allowInsecureHttp,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
    onRetry: (event) => {
      // With --verbose the log says it, with the attempt's status and duration.
      if (!quiet && !verbose) printer.err(describeRetry(event));
    },
  });

  const result = await devrev.authTokens.selfDelete({ requested_token_type: type }, { signal });

  const { attempts, history } = result;
  const short = shortTokenType(type);
  const uncertain = isOutcomeUncertain(result);
  // A signal is told in the CLI's words, with what is known of what the run did.
  const interrupted =
    result.error?.type === "aborted" ? describeInterruption(history, short, stoppedBy()) : [];
  const error =
    result.error && interrupted[0] ? { ...result.error, message: interrupted[0] } : result.error;
  if (values.json) {
    const output: SelfDeleteJson = error
      ? { ok: false, type, error, attempts, history, outcomeUncertain: uncertain }
      : { ok: true, type, attempts, history };
    printer.out(JSON.stringify(output));
  } else if (error) {
    const [first = "", ...rest] =
      interrupted.length > 0
        ? interrupted
        : uncertain
          ? describeUncertainOutcome(error, history, short)
          : describeError(error, attempts);
    printer.err(`devrev-auth-tokens: ${first}`, ...rest);
  } else if (!quiet) {
    const retried = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    printer.out(`Revoked every ${shortTokenType(type)} token you created${retried}.`);
    printer.out(`  type: ${type}`);
  }
  return error ? exitCodeFor(error, history, stoppedBy()) : exitCodes.revoked;
}
