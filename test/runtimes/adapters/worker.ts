/**
 * A runtime that serves a Worker (workerd): the scenario bundled as a Worker (worker-entry.ts),
 * served on 127.0.0.1; a POST of the config runs the scenario inside it, and the Worker's fetch
 * reaches the mock, which runs here on Node.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { capture } from "../../../scripts/spawn.ts";
import { present, versionOf } from "../binaries.ts";
import type { StepOutcome } from "../scenario.ts";
import { failedTo, type Adapter } from "./adapter.ts";
import { portToListenOn } from "../../support/ports.ts";

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before serving`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * workerd's configuration: the Worker on `port`. Its fetch goes out through the service named
 * "internet", which by default reaches public addresses only; here it reaches loopback only,
 * where the mock is.
 */
const capnp = (
  port: number,
  workerFile: string,
) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .scenario),
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const scenario :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "${workerFile}")],
  compatibilityDate = "2025-09-01",
);
`;

/** How long workerd may take to serve, and the scenario to run, before it is killed. */
const serveTimeoutMs = 20_000;
const scenarioTimeoutMs = 60_000;

export function worker({ bin: binary }: { bin: () => string }): Adapter {
  return async (config, bundles) => {
    const bin = present(binary());
    const port = await portToListenOn();
    const configFile = path.join(bundles.dir, "workerd.capnp");
    writeFileSync(configFile, capnp(port, path.basename(bundles.worker)));
    let child: ChildProcess | undefined;
    const served = capture(bin, ["serve", configFile], {
      cwd: bundles.dir,
      // A safety net only: it is stopped below once the scenario has answered.
      timeoutMs: serveTimeoutMs + scenarioTimeoutMs + 10_000,
      onSpawn: (started) => (child = started),
    });
    let outcomes: StepOutcome[] | undefined;
    let answered = "";
    let failure: unknown;
    try {
      const url = `http://127.0.0.1:${port}/`;
      await waitForHttp(url, child!, serveTimeoutMs);
      const answer = await fetch(url, {
        method: "POST",
        body: JSON.stringify(config),
        signal: AbortSignal.timeout(scenarioTimeoutMs),
      });
      answered = await answer.text();
      outcomes = answer.ok
        ? JSON.parse(answered)
        : failedTo("the Worker answered", `${answer.status}: ${answered.slice(0, 2000)}`);
    } catch (error) {
      failure = error;
    } finally {
      child!.kill("SIGTERM");
    }
    const printed = `${(await served).output}${answered}`;
    return {
      version: versionOf(bin),
      outcomes:
        outcomes ??
        failedTo("workerd served the Worker", `${String(failure)}\n${printed.slice(0, 2000)}`),
      printed,
    };
  };
}
