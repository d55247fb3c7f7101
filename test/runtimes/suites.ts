/**
 * The package's own suites (test/client, test/mock, test/cli, test/package) under vitest launched
 * by a pinned Node line, with that Node first on PATH so the CLI, tsx and npm the tests start
 * run on it too, and with MSW 3 behind the MSW tests (vitest.config.ts), where the project's own
 * is MSW 2. The machine's Node runs them in `npm test`.
 */
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pinnedMsw } from "../../scripts/node-lines.ts";
import { capture, cleanEnv } from "../../scripts/spawn.ts";
import { root } from "./binaries.ts";

export const suites = ["test/client", "test/mock", "test/cli", "test/package"];

/** How long the four suites may take on one line before vitest is killed. */
const suitesTimeoutMs = 600_000;

export interface SuitesRun {
  passed: number;
  /** Failed tests; 1 more when vitest failed with no test failed (it could not run them). */
  failed: number;
  /** What vitest printed, for the report when something failed. */
  printed: string;
}

/** Runs the suites with the Node binary `bin`; `label` names the run's report file. */
export async function runSuites(bin: string, label: string): Promise<SuitesRun> {
  const report = path.join(
    os.tmpdir(),
    `devrev-auth-tokens-suites-${label.replace(/\W+/g, "-")}-${process.pid}.json`,
  );
  const exited = await capture(
    bin,
    [
      path.join(root, "node_modules/vitest/vitest.mjs"),
      "run",
      ...suites,
      "--reporter=dot",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    {
      cwd: root,
      env: cleanEnv({
        PATH: `${path.dirname(bin)}${path.delimiter}${process.env["PATH"] ?? ""}`,
        DEVREV_AUTH_TOKENS_MSW_DIR: pinnedMsw.dir,
      }),
      timeoutMs: suitesTimeoutMs,
    },
  );
  try {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8")) as Record<
      string,
      number
    >;
    const failed = numFailedTests! + (exited.code === 0 ? 0 : numFailedTests === 0 ? 1 : 0);
    return { passed: numPassedTests!, failed, printed: exited.output };
  } catch {
    return { passed: 0, failed: 1, printed: exited.output };
  } finally {
    rmSync(report, { force: true });
  }
}
