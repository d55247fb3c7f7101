/**
 * `npm run docs [-- --out <dir>]`: the HTML reference of the contract (generated/openapi.json),
 * built by the project's Redocly into <dir>/index.html (default docs/). Redoc's scripts are
 * inlined, so the page works offline, from a file:// URL or a plain static server.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot, RedoclyError, runRedocly } from "./redocly.ts";

const { values } = parseArgs({ options: { out: { type: "string", short: "o" } } });
const outDir = path.resolve(values.out ?? path.join(projectRoot, "docs"));
const output = path.join(outDir, "index.html");

mkdirSync(outDir, { recursive: true });
try {
  // runRedocly turns telemetry and update checks off: the build must not need the network.
  runRedocly([
    "build-docs",
    path.join(projectRoot, "generated", "openapi.json"),
    "--inlineBundle",
    "--output",
    output,
  ]);
} catch (error) {
  if (!(error instanceof RedoclyError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const shown = path.relative(process.cwd(), output);
console.log(`Wrote ${shown.startsWith("..") ? output : shown} (usable offline).`);
