/**
 * Usage errors (exit 2) and argument parsing with `node:util` `parseArgs`. parseArgs' own
 * messages are reworded where they would echo an argument's value: a stray argument may well
 * be a token pasted in the wrong place.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { programName } from "./program.js";

/** A mistake in how the CLI was called; nothing was sent. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  /**
   * @param message What was wrong, as one line.
   * @param details More lines, such as the allowed values.
   * @param allowedValues The values an option accepts, for `--json` output.
   */
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly allowedValues?: readonly string[],
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What a command's run receives: its options as parsed, and its positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses a command's options strictly: no unknown option, each string option once, and
 * positional arguments only where `hints.positionals` allows them.
 *
 * @example
 * ```ts
 * parseOptions("mock", ["--port", "0"], { port: { type: "string", short: "p" } }).values.port; // "0"
 * ```
 */
export function parseOptions(
  command: string,
  args: string[],
  options: Options,
  hints: ParseHints = {},
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: hints.positionals === true,
      tokens: true,
    });
  } catch (error) {
    throw usageFromParseError(command, error, hints);
  }
  // parseArgs lets the last of a repeated option win; on a command that revokes tokens,
  // `--type dev --type pat` must not quietly mean pat.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || options[token.name]?.type !== "string") continue;
    if (seen.has(token.name)) {
      throw new UsageError(`--${token.name} was given more than once; give it once.`, [
        `Run '${programName} ${command} --help' for the options.`,
      ]);
    }
    seen.add(token.name);
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}

/** What a command tells a user who typed something parseArgs refuses. */
export interface ParseHints {
  /** Said after refusing a positional argument, e.g. "To choose the type, use --type <type>." */
  positional?: string;
  /** Positional arguments are taken (and counted by the caller). */
  positionals?: boolean;
}

function usageFromParseError(command: string, error: unknown, hints: ParseHints): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const help = `Run '${programName} ${command} --help' for the options.`;
  switch (code) {
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      // Not echoed: it could be a token.
      return new UsageError(
        "positional arguments are not accepted (the one given is not shown: it may be a secret).",
        [...(hints.positional ? [hints.positional] : []), help],
      );
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const option = /'([^']*)'/.exec(message)?.[1] ?? "given";
      return new UsageError(`unknown option ${option}.`, [help]);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      // parseArgs names the option, never the value, in these.
      return new UsageError(message.split(". ")[0]?.replace(/\.?$/, ".") ?? message, [help]);
    default:
      return error;
  }
}

/**
 * Refuses `--token` outright: a token passed as an argument is visible in shell history and to
 * anyone running `ps`, so the CLI does not accept it even once.
 */
export function refuseTokenArgument(command: string, args: readonly string[]): void {
  if (args.some((arg) => arg === "--token" || arg.startsWith("--token="))) {
    throw new UsageError(
      "--token is not accepted: an argument ends up in shell history and in `ps` for every user of the machine to see.",
      [
        "Set DEVREV_TOKEN, or pipe the token in with --token-stdin, e.g.",
        `  pass show devrev | ${programName} ${command} --type pat --token-stdin`,
      ],
    );
  }
}

/**
 * A whole number option within bounds.
 *
 * @example
 * ```ts
 * integerOption("--max-retries", "3", 0, 10); // 3
 * ```
 */
export function integerOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return number;
}

const unitMs = { ms: 1, s: 1000, m: 60_000 } as const;

/**
 * A duration with its unit: `500ms`, `30s`, `2m` (decimals allowed: `1.5s`). A bare number is
 * refused with a hint rather than guessed: it once meant milliseconds here, and seconds to
 * anyone used to curl's `--max-time`, so any guess would surprise someone.
 *
 * @example
 * ```ts
 * durationOption("--timeout", "30s", 1, maxTimerMs); // 30000
 * ```
 */
export function durationOption(
  name: string,
  value: string | undefined,
  minMs: number,
  maxMs: number,
): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/i.exec(value.trim());
  const help = `e.g. ${name} 30s, ${name} 500ms or ${name} 2m`;
  if (!match) {
    throw new UsageError(
      /^\d+(\.\d+)?$/.test(value.trim())
        ? `${name} needs a unit: ms, s or m (${help}).`
        : `${name} must be a duration with a unit: ms, s or m (${help}).`,
    );
  }
  const ms = Math.round(Number(match[1]) * unitMs[match[2]!.toLowerCase() as keyof typeof unitMs]);
  if (!(ms >= minMs && ms <= maxMs)) {
    throw new UsageError(
      `${name} must be from ${minMs} ms to ${Math.floor(maxMs / 60_000)} minutes.`,
    );
  }
  return ms;
}
