/**
 * Runs the project's own Redocly CLI (never a global one) so lint and bundle use the pinned
 * version and the committed redocly.yaml.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultSpecPath = path.join(projectRoot, "openapi", "devrev-auth-tokens.yaml");
const redoclyBin = path.join(projectRoot, "node_modules", ".bin", "redocly");

/** Thrown when Redocly rejects the spec; the message is Redocly's own report. */
export class RedoclyError extends Error {
  override name = "RedoclyError";
}

export function runRedocly(args: string[]): string {
  const result = spawnSync(redoclyBin, args, {
    cwd: projectRoot,
    encoding: "utf8",
    // Telemetry and update checks would reach for the network, which CI does not have.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw new RedoclyError(`could not run redocly: ${result.error.message}`);
  if (result.status !== 0) {
    throw new RedoclyError(`redocly ${args[0]} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}
