/**
 * Usage errors (exit 2) and argument parsing with `node:util` `parseArgs`. parseArgs' own
 * messages are reworded where they would echo an argument's value: a stray argument may well
 * be a token pasted in the wrong place.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { programName } from "./help.js";

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

/**
 * Parses a command's options strictly (no positionals, no unknown options).
 *
 * @example
 * ```ts
 * parseOptions("mock", ["--port", "0"], { port: { type: "string", short: "p" } }).port; // "0"
 * ```
 */
type ParsedValues<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>["values"];

export function parseOptions<const O extends Options>(
  command: string,
  args: string[],
  options: O,
): ParsedValues<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageFromParseError(command, error);
  }
}

function usageFromParseError(command: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const help = `Run '${programName} ${command} --help' for the options.`;
  switch (code) {
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      // Not echoed: it could be a token.
      return new UsageError(
        "positional arguments are not accepted (the one given is not shown: it may be a secret).",
        [help],
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
