/**
 * Build step after tsc: the main entry as one ES module (dist/index.js), openapi-fetch left
 * as an import. tsc's multi-file output costs a module resolution, read and compile per file at
 * start-up; one file is what keeps `import "devrev-auth-tokens"` near the cost of Node's ESM
 * loader itself (see the cold-start rows of `npm run bench`). The declarations stay tsc's
 * (dist/src/index.d.ts); the testing kit and the CLI stay multi-file, as start-up matters less
 * there. Platform "neutral": the entry must run wherever fetch runs, so a Node built-in cannot
 * sneak in (esbuild would fail to resolve it).
 *
 * Usage: tsx scripts/bundle-entry.ts
 */
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["openapi-fetch"],
  sourcemap: true,
  sourcesContent: true,
  legalComments: "inline",
  logLevel: "warning",
});
