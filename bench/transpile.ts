/**
 * Compiles src/ and generated/ to plain ESM JavaScript under .tmp/ (esbuild, file by file, no
 * bundling, lines kept), as `tsc` would emit dist/. Cold start uses it when there is no dist/
 * (importing through tsx would time tsx's loader, not the package); profiles taken on it have
 * line numbers that match the source.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const root = fileURLToPath(new URL("..", import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"),
    )
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Emits `<outdir>/src/**.js` and `<outdir>/generated/*.js`; returns the path of the entry. */
export async function transpile(outdir = join(root, ".tmp", "bench-js"), extra: string[] = []) {
  await build({
    absWorkingDir: root,
    entryPoints: [...tsFiles("src"), ...tsFiles("generated"), ...extra],
    outdir,
    outbase: root,
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    sourcemap: false,
    logLevel: "error",
  });
  return join(outdir, "src", "index.js");
}
