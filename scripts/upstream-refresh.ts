/**
 * `npm run upstream:refresh -- <DevRev spec>`: rebuilds the copies of DevRev's published
 * contract in test/fixtures/ from a spec DevRev published (YAML or JSON, the whole spec or an
 * excerpt), so that test/upstream/ compares us with what DevRev publishes now:
 * - devrev-published-excerpt.json: our operation and everything it refers to (excerpt.ts);
 * - devrev-contract-facts.txt: the facts of that excerpt (facts-text.ts), prose kept;
 * - devrev-openapi-public.yaml: the whole spec, when one was given; from an excerpt, the
 *   previous whole spec with that operation and its components replaced, so both agree.
 *
 * Our operation is the one the client calls: its operationId, method and path come from the
 * generated constants (found in DevRev's spec by that operationId first, so another operation on
 * the same path is never taken for it, then by its method and path).
 *
 * Whole or excerpt: `--whole` or `--excerpt` says; without either, a spec is read as the whole
 * one when it has at least half as many paths as the whole-spec fixture (or there is none yet),
 * else as an excerpt. Which it was read as, and why, is printed; the whole-spec fixture is
 * replaced by a spec with fewer than half its paths only with `--whole`, and then said so.
 * Prints which fixtures changed, and what to do next.
 *
 * It never writes wrong or half fixtures: the three are written all or none (write-all.ts), and
 * a spec is refused, nothing written, when the excerpt could not be whole (a `$ref` outside
 * `#/components`, a dangling one), when its facts could not be said (facts-shapes.ts), when our
 * operationId names two operations, or when YAML aliases would expand it past any real size.
 *
 * Usage: npm run upstream:refresh -- <spec.yaml|json> [--whole | --excerpt] [--fixtures <dir>]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { operations } from "../generated/constants.ts";
import { type Node, parseSpec, readSpec } from "../src/cli/contract/document.ts";
import { printable } from "../src/cli/contract/printable.ts";
import { formatAs } from "./format.ts";
import { selfDelete } from "./handwritten-assumptions.ts";
import { projectRoot } from "./redocly.ts";
import { publishedExcerpt, type OperationRef } from "./upstream/excerpt.ts";
import { assertExpandable } from "./upstream/expansion.ts";
import { type ReadAs, decide, pathCount, spliced, toYaml } from "./upstream/whole-spec.ts";
import { writeAllOrNone } from "./upstream/write-all.ts";
import { factsText } from "./upstream/facts-text.ts";

/** The fixture files, by what they hold. */
export const fixtureNames = {
  excerpt: "devrev-published-excerpt.json",
  facts: "devrev-contract-facts.txt",
  whole: "devrev-openapi-public.yaml",
} as const;

/** The operation the client calls, as the generated constants place it. */
export const ourOperation: OperationRef = {
  operationId: selfDelete.operationId,
  method: operations[selfDelete.operationId].method,
  path: operations[selfDelete.operationId].path,
};

export type { ReadAs } from "./upstream/whole-spec.ts";

/** What a refresh did. */
export interface Refreshed {
  /** The fixture files rewritten. */
  changed: string[];
  /** How the spec was read, and why, as printed. */
  readAs: "whole" | "excerpt";
  why: string;
  /** Anything a maintainer must know about what was replaced. */
  notes: string[];
}

/** A fixture's text; undefined when there is none (or no file to read there). */
const readText = (file: string) =>
  readFile(file, "utf8").catch((): string | undefined => undefined);
/**
 * Rebuilds the fixtures in `fixtures` from `specFile`: which changed, how the spec was read
 * (whole or excerpt) and why, and any note on what was replaced.
 *
 * @example
 * ```ts
 * await refreshFixtures("devrev-openapi-public.yaml", "test/fixtures");
 * ```
 */
