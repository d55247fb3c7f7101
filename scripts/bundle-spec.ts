/**
 * Step 2 of generation: bundle the hand-authored spec (and any file it references) into one
 * JSON document, the form the types, the client's constants, the mock and the docs read.
 *
 * Usage: tsx scripts/bundle-spec.ts <out.json> [spec.yaml]
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { defaultSpecPath, projectRoot, runRedocly } from "./redocly.ts";

export function bundleSpec(outFile: string, specPath: string = defaultSpecPath): unknown {
  runRedocly([
    "bundle",
    "--config",
    path.join(projectRoot, "redocly.yaml"),
    specPath,
    "--output",
    outFile,
    "--ext",
    "json",
  ]);
  return JSON.parse(readFileSync(outFile, "utf8"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, spec] = process.argv.slice(2);
  if (!out) {
    console.error("usage: tsx scripts/bundle-spec.ts <out.json> [spec.yaml]");
    process.exit(2);
  }
  bundleSpec(path.resolve(out), spec ? path.resolve(spec) : undefined);
}
