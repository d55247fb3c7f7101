/**
 * Redocly for the generation steps, in process: `@redocly/openapi-core` (pinned) lints and
 * bundles with the committed redocly.yaml. Spawning the CLI cost about two seconds a run, most of
 * it loading the CLI; the tests run generation several times. The verdicts are the CLI's: both
 * apply the same `recommended-strict` rules to the same document (test/generate.test.ts holds
 * the in-process lint to the CLI's on the committed spec and on a broken one).
 *
 * `runRedocly` still runs the project's own CLI (never a global one), for what only the CLI does
 * (`build-docs`) and for the comparison above.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import {
  type Config,
  type NormalizedProblem,
  bundle,
  getLineColLocation,
  lint,
  loadConfig,
} from "@redocly/openapi-core";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultSpecPath = path.join(projectRoot, "openapi", "devrev-auth-tokens.yaml");
export const redoclyConfigPath = path.join(projectRoot, "redocly.yaml");
const redoclyBin = path.join(projectRoot, "node_modules", ".bin", "redocly");

/**
 * The environment every Redocly CLI run gets: telemetry and update checks would reach for the
 * network, which CI does not have.
 */
export const redoclyOffline = {
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
} as const;

/** Thrown when Redocly rejects the spec; the message is Redocly's report. */
export class RedoclyError extends Error {
  override name = "RedoclyError";
}

let config: Promise<Config> | undefined;

/** redocly.yaml, loaded once per process. */
export function redoclyConfig(): Promise<Config> {
  config ??= loadConfig({ configPath: redoclyConfigPath });
  return config;
}

/** One problem per line, as the CLI's `--format stylish` prints it: where, severity, rule, message. */
export function formatProblems(problems: readonly NormalizedProblem[]): string {
  return problems
    .map((problem) => {
      const location = problem.location[0];
      let where = "";
      if (location) {
        const file = path.relative(process.cwd(), location.source.absoluteRef);
        const { start } = getLineColLocation(location);
        where = `${file}:${start.line}:${start.col}`;
      }
      return `${where}  ${problem.severity}  ${problem.ruleId}  ${problem.message}`;
    })
    .join("\n");
}

/** Problems of every severity: recommended-strict makes each rule an error, and a warning fails too. */
export async function lintProblems(specPath: string): Promise<NormalizedProblem[]> {
  const problems = await lint({ ref: specPath, config: await redoclyConfig() });
  return problems.filter((problem) => problem.ignored !== true);
}

/** The spec and every file it references, as one document (what `redocly bundle` writes). */
export async function bundleDocument(specPath: string): Promise<unknown> {
  const result = await bundle({ ref: specPath, config: await redoclyConfig() });
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    throw new RedoclyError(`redocly bundle failed:\n${formatProblems(errors)}`);
  }
  return result.bundle.parsed;
}

/** Runs the project's Redocly CLI; throws RedoclyError with its output when it fails. */
export function runRedocly(args: string[]): string {
  const result = spawnSync(redoclyBin, args, {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, ...redoclyOffline },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw new RedoclyError(`could not run redocly: ${result.error.message}`);
  if (result.status !== 0) {
    throw new RedoclyError(`redocly ${args[0]} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}