export async function refreshFixtures(
  specFile: string,
  fixtures: string,
  readAs: ReadAs = "rule",
): Promise<Refreshed> {
  const operation = ourOperation;
  const given = await readSpec(specFile);
  // Before anything walks it or writes it out: a YAML alias bomb would hang both.
  assertExpandable(given);
  const excerpt = publishedExcerpt(given, operation);
  const file = (name: string) => path.join(fixtures, name);
  const before = Object.fromEntries(
    await Promise.all(
      Object.values(fixtureNames).map(async (name) => [name, await readText(file(name))] as const),
    ),
  );
  const previous = before[fixtureNames.whole]
    ? await parseSpec(before[fixtureNames.whole]!)
    : undefined;
  const { whole, why } = decide(readAs, given, previous);
  const notes: string[] = [];
  const givenText = (await readFile(specFile, "utf8")).replace(/^\uFEFF/, "");
  let wholeText: string;
  if (whole) {
    if (previous && pathCount(given) * 2 < pathCount(previous))
      notes.push(
        `the whole-spec fixture shrinks from ${pathCount(previous)} paths to ${pathCount(given)}`,
      );
    // DevRev's own YAML as it is; a JSON spec written as YAML, as DevRev publishes it.
    wholeText = /^\s*\{/.test(givenText) ? toYaml(given) : givenText;
  } else {
    const base = previous ?? {
      openapi: excerpt.openapi,
      info: excerpt.info,
      paths: {},
      components: {},
    };
    const next = spliced(base, excerpt, operation);
    // Nothing new in the excerpt: the whole spec stays as DevRev wrote it, not re-dumped.
    wholeText =
      previous && JSON.stringify(next) === JSON.stringify(previous)
        ? before[fixtureNames.whole]!
        : toYaml(next);
  }
  const after: Record<string, string> = {
    [fixtureNames.excerpt]: await formatAs(fixtureNames.excerpt, JSON.stringify(excerpt, null, 2)),
    [fixtureNames.facts]: factsText(excerpt, before[fixtureNames.facts] ?? ""),
    [fixtureNames.whole]: wholeText,
  };
  const changed = Object.keys(after).filter((name) => before[name] !== after[name]);
  // All or none: fixtures that disagree with each other would pass for a refresh.
  await writeAllOrNone(
    Object.fromEntries(changed.map((name) => [file(name), after[name]!])),
    Object.fromEntries(changed.map((name) => [file(name), before[name]])),
  );
  return { changed, readAs: whole ? "whole" : "excerpt", why, notes };
}

/** Where `main` prints: stdout and stderr, one line per call. */
export interface Console {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs the command with its arguments; resolves with the exit code (0 done, 2 usage or a spec
 * it refuses). Every line is printed escaped (printable.ts): a value of the spec (a `$ref` in an
 * error, say) or a file name cannot forge a line such as "rewrote nothing".
 *
 * @example
 * ```ts
 * await main(["devrev-openapi-public.yaml"]); // 0
 * ```
 */
export async function main(
  args: string[],
  console: Console = {
    out: (line) => globalThis.console.log(line),
    err: (line) => globalThis.console.error(line),
  },
): Promise<number> {
  const out = (line: string) => console.out(printable(line));
  const err = (line: string) => console.err(printable(line));
  const usage =
    "usage: npm run upstream:refresh -- <DevRev spec: YAML or JSON> [--whole | --excerpt] [--fixtures <dir>]";
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        fixtures: { type: "string", default: path.join(projectRoot, "test/fixtures") },
        whole: { type: "boolean", default: false },
        excerpt: { type: "boolean", default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    err(`upstream:refresh: ${(error as Error).message}`);
    err(usage);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || (values.whole && values.excerpt)) {
    err(usage);
    return 2;
  }
  const spec = path.resolve(positionals[0]!);
  let refreshed: Refreshed;
  try {
    refreshed = await refreshFixtures(
      spec,
      path.resolve(values.fixtures!),
      values.whole ? "whole" : values.excerpt ? "excerpt" : "rule",
    );
  } catch (error) {
    err(`upstream:refresh: ${(error as Error).message}`);
    return 2;
  }
  const { changed, readAs, why, notes } = refreshed;
  const where = path.relative(process.cwd(), path.resolve(values.fixtures!)) || ".";
  out(
    `upstream:refresh: read as ${readAs === "whole" ? "DevRev's whole spec" : "an excerpt, put into the whole-spec fixture"}: ${why}`,
  );
  for (const note of notes) out(`upstream:refresh: note: ${note}`);
  out(
    changed.length
      ? `upstream:refresh: rewrote ${changed.map((name) => path.join(where, name)).join(", ")}`
      : `upstream:refresh: ${where} already holds this spec; nothing changed`,
  );
  out("Next:");
  out(
    `  npm run contract:diff -- ${path.relative(process.cwd(), spec)}   # what changed, one line each`,
  );
  out("  edit openapi/devrev-auth-tokens.yaml, then: npm run generate && npm test");
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
