/**
 * `npm run upstream:refresh -- <DevRev spec>`: rebuilds the copies of DevRev's published
 * contract in test/fixtures/ from a spec DevRev published (YAML or JSON, the whole spec or an
 * excerpt), so that test/upstream/ compares us with what DevRev publishes now:
 * - devrev-published-excerpt.json: our operation and everything it refers to (excerpt.ts);
 * - devrev-contract-facts.txt: the facts of that excerpt (facts-text.ts), prose kept;
 * - devrev-openapi-public.yaml: the whole spec, when one was given; from an excerpt, the
 *   previous whole spec with that operation and its components replaced, so both agree.
 *
 * Our operation is the one in openapi/ (found in DevRev's spec by its operationId when the path
 * or the method changed). Prints which fixtures changed, and what to do next.
 *
 * Usage: npm run upstream:refresh -- <spec.yaml|json> [--fixtures <dir>]
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { type Node, httpMethods, readSpec } from "../src/cli/contract/document.ts";
import { findOperation } from "../src/cli/contract/operation-facts.ts";
import { formatAs } from "./format.ts";
import { defaultSpecPath, projectRoot } from "./redocly.ts";
import { publishedExcerpt, type OperationRef } from "./upstream/excerpt.ts";
import { factsText } from "./upstream/facts-text.ts";

/** The fixture files, by what they hold. */
export const fixtureNames = {
  excerpt: "devrev-published-excerpt.json",
  facts: "devrev-contract-facts.txt",
  whole: "devrev-openapi-public.yaml",
} as const;

/** Our operation, as openapi/ defines it. */
async function ourOperation(specPath: string): Promise<OperationRef> {
  const ours = await readSpec(specPath);
  const found = Object.entries<Node>(ours.paths ?? {}).flatMap(([where, item]) =>
    httpMethods
      .filter((method) => item?.[method])
      .map((method) => ({ method, path: where, operationId: String(item[method].operationId) })),
  );
  if (found.length !== 1)
    throw new Error(`${specPath} defines ${found.length} operations; the fixtures hold one`);
  return found[0]!;
}

const readText = (file: string) => readFile(file, "utf8").catch(() => "");
const toYaml = (doc: Node) => dump(doc, { lineWidth: -1, noRefs: true });

/** The whole spec with the operation and the components of `excerpt` put in place of the old. */
function spliced(whole: Node, excerpt: Node, operation: OperationRef): Node {
  const result = structuredClone(whole);
  const old = findOperation(result, operation.method, operation.path, operation.operationId);
  // Where the path is unchanged it is replaced in place, so the document keeps its order.
  if (old && !(old.path in excerpt.paths)) delete result.paths[old.path];
  Object.assign((result.paths ??= {}), excerpt.paths);
  for (const [kind, entries] of Object.entries<Node>(excerpt.components ?? {}))
    Object.assign(((result.components ??= {})[kind] ??= {}), entries);
  for (const key of ["openapi", "info", "servers", "security"])
    if (excerpt[key] !== undefined) result[key] = excerpt[key];
  return result;
}

/**
 * Rebuilds the fixtures in `fixtures` from `specFile`; returns the names of those that changed.
 *
 * @example
 * ```ts
 * await refreshFixtures("devrev-openapi-public.yaml", "test/fixtures");
 * ```
 */
export async function refreshFixtures(
  specFile: string,
  fixtures: string,
  ourSpec: string = defaultSpecPath,
): Promise<string[]> {
  const operation = await ourOperation(ourSpec);
  const given = await readSpec(specFile);
  const excerpt = publishedExcerpt(given, operation);
  const isWhole = Object.keys(given.paths ?? {}).length > Object.keys(excerpt.paths).length;
  const file = (name: string) => path.join(fixtures, name);
  const before = Object.fromEntries(
    await Promise.all(
      Object.values(fixtureNames).map(async (name) => [name, await readText(file(name))] as const),
    ),
  );
  const givenText = await readFile(specFile, "utf8");
  let wholeText: string;
  if (isWhole) {
    // DevRev's own YAML as it is; a JSON spec written as YAML, as DevRev publishes it.
    wholeText = /^\s*\{/.test(givenText) ? toYaml(given) : givenText;
  } else {
    const previous = before[fixtureNames.whole]
      ? (load(before[fixtureNames.whole]!, { schema: CORE_SCHEMA }) as Node)
      : { openapi: excerpt.openapi, info: excerpt.info, paths: {}, components: {} };
    const next = spliced(previous, excerpt, operation);
    // Nothing new in the excerpt: the whole spec stays as DevRev wrote it, not re-dumped.
    wholeText =
      JSON.stringify(next) === JSON.stringify(previous)
        ? before[fixtureNames.whole]!
        : toYaml(next);
  }
  const after: Record<string, string> = {
    [fixtureNames.excerpt]: await formatAs(fixtureNames.excerpt, JSON.stringify(excerpt, null, 2)),
    [fixtureNames.facts]: factsText(excerpt, before[fixtureNames.facts] ?? ""),
    [fixtureNames.whole]: wholeText,
  };
  const changed: string[] = [];
  for (const [name, text] of Object.entries(after)) {
    if (before[name] === text) continue;
    await writeFile(file(name), text);
    changed.push(name);
  }
  return changed;
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { fixtures: { type: "string", default: path.join(projectRoot, "test/fixtures") } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error(
      "usage: npm run upstream:refresh -- <DevRev spec: YAML or JSON, whole or excerpt>",
    );
    return 2;
  }
  const spec = path.resolve(positionals[0]!);
  let changed: string[];
  try {
    changed = await refreshFixtures(spec, path.resolve(values.fixtures!));
  } catch (error) {
    console.error(`upstream:refresh: ${(error as Error).message}`);
    return 2;
  }
  const where = path.relative(process.cwd(), path.resolve(values.fixtures!)) || ".";
  console.log(
    changed.length
      ? `upstream:refresh: rewrote ${changed.map((name) => path.join(where, name)).join(", ")}`
      : `upstream:refresh: ${where} already holds this spec; nothing changed`,
  );
  console.log(
    [
      "Next:",
      `  npm run contract:diff -- ${path.relative(process.cwd(), spec)}   # what changed, one line each`,
      "  edit openapi/devrev-auth-tokens.yaml, then: npm run generate && npm test",
    ].join("\n"),
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
