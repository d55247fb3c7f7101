/**
 * A copy of the project to change a spec in: every file but node_modules (symlinked, so the copy
 * resolves packages exactly as the project does), .git, dist/, reference/ and scratch folders.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { formatAs } from "../../scripts/format.ts";

export const root = path.resolve(import.meta.dirname, "../..");
export const specPath = "openapi/devrev-auth-tokens.yaml";

const skipped = new Set(["node_modules", ".git", "dist", "reference", "coverage"]);

/** Copies the project into `dir` (created). */
export function copyProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(root, dir, {
    recursive: true,
    filter: (from) => {
      const top = path.relative(root, from).split(path.sep)[0] ?? "";
      return !skipped.has(top) && !top.startsWith(".tmp");
    },
  });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** The project's spec, parsed as Redocly reads it (dates stay strings). */
export function readProjectSpec(): Record<string, any> {
  return load(readFileSync(path.join(root, specPath), "utf8"), { schema: CORE_SCHEMA }) as Record<
    string,
    any
  >;
}

/** Writes `spec` as the copy's openapi/ spec, formatted as `npm run format` would leave it. */
export async function writeSpec(dir: string, spec: Record<string, unknown>): Promise<void> {
  const yaml = dump(spec, { lineWidth: 100, noRefs: true });
  writeFileSync(path.join(dir, specPath), await formatAs("devrev-auth-tokens.yaml", yaml));
}
