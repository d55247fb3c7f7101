/**
 * `npm test`: the static checks and the tests, in two phases (CI runs its heavier suites after it).
 *
 * 1. The static checks at once: generate:check, typecheck, format:check, size, check:package.
 *    None writes what another reads (check:package builds dist/, which no other one reads), and
 *    each spends part of its time loading modules, so on two cores running them side by side
 *    takes about half as long as one after the other. Each one's output is printed whole when
 *    it ends, with its time, so interleaved output never hides which step said what.
 * 2. The tests (vitest), once every check passed. Not alongside phase 1: the package consumer
 *    tests pack the dist/ that check:package built (DEVREV_AUTH_TOKENS_DIST_BUILT=1 tells them
 *    it is fresh, so they do not build it again).
 *
 * Exits non-zero when any step fails, naming it.
 *
 * Usage: npm test (or tsx scripts/test.ts [extra vitest arguments])
 */
import path from "node:path";
import { capture, inheritStdio } from "./spawn.ts";

const checks = ["generate:check", "typecheck", "format:check", "size", "check:package"];
/**
 * Arguments added to a check's script. tsc (TypeScript 7) checks with several checkers in
 * parallel, which repeat part of the work: here the other checks keep both cores busy, and one
 * checker gives the same diagnostics for ~1.5 s of CPU instead of ~2.7 s.
 */
const extraArgs: Record<string, string[]> = { typecheck: ["--singleThreaded"] };

interface Ran {
  name: string;
  code: number | null;
  output: string;
  seconds: number;
}

/** `npm run --silent <script> [-- <extraArgs>]`, its stdout and stderr captured together. */
async function runScript(name: string): Promise<Ran> {
  const extra = extraArgs[name] ?? [];
  const { code, output, ms } = await capture("npm", [
    "run",
    "--silent",
    name,
    ...(extra.length ? ["--", ...extra] : []),
  ]);
  return { name, code, output, seconds: ms / 1000 };
}

const phaseStarted = performance.now();
const ran = await Promise.all(
  checks.map(async (name) => {
    const result = await runScript(name);
    const verdict = result.code === 0 ? "ok" : `FAILED (exit ${result.code})`;
    process.stdout.write(
      `\n> ${name}: ${verdict} in ${result.seconds.toFixed(1)} s\n${result.output.trimEnd()}\n`,
    );
    return result;
  }),
);
const failed = ran.filter((result) => result.code !== 0).map((result) => result.name);
console.log(
  `\nchecks: ${ran.length - failed.length} passed, ${failed.length} failed in ${((performance.now() - phaseStarted) / 1000).toFixed(1)} s`,
);
if (failed.length > 0) {
  console.error(`npm test: failed: ${failed.join(", ")}; the tests were not run.`);
  process.exit(1);
}

const vitestBin = path.resolve(import.meta.dirname, "..", "node_modules", ".bin", "vitest");
// check:package just built dist/ from this source: the package consumer tests pack that build
// instead of building again (test/package/consumers.test.ts).
process.exitCode = await inheritStdio(vitestBin, ["run", ...process.argv.slice(2)], {
  env: { ...process.env, DEVREV_AUTH_TOKENS_DIST_BUILT: "1" },
});
