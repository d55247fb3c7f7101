/**
 * The package's version, read from its package.json. The file is found by walking up from this
 * module, because it sits at a different depth in the source (src/cli/) and in the build
 * (dist/src/cli/).
 */
import { readFileSync } from "node:fs";

const packageName = "devrev-auth-tokens";

/**
 * The version in the package's package.json, or `"unknown"` when it cannot be found.
 *
 * @example
 * ```ts
 * packageVersion(); // "0.1.0"
 * ```
 */
export function packageVersion(): string {
  for (let up = "../"; up.length <= 5 * 3; up += "../") {
    try {
      const manifest = JSON.parse(
        readFileSync(new URL(`${up}package.json`, import.meta.url), "utf8"),
      ) as { name?: unknown; version?: unknown };
      if (manifest.name === packageName && typeof manifest.version === "string")
        return manifest.version;
    } catch {
      // No package.json at this level (or not ours): keep walking up.
    }
  }
  return "unknown";
}
