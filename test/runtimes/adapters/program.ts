/**
 * A runtime that runs a file: the scenario bundled as a program (cli-entry.ts), its config as
 * JSON in the last argument, its outcomes read back from the `scenario: ` line it prints.
 * Node, Bun and Deno run this way; one more such runtime is one row in runtimes.ts.
 */
import { capture, cleanEnv, type Captured } from "../../../scripts/spawn.ts";
import { present, root, versionOf } from "../binaries.ts";
import type { StepOutcome } from "../scenario.ts";
import { failedTo, type Adapter } from "./adapter.ts";

export interface Program {
  /** The binary; asked for when the runtime's turn comes, so a missing one fails only its row. */
  bin: () => string;
  /**
   * The arguments that run `bundle` with the config `config`.
   * @default [bundle, config]
   */
  args?: (bundle: string, config: string) => string[];
  /** Set in its environment (npm's own variables are left out). @default {} */
  env?: Record<string, string>;
}

/** How long the whole scenario may take on one runtime before it is killed. */
const scenarioTimeoutMs = 60_000;

/** The outcomes a program printed on its `scenario: ` line. */
function outcomesOf(exited: Captured): StepOutcome[] {
  const line = exited.output.split("\n").find((text) => text.startsWith("scenario: "));
  if (!line) {
    return failedTo(
      "the scenario ran",
      `exit ${exited.code ?? exited.signal}, no result:\n${exited.output.trim().slice(0, 2000)}`,
    );
  }
  return JSON.parse(line.slice("scenario: ".length)) as StepOutcome[];
}

export function program({
  bin: binary,
  args = (bundle, config) => [bundle, config],
  env = {},
}: Program): Adapter {
  return async (config, bundles) => {
    const bin = present(binary());
    const exited = await capture(bin, args(bundles.cli, JSON.stringify(config)), {
      cwd: root,
      env: cleanEnv(env),
      timeoutMs: scenarioTimeoutMs,
    });
    return { version: versionOf(bin), outcomes: outcomesOf(exited), printed: exited.output };
  };
}
