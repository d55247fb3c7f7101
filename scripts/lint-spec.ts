/**
 * Step 1 of generation: Redocly's lint with the committed redocly.yaml (recommended-strict), in
 * process. Warnings count as failures: recommended-strict already turns every rule into an error.
 *
 * Usage: tsx scripts/lint-spec.ts [spec.yaml]
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RedoclyError, defaultSpecPath, formatProblems, lintProblems } from "./redocly.ts";

/** Resolves when the spec has no problem at all; otherwise rejects with Redocly's report. */
export async function lintSpec(specPath: string = defaultSpecPath): Promise<void> {
  const problems = await lintProblems(specPath);
  if (problems.length > 0) {
    throw new RedoclyError(
      `redocly lint failed: ${problems.length} problem(s)\n${formatProblems(problems)}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await lintSpec(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    console.log("spec lint: 0 errors, 0 warnings");
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
