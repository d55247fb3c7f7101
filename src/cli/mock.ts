/**
 * `devrev-auth-tokens mock`: the standalone mock of `npm run mock`, started from the CLI. The
 * server, its banner and its Ctrl-C handling are the testing kit's own.
 */
import { runStandaloneMock } from "../testing/index.js";
import { integerOption, type ParsedArgs } from "./arguments.js";
import { serverExitCodes } from "./exit-codes.js";
import type { Printer } from "./output.js";

/** Runs the mock until Ctrl-C or SIGTERM; `done` once stopped, `failed` if it could not start. */
export async function mock({ values }: ParsedArgs, printer: Printer): Promise<number> {
  const port = integerOption("--port", values.port as string | undefined, 0, 65535) ?? 4010;
  let running;
  try {
    running = await runStandaloneMock({
      port,
      log: (line) => printer.out(line),
      traffic: values.quiet !== true,
    });
  } catch (error) {
    printer.err(
      `devrev-auth-tokens mock: could not start the mock on port ${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return serverExitCodes.failed;
  }
  await running.stopped;
  return serverExitCodes.done;
}
