/**
 * `npm run generate`: openapi/ → lint → bundle → the checks of what src/ assumes of it → types →
 * constants and the mock's error bodies → prettier → generated/.
 * `npm run generate:check`: the same into a scratch folder, then fail naming every file of
 * generated/ that differs (CI runs this, so a spec edit without regeneration cannot land).
 *
 * Everything is written to a temporary folder first and moved into place only when every
 * step succeeded: an invalid spec leaves generated/ exactly as it was.
 *
 * Usage: tsx scripts/generate.ts [--check] [--spec openapi/x.yaml] [--out generated]
 */
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  existsSync,
  copyFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { lintSpec } from "./lint-spec.ts";
import { bundleSpec } from "./bundle-spec.ts";
import { generateTypes } from "./generate-types.ts";
import { generateConstants } from "./generate-constants.ts";
import { checkExamples } from "./check-examples.ts";
import { generateErrorBodies } from "./error-bodies.ts";
import { checkHandwrittenAssumptions } from "./check-assumptions.ts";
import type { Node } from "../src/cli/contract/document.ts";
import { formatAs } from "./format.ts";
import { defaultSpecPath, projectRoot } from "./redocly.ts";

/** The files generation owns, in the order they are produced. */
export const generatedFiles = [
  "openapi.json",
  "schema.ts",
  "constants.ts",
  "error-bodies.ts",
] as const;

/** Runs every step into a fresh scratch folder and returns that folder. */
export async function generateInto(specPath: string = defaultSpecPath): Promise<string> {
  const stage = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-generate-"));
  try {
    await lintSpec(specPath);
    const spec = await bundleSpec(specPath);
    checkHandwrittenAssumptions(spec as Node);
    checkExamples(spec as Parameters<typeof checkExamples>[0]);
    const outputs: Record<(typeof generatedFiles)[number], string> = {
      "openapi.json": JSON.stringify(spec, null, 2),
      "schema.ts": await generateTypes(spec),
      "constants.ts": generateConstants(spec as Parameters<typeof generateConstants>[0]),
      "error-bodies.ts": generateErrorBodies(spec as Node),
    };
    for (const name of generatedFiles) {
      writeFileSync(path.join(stage, name), await formatAs(name, outputs[name]));
    }
    return stage;
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
}

/** Names the files of `outDir` that differ from a fresh generation (missing ones included). */
export function staleFiles(stage: string, outDir: string): string[] {
  const stale: string[] = [];
  for (const name of generatedFiles) {
    const target = path.join(outDir, name);
    if (
      !existsSync(target) ||
      readFileSync(target, "utf8") !== readFileSync(path.join(stage, name), "utf8")
    ) {
      stale.push(path.relative(projectRoot, target) || target);
    }
  }
  const owned = new Set<string>(generatedFiles);
  if (existsSync(outDir)) {
    for (const name of readdirSync(outDir)) {
      if (!owned.has(name))
        stale.push(
          `${path.relative(projectRoot, path.join(outDir, name))} (not produced by generation)`,
        );
    }
  }
  return stale;
}

/** Moves the staged files into `outDir`; each rename replaces one file whole. */
function install(stage: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const name of generatedFiles) {
    const from = path.join(stage, name);
    const to = path.join(outDir, name);
    try {
      renameSync(from, to);
    } catch {
      // A scratch folder on another file system cannot be renamed across; copy instead.
      copyFileSync(from, to);
    }
  }
}

/** The command line: `[--check] [--spec file] [--out folder]`; resolves to the exit code. */
export async function main(args: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: "boolean", default: false },
      spec: { type: "string", default: defaultSpecPath },
      out: { type: "string", default: path.join(projectRoot, "generated") },
    },
  });
  const specPath = path.resolve(values.spec!);
  const outDir = path.resolve(values.out!);
  let stage: string;
  try {
    stage = await generateInto(specPath);
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    console.error(
      `generate: ${path.relative(process.cwd(), outDir) || outDir} was left untouched.`,
    );
    return 1;
  }
  try {
    if (values.check) {
      const stale = staleFiles(stage, outDir);
      if (stale.length) {
        console.error(
          `generate:check: generated files are stale; run \`npm run generate\`:\n  ${stale.join("\n  ")}`,
        );
        return 1;
      }
      console.log(`generate:check: ${generatedFiles.length} generated files match the spec`);
      return 0;
    }
    install(stage, outDir);
    console.log(
      `generate: wrote ${generatedFiles.map((f) => path.join(path.relative(process.cwd(), outDir), f)).join(", ")}`,
    );
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main();
}
