import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The type tests (test/**/*.test-d.ts) are compiled by `npm run typecheck` (tsconfig.json
    // includes test/), where a failed expectTypeOf is a compile error; a second tsc run here
    // would cost seconds of CPU for the same verdict. `npx vitest --typecheck` still runs them.
    typecheck: { enabled: false, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Files run side by side. Most tests wait (on child processes, servers, retry delays), so
    // more workers than the two cores CI has keep both cores busy.
    maxWorkers: 3,
    // A worker keeps the modules it has loaded (src/, vitest, esbuild…) from one test file to
    // the next instead of loading them again for each file: about 20 s of CPU less for the
    // suite. Test files are still run anew; a test that changes a global restores it.
    isolate: false,
    // A client logs at DEVREV_LOG's level, else "warn". Tests that look at log lines pass a
    // logger of their own and capture them; every other test's warnings (an uncertain attempt
    // is the point of many) would only bury the test results in the run's output.
    env: { DEVREV_LOG: "off" },
  },
});
