/**
 * The `devrev-auth-tokens` command line: reads the command, then loads only that command's
 * module, so `self-delete` never loads the mock server and help costs no client.
 */
import { pathToFileURL } from "node:url";
import {
  contractDiffHelp,
  demoHelp,
  mainHelp,
  mockHelp,
  programName,
  selfDeleteHelp,
  verifyHelp,
} from "./help.js";
import { exitCodes } from "./messages.js";
import { processIo, Printer, type CliIo } from "./output.js";
import { UsageError } from "./usage.js";
import { packageVersion } from "./version.js";

export type { CliIo } from "./output.js";

const commands = ["self-delete", "verify", "contract-diff", "demo", "mock"] as const;

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
  try {
    switch (first) {
      case "self-delete": {
        const { selfDeleteCommand } = await import("./self-delete.js");
        return await selfDeleteCommand(rest, io, printer);
      }
      case "verify": {
        const { verifyCommand } = await import("./verify.js");
        return await verifyCommand(rest, io, printer);
      }
      case "contract-diff": {
        const { contractDiffCommand } = await import("./contract-diff.js");
        return await contractDiffCommand(rest, printer);
      }
      case "demo": {
        if (wantsHelp(rest)) return printHelp(printer, "demo");
        if (rest.length > 0) throw new UsageError("demo takes no options.");
        const { demoCommand } = await import("./demo.js");
        return await demoCommand(printer);
      }
      case "mock": {
        const { mockCommand } = await import("./mock.js");
        return await mockCommand(rest, printer);
      }
      case "help":
        return printHelp(printer, rest[0]);
      case "-h":
      case "--help":
        return printHelp(printer, undefined);
      case "-v":
      case "--version":
        printer.out(packageVersion());
        return 0;
      case undefined:
        printer.err(...mainHelp(packageVersion()));
        return exitCodes.usage;
      default:
        throw new UsageError(
          `unknown ${first.startsWith("-") ? "option" : "command"}${quoted(first)}.`,
          [`Commands: ${commands.join(", ")}. Run '${programName} --help' for more.`],
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

function wantsHelp(args: string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

/** ` "name"` for a word-like argument; nothing for anything else, which may be a pasted secret. */
function quoted(arg: string): string {
  return /^-{0,2}[a-z][a-z0-9-]{0,30}$/i.test(arg) ? ` "${arg}"` : "";
}

function printHelp(printer: Printer, command: string | undefined): number {
  switch (command) {
    case undefined:
      printer.out(...mainHelp(packageVersion()));
      return 0;
    case "self-delete":
      printer.out(...selfDeleteHelp());
      return 0;
    case "verify":
      printer.out(...verifyHelp());
      return 0;
    case "contract-diff":
      printer.out(...contractDiffHelp());
      return 0;
    case "demo":
      printer.out(...demoHelp());
      return 0;
    case "mock":
      printer.out(...mockHelp());
      return 0;
    default:
      throw new UsageError(`no such command${quoted(command)}.`, [
        `Commands: ${commands.join(", ")}.`,
      ]);
  }
}

// Also runnable directly (`tsx src/cli/main.ts …`), not only through bin/devrev-auth-tokens.js.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
