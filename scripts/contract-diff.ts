/**
 * `npm run contract:diff -- <spec> [--ours generated/openapi.json]`: what changed between our
 * contract for POST /auth-tokens.self.delete and the same operation in another OpenAPI document
 * (JSON or YAML, 3.0 or 3.1), typically DevRev's published spec. One line per difference;
 * exit 0 none, 1 drift, 2 unreadable input. The logic is in operation-facts.ts/compare-facts.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { compareFacts, describeDifference } from "./compare-facts.ts";
import { operationFacts, UnreadableSpecError } from "./operation-facts.ts";
import { projectRoot } from "./redocly.ts";

const method = "post";
const operationPath = "/auth-tokens.self.delete";
const operationId = "auth-tokens-self-delete";

/** Parses a document: JSON when it looks like JSON (much faster on DevRev's 1 MB), else YAML. */
export async function readSpec(file: string): Promise<Record<string, any>> {
  const text = readFileSync(file, "utf8");
  if (/^\s*\{/.test(text)) return JSON.parse(text);
  // js-yaml itself (what @redocly/openapi-core's parseYaml wraps): importing Redocly's core
  // would cost ~600 ms, most of the budget for reading DevRev's whole spec. CORE_SCHEMA keeps
  // dates such as `version: 2024-01-24` strings, as Redocly does.
  const { load, CORE_SCHEMA } = await import("js-yaml");
  const doc = load(text, { schema: CORE_SCHEMA });
  if (typeof doc !== "object" || doc === null) throw new UnreadableSpecError("not a YAML mapping");
  return doc as Record<string, any>;
}

/**
 * Runs contract:diff on `args` and resolves with its exit code; lines go to `out` and `err`.
 *
 * @example
 * ```ts
 * await contractDiff(["devrev-openapi-public.yaml"]); // 0 when nothing drifted
 * ```
 */
export async function contractDiff(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let values: { ours?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { ours: { type: "string" } },
      allowPositionals: true,
    }));
  } catch (error) {
    err(`contract:diff: ${(error as Error).message}`);
    return 2;
  }
  if (positionals.length !== 1) {
    err("usage: npm run contract:diff -- <openapi.yaml|json> [--ours <openapi.json>]");
    return 2;
  }
  const theirsFile = path.resolve(positionals[0]!);
  const oursFile = path.resolve(values.ours ?? path.join(projectRoot, "generated/openapi.json"));
  const facts = [];
  for (const file of [oursFile, theirsFile]) {
    try {
      facts.push(operationFacts(await readSpec(file), method, operationPath, operationId));
    } catch (error) {
      err(`contract:diff: cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
  }
  const [ours, theirs] = facts;
  if (!ours) {
    err(`contract:diff: ${oursFile} has no POST ${operationPath}`);
    return 2;
  }
  const where = `ours: ${path.relative(process.cwd(), oursFile)}; theirs: ${path.relative(process.cwd(), theirsFile)}`;
  if (!theirs) {
    out(
      `operation POST ${operationPath} (${operationId}): ours has it, theirs has neither the path nor the operationId`,
    );
    return 1;
  }
  const differences = compareFacts(ours, theirs);
  for (const difference of differences) out(describeDifference(difference));
  out(
    differences.length
      ? `contract:diff: ${differences.length} difference(s) (${where})`
      : `contract:diff: no drift (${where})`,
  );
  return differences.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await contractDiff(process.argv.slice(2));
}
