/**
 * The help texts, rendered from the command records (commands.ts): the options, the token types
 * and the exit codes come from the values the code uses, so help cannot drift from the contract
 * or from what a command returns.
 */
import type { Command } from "./commands.js";
import { exitCodes, outcomeTable, type ExitCodeTable } from "./exit-codes.js";
import { table } from "./output.js";
import { programName } from "./program.js";

export { programName } from "./program.js";

/** The `-h, --help` every command takes. */
const helpRow = ["-h, --help", "Show this help"];

const exitCodeLines = (codes: ExitCodeTable) =>
  table(codes.map(([code, meaning]) => [String(code), meaning]));

/**
 * The codes `main` returns for every command, whatever its own table says: a usage error is
 * found before the command runs, and a bug is caught around it.
 */
const sharedRows: ExitCodeTable = [
  [exitCodes.usage, "usage error: nothing was done"],
  [exitCodes.internal, "internal error: a bug in this tool (please report it)"],
];

/** A command's table with the shared rows it does not word itself, in code order. */
export const commandExitCodes = (command: Command): ExitCodeTable =>
  [
    ...command.exitCodes,
    ...sharedRows.filter(([code]) => !command.exitCodes.some(([own]) => own === code)),
  ].sort(([a], [b]) => a - b);

/** `devrev-auth-tokens --help`. */
export function mainHelp(version: string, commands: readonly Command[]): string[] {
  return [
    `${programName} ${version}: revoke your own DevRev auth tokens (POST /auth-tokens.self.delete).`,
    "",
    "Usage:",
    `  ${programName} <command> [options]`,
    "",
    "Commands:",
    ...table([
      ...commands.map((command) => [command.listed, command.summary]),
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
    ...exitCodeLines(outcomeTable),
    "",
    "The token is read from DEVREV_TOKEN, or from standard input with --token-stdin; never",
    "from an argument.",
  ];
}

/** `devrev-auth-tokens <command> --help`. */
export function commandHelp(command: Command): string[] {
  const options = Object.entries(command.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`,
    option.help,
  ]);
  return [
    `Usage: ${programName} ${command.synopsis}`,
    "",
    ...command.about,
    "",
    "Options:",
    ...table([...options, helpRow]),
    ...(command.sections?.() ?? []).flatMap(({ title, lines }) => ["", `${title}:`, ...lines]),
    "",
    "Exit codes:",
    ...exitCodeLines(commandExitCodes(command)),
    ...(command.examples ? ["", "Examples:", ...command.examples.map((line) => `  ${line}`)] : []),
  ];
}
