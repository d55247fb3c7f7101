/**
 * Compiles several tsconfig.json projects with one TypeScript compiler in one process, as
 * `tsc -p <config> --pretty false` would one by one: the same diagnostics (checks, order and
 * text), the same emit, the same exit status. What a process per project would spend again on
 * each is done once: starting node, loading the compiler, and parsing the files every project
 * reads (TypeScript's lib files, @types/node, the package's .d.ts). Parsed files are shared as
 * TypeScript's language service shares them between projects: keyed by file, language version
 * and module format (see `getKeyForCompilationSettings`; the projects here differ only in module
 * settings, which do not change how a file parses); each project still gets its own checker.
 *
 * Usage: node typescript-programs.mjs <typescript package directory> <tsconfig>...
 * Prints a JSON array: one { config, code, output } per tsconfig, in order.
 */
import { createRequire } from "node:module";

const [typescriptDir, ...configs] = process.argv.slice(2);
const ts = createRequire(import.meta.url)(typescriptDir);

/** @type {Map<string, import("typescript").SourceFile | undefined>} */
const parsed = new Map();

function compile(config) {
  const fatal = [];
  const commandLine = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => fatal.push(diagnostic) },
  );
  const formatHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => ts.sys.newLine,
  };
  if (!commandLine) {
    return { config, code: 1, output: ts.formatDiagnostics(fatal, formatHost) };
  }
  const host = ts.createCompilerHost(commandLine.options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    const options =
      typeof languageVersionOrOptions === "object"
        ? languageVersionOrOptions
        : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}|${options.languageVersion}|${options.impliedNodeFormat}`;
    if (!parsed.has(key)) {
      parsed.set(key, getSourceFile.call(host, fileName, languageVersionOrOptions, ...rest));
    }
    return parsed.get(key);
  };
  const program = ts.createProgram({
    rootNames: commandLine.fileNames,
    options: commandLine.options,
    projectReferences: commandLine.projectReferences,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(commandLine),
  });
  // As tsc does (emitFilesAndReportErrors): semantic checks only when the rest is clean.
  const diagnostics = [...program.getConfigFileParsingDiagnostics()];
  const configCount = diagnostics.length;
  diagnostics.push(...program.getSyntacticDiagnostics());
  if (diagnostics.length === configCount) {
    diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (diagnostics.length === configCount) diagnostics.push(...program.getSemanticDiagnostics());
  }
  const emitted = program.emit();
  diagnostics.push(...emitted.diagnostics);
  const all = ts.sortAndDeduplicateDiagnostics(diagnostics);
  // tsc's exit statuses: 0 clean, 1 errors and nothing emitted, 2 errors and output emitted.
  const code = all.length === 0 ? 0 : emitted.emitSkipped ? 1 : 2;
  return { config, code, output: ts.formatDiagnostics(all, formatHost).trim() };
}

process.stdout.write(JSON.stringify(configs.map(compile)));
