/**
 * The `devrev-auth-tokens` command line: reads the command, checks its arguments against the
 * command's record (commands.ts), then loads only that command's module.
 */
import { pathToFileURL } from "node:url";
import { DevRevUsageError } from "../errors.js";
import { parseOptions, refuseTokenArgument, UsageError } from "./arguments.js";
import { commandNamed, commands, type Command, type ParsedArgs } from "./commands.js";
import { exitCodes } from "./exit-codes.js";
import { commandHelp, mainHelp, programName } from "./help.js";
import { processIo, Printer, type CliIo } from "./output.js";
import { packageVersion } from "./version.js";

export type { CliIo } from "./output.js";

const names = commands.map((command) => command.name).join(", ");

/**
 * Runs the CLI with `argv` (the arguments after the program name) and resolves with the exit
 * code; it never calls `process.exit`, so it can run inside a test.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["self-delete", "--type", "pat"]);
 * ```
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const printer = new Printer(io);
  // Hidden from the start: a usage error could otherwise quote a token pasted as an argument.
  printer.hide(io.env.DEVREV_TOKEN);
  const [first, ...rest] = argv;
  const command = commandNamed(first);
  try {
    if (command) return await runCommand(command, rest, io, printer);
    switch (first) {
      case "help": {
        const asked = rest[0] === undefined ? undefined : commandNamed(rest[0]);
        if (rest[0] !== undefined && !asked)
          throw new UsageError(`no such command${quoted(rest[0])}.`, [`Commands: ${names}.`]);
        printer.out(...(asked ? commandHelp(asked) : mainHelp(packageVersion(), commands)));
        return 0;
      }
      case "-h":
      case "--help":
        printer.out(...mainHelp(packageVersion(), commands));
        return 0;
      case "-v":
      case "--version":
        printer.out(packageVersion());
        return 0;
      case undefined:
        printer.err(...mainHelp(packageVersion(), commands));
        return exitCodes.usage;
      default:
        throw new UsageError(
          `unknown ${first.startsWith("-") ? "option" : "command"}${quoted(first)}.`,
          [`Commands: ${names}. Run '${programName} --help' for more.`],
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printer.err(`${programName}: ${error.message}`, ...error.details);
      return exitCodes.usage;
    }
    // Not left to Node's default (exit 1), which would read as "the API refused".
    printer.err(
      `${programName}: internal error (a bug; please report it):`,
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    return exitCodes.internal;
  }
}

/**
 * `command`'s arguments read by its record: `--token` refused where it reads a token, options
 * parsed strictly, positionals counted.
 */
export function parsedArgs(command: Command, args: string[]): ParsedArgs {
  if (command.readsToken) refuseTokenArgument(command.name, args);
  const takes =
    command.positionals && "count" in command.positionals ? command.positionals : undefined;
  const { values, positionals } = parseOptions(
    command.name,
    args,
    Object.fromEntries(
      [...Object.entries(command.options), ["help", { type: "boolean", short: "h" }] as const].map(
        ([name, { type, short }]) => [name, short ? { type, short } : { type }],
      ),
    ),
    {
      positionals: takes !== undefined,
      ...(command.positionals && "hint" in command.positionals
        ? { positional: command.positionals.hint }
        : {}),
    },
  );
  if (takes && !values.help && positionals.length !== takes.count)
    throw new UsageError(
      `${command.name} takes exactly ${takes.count === 1 ? "one" : takes.count} ${command.synopsis.match(/<(\w+)>/)?.[1] ?? "argument"} to compare with.`,
      [`Usage: ${takes.usage}`],
    );
  return { values, positionals };
}

/** Runs `command`; a usage error is told in its name (and as JSON when its JSON option is given). */
async function runCommand(
  command: Command,
  args: string[],
  io: CliIo,
  printer: Printer,
): Promise<number> {
  // Known before parsing, so even a usage error answers in the requested format.
  const json = command.json !== undefined && args.includes(`--${command.json}`);
  try {
    const parsed = parsedArgs(command, args);
    if (parsed.values.help) {
      printer.out(...commandHelp(command));
      return 0;
    }
    return await command.run(parsed, io, printer);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof DevRevUsageError)) throw error;
    printer.err(
      `${programName} ${command.name}: ${error.message}`,
      ...(error instanceof UsageError ? error.details : []),
    );
    if (json) {
      const allowed = error instanceof UsageError ? error.allowedValues : undefined;
      const usage = {
        type: "usage_error",
        message: error.message,
        ...(allowed ? { allowed_values: [...allowed] } : {}),
      };
      printer.out(JSON.stringify({ ok: false, error: usage, attempts: 0 }));
    }
    return exitCodes.usage;
  }
}

/** ` "name"` for a word-like argument; nothing for anything else, which may be a pasted secret. */
function quoted(arg: string): string {
  return /^-{0,2}[a-z][a-z0-9-]{0,30}$/i.test(arg) ? ` "${arg}"` : "";
}

// Also runnable directly (`tsx src/cli/main.ts …`), not only through bin/devrev-auth-tokens.js.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
