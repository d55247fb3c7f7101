/**
 * `devrev-auth-tokens self-delete`: one call of the client, with the token from the environment
 * or a pipe, progress on stderr, and an exit code a script can act on.
 */
import { createDevRevClient, isOutcomeUncertain } from "../client.js";
import { levels as logLevels, type LogLevel } from "../log.js";
import { maxRetriesLimit, maxTimerMs, minTimeoutMs } from "../retry.js";
import type { AttemptRecord } from "../transport.js";
import type { DevRevError } from "../errors.js";
import { shortTokenType, tokenTypes, type TokenType } from "../token-types.js";
import {
  describeError,
  describeInterruption,
  describeRetry,
  describeUncertainOutcome,
  exitCodeFor,
} from "./messages.js";
import { exitCodes } from "./exit-codes.js";
import { whileListening, type CliIo, type Printer, type StopSignal } from "./output.js";
import { checkedCliBaseUrl, readCliToken } from "./inputs.js";
import { readTokenTypeArg, tokenTypeLines } from "./token-type-arg.js";
import { durationOption, integerOption, UsageError } from "./arguments.js";
import type { ParsedArgs } from "./arguments.js";

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
 * Runs `self-delete` with its parsed options, SIGINT, SIGTERM and SIGHUP turned into an abort:
 * whatever stops the run, it says what is known of what it did, and exits with the signal's code.
 */
export async function selfDelete(
  { values }: ParsedArgs,
  io: CliIo,
  printer: Printer,
): Promise<number> {
  return whileListening(io, (stopped, stoppedBy) =>
    revoke(values as SelfDeleteValues, io, printer, stopped, () => stoppedBy() ?? "SIGINT"),
  );
}

/** The options of `self-delete`, as commands.ts declares them. */
interface SelfDeleteValues {
  type?: string;
  "token-stdin"?: boolean;
  "base-url"?: string;
  "allow-insecure-http"?: boolean;
  timeout?: string;
  "max-retries"?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

async function revoke(
  values: SelfDeleteValues,
  io: CliIo,
  printer: Printer,
  signal: AbortSignal,
  stoppedBy: () => StopSignal,
): Promise<number> {
  const type = tokenTypeFrom(values.type);
  const timeoutMs = durationOption("--timeout", values.timeout, minTimeoutMs, maxTimerMs);
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
