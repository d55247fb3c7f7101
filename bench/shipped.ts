/**
 * The package as users run it: dist/index.js (one bundled ES module, openapi-fetch as an
 * import), built first when dist/ is missing or older than the sources. The timing rows call
 * this build, not src/ through tsx: tsx's transform (it keeps function names with a helper
 * call per function made) adds a few µs per call that no installed package pays, enough to
 * swamp the per-call differences the rows compare.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./root.js";

function newestSource(): number {
  let newest = 0;
  for (const dir of ["src", "generated"]) {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith(".ts"))
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** The path of dist/index.js, built first when missing or stale. */
export function compiledEntry(): string {
  const dist = join(root, "dist", "index.js");
  if (!existsSync(dist) || statSync(dist).mtimeMs < newestSource()) {
    const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  return dist;
}

/** The main entry as an installed package exports it (typed from the sources it is built from). */
export const shipped: typeof import("../src/index.js") = await import(
  pathToFileURL(compiledEntry()).href
);
