/**
 * Compiles TypeScript files with the project's own compiler options, for tests that must show
 * code *fails* to compile (a missing switch case) — something a .test-d.ts cannot assert.
 */
import ts from "typescript";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "../..");

export function compile(files: string[]): string[] {
  const configPath = path.join(projectRoot, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, projectRoot);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? path.basename(d.file.fileName) : ""}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}
