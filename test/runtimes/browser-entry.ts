/**
 * The scenario in a page: the bundle puts `runScenario` on `window` for adapters/page.ts to
 * call through playwright.
 */
import { runScenario } from "./scenario.ts";

(globalThis as { runScenario?: typeof runScenario }).runScenario = runScenario;
