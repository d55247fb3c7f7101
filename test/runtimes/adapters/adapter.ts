/** What every adapter does: run the bundled scenario on one runtime and bring its outcomes back. */
import type { Bundles } from "../bundle.ts";
import type { ScenarioConfig, StepOutcome } from "../scenario.ts";

export interface Ran {
  /** What the runtime says its version is. */
  version: string;
  outcomes: StepOutcome[];
  /** Everything the runtime printed or returned, to search for the tokens. */
  printed: string;
}

/** Sets up the runtime, runs the scenario with `config` on it, and ends it. */
export type Adapter = (config: ScenarioConfig, bundles: Bundles) => Promise<Ran>;

/** The outcome list of a run that brought no outcomes back: one failed step saying why. */
export const failedTo = (step: string, detail: string): StepOutcome[] => [
  { step, ok: false, detail },
];
