/**
 * One runtime's turn: a fresh mock server (on Node, in this process) seeded with a new token per
 * step and armed with the steps' faults; the scenario run on the runtime; then what only the
 * server can see, and that no token is in anything the runtime printed or returned.
 */
import { startMockServer } from "../../src/testing/index.ts";
import type { Ran } from "./adapters/adapter.ts";
import type { Bundles } from "./bundle.ts";
import type { Runtime } from "./runtimes.ts";
import { steps, type ScenarioConfig, type StepOutcome } from "./scenario.ts";
import { armMock, checkOnServer, seedTokens } from "./scenario-mock.ts";

export interface Trial {
  /** What the runtime says its version is; "?" when it did not start. */
  version: string;
  /** The scenario's steps, the server's checks and the leak check, in that order. */
  outcomes: StepOutcome[];
}

/** Tokens of one run: `rt-<runtime>-step<n>-<random>`, so a report can blank them (`rt-…`). */
function tokensFor(runtime: Runtime): ScenarioConfig["tokens"] {
  const id = runtime.name.toLowerCase().replace(/\W+/g, "-");
  return Object.fromEntries(
    steps.map((step, index) => [
      step,
      `rt-${id}-step${index}-${Math.random().toString(36).slice(2)}`,
    ]),
  ) as ScenarioConfig["tokens"];
}

/** Runs the scenario on `runtime` against a mock of its own; never throws for the runtime's doing. */
export async function trial(runtime: Runtime, bundles: Bundles): Promise<Trial> {
  const tokens = tokensFor(runtime);
  const mock = await startMockServer({
    host: "127.0.0.1",
    tokens: seedTokens({ baseUrl: "", tokens }),
  });
  const config: ScenarioConfig = { baseUrl: mock.url, tokens };
  armMock(mock, config);
  let result: Ran;
  try {
    result = await runtime.run(config, bundles);
  } catch (error) {
    result = {
      version: "?",
      outcomes: [{ step: "the runtime started", ok: false, detail: String(error) }],
      printed: "",
    };
  }
  const outcomes = [...result.outcomes, ...checkOnServer(mock)];
  const leaked = Object.values(tokens).filter((token) => result.printed.includes(token));
  outcomes.push({
    step: "no token in anything the runtime printed or returned",
    ok: leaked.length === 0,
    detail: `${leaked.length} token(s) found`,
  });
  await mock.close();
  return { version: result.version, outcomes };
}
