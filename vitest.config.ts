import path from "node:path";
import type { Plugin } from "vite";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * `DEVREV_AUTH_TOKENS_MSW_DIR` (set by `npm run test:runtimes` on Node 22+) names an MSW install
 * to test against instead of the project's own (MSW 2, which runs on Node 20): `msw` and its
 * subpaths, imported by the tests and by src/testing/msw.ts, resolve from there, package exports
 * honoured. MSW's own imports are Node's business and stay inside that install.
 */
function mswFrom(dir: string): Plugin {
  // As if imported by a file at the root of the install that holds `dir` (…/node_modules/msw):
  // its package.json, since Vite resolves from an importer's folder only if the file exists.
  const importer = path.resolve(dir, "../..", "package.json");
  return {
    name: "devrev-auth-tokens:msw-from",
    enforce: "pre",
    resolveId(id) {
      if (id === "msw" || id.startsWith("msw/"))
        return this.resolve(id, importer, { skipSelf: true });
      return undefined;
    },
  };
}
const mswDir = process.env["DEVREV_AUTH_TOKENS_MSW_DIR"];

export default defineConfig({
  plugins: mswDir ? [mswFrom(mswDir)] : [],
  test: {
    include: ["test/**/*.test.ts"],
    // The reference site's check builds it with TypeDoc and Redoc (~15 s of CPU): it runs in
    // `npm run test:docs` (vitest.docs.config.ts), which CI runs after `npm test`.
    exclude: [...configDefaults.exclude, "test/docs/**"],
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
