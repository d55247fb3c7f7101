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
    include: [
      "test/body.test.ts",
      "test/retry-timing.test.ts",
      "test/token-types.test.ts",
      "test/uncertainty.test.ts",
      "test/core/**/*.test.ts",
      "test/client/**/*.test.ts",
      "test/mock/**/*.test.ts",
    ],
    // A process of its own (the standalone mock).
    exclude: ["test/mock/standalone.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { DEVREV_LOG: "off" },
  },
});
