import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest (measured with `--reporter=json`: each runs for 5–26 s), started
 * first and in this order. On two cores the suite is CPU-bound, and a long file that starts last
 * decides the wall time. Vitest orders by the durations it cached from the last run, but a fresh
 * clone (CI) has none, and falls back to file size, which puts some of these late.
 */
const slowFirst = [
  "test/package/consumers.test.ts",
  "test/spec-change.test.ts",
  "test/client/retry.test.ts",
  "test/cli/for-people.test.ts",
  "test/cli/self-delete.test.ts",
  "test/client/uncertain.test.ts",
  "test/upstream/contract-diff.test.ts",
  "test/contract/examples-agree.test.ts",
  "test/generate.test.ts",
  "test/cli/commands.test.ts",
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const name = path
        .relative(import.meta.dirname, file.moduleId)
        .split(path.sep)
        .join("/");
      const at = slowFirst.indexOf(name);
      return at < 0 ? slowFirst.length : at;
    };
    // Stable: the rest keep the order vitest chose.
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

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
    sequence: { sequencer: SlowFirst },
  },
});
