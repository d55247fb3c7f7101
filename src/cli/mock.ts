/**
 * `devrev-auth-tokens mock`: the standalone mock of `npm run mock`, started from the CLI. The
 * server, its banner and its Ctrl-C handling are the testing kit's own.
 */
import { runStandaloneMock } from "../testing/index.js";
import { mockHelp } from "./help.js";
import type { Printer } from "./output.js";
import { integerOption, parseOptions } from "./usage.js";

/** Runs the mock until Ctrl-C or SIGTERM; 0 once stopped, 1 if it could not start. */
export async function mockCommand(args: string[], printer: Printer): Promise<number> {
  const values = parseOptions("mock", args, {
    port: { type: "string", short: "p" },
    quiet: { type: "boolean", short: "q" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    printer.out(...mockHelp());
    return 0;
  }
  const port = integerOption("--port", values.port, 0, 65535) ?? 4010;
  let mock;
  try {
    mock = await runStandaloneMock({
      port,
      log: (line) => printer.out(line),
      traffic: values.quiet !== true,
    });
  } catch (error) {
    printer.err(
      `devrev-auth-tokens mock: could not start the mock on port ${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  await mock.stopped;
  return 0;
}
