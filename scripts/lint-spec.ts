/**
 * Step 1 of generation: `redocly lint` with the committed redocly.yaml (recommended-strict).
 * Warnings count as failures: recommended-strict already turns every rule into an error.
 *
 * Usage: tsx scripts/lint-spec.ts [spec.yaml]
 */
import path from "node:path";
import { defaultSpecPath, projectRoot, runRedocly } from "./redocly.ts";

export function lintSpec(specPath: string = defaultSpecPath): string {
  return runRedocly(["lint", "--config", path.join(projectRoot, "redocly.yaml"), specPath]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    lintSpec(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    console.log("spec lint: 0 errors, 0 warnings");
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
