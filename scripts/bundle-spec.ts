/**
 * Step 2 of generation: bundle the hand-authored spec (and any file it references) into one
 * JSON document, the form the types, the client's constants, the mock and the docs read.
 * Redocly's bundler, in process.
 *
 * Usage: tsx scripts/bundle-spec.ts <out.json> [spec.yaml]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleDocument, defaultSpecPath } from "./redocly.ts";

export async function bundleSpec(specPath: string = defaultSpecPath): Promise<unknown> {
  return await bundleDocument(specPath);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [out, spec] = process.argv.slice(2);
  if (!out) {
    console.error("usage: tsx scripts/bundle-spec.ts <out.json> [spec.yaml]");
    process.exit(2);
  }
  const document = await bundleSpec(spec ? path.resolve(spec) : undefined);
  writeFileSync(path.resolve(out), `${JSON.stringify(document, null, 2)}\n`);
}
