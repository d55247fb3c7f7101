import { defineConfig } from "vitest/config";

/**
 * The suites Stryker runs against each mutant of the core (`npm run test:mutation`): those that
 * exercise `src/` in this process (pure functions, the client against the mock over 127.0.0.1,
 * the mock itself). Suites that spawn processes, pack the package or drive a browser test the
 * same code through a child Stryker cannot see into, so they would only slow every mutant down;
 * the size budget measures the bundle, which Stryker's instrumented copy makes larger.
 */
export default defineConfig({
  test: {
    include: ["test/*.test.ts", "test/client/**/*.test.ts", "test/mock/**/*.test.ts"],
    exclude: [
      // Processes of their own: the standalone mock, Redocly, a copy of the project.
      "test/mock/standalone.test.ts",
      "test/generate.test.ts",
      "test/spec-mutations.test.ts",
      "test/fake-names.test.ts",
      // The README's examples compiled with tsc, and the bundle measured: not the core's behaviour.
      "test/readme.test.ts",
      "test/size-budget.test.ts",
      // Reads src/'s text for what it assumes of the spec; Stryker's instrumented text differs.
      "test/generate-assumptions.test.ts",
      "test/layout.test.ts",
      // Reads the committed mutation report, not src/.
      "test/mutation-scores.test.ts",
      // Tests a test helper (the port nothing listens on), not src/.
      "test/ports.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each mutant runs the suites again: property tests try a fifth of their cases (at least 5).
    env: { DEVREV_LOG: "off", PROPERTY_RUNS_SCALE: "0.2" },
  },
});
