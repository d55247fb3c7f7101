/**
 * The runtimes table of docs/runtimes.md: what a run of `npm run test:runtimes` over every
 * runtime ran, rendered from it. The run fails when the guide says something else; `--write`
 * puts this run's table in. A run with `--no-suites` checks every column but the suites', which
 * it keeps as the guide shows them.
 */
import path from "node:path";
import {
  markdownTable,
  readSection,
  writeSection,
  type MarkedSection,
} from "../../scripts/markdown.ts";
import { endedOn } from "../../scripts/node-lines.ts";
import { root } from "./binaries.ts";
import { steps } from "./scenario.ts";

export interface Row {
  runtime: string;
  version: string;
  from: string;
  scenario: string;
  suites: string;
}

/** Where the table lives: the runtimes guide, between markers only this harness writes. */
export const runtimesTable: MarkedSection = {
  file: path.join(root, "docs", "runtimes.md"),
  start: "<!-- runtimes:start (written by npm run test:runtimes -- --write) -->",
  end: "<!-- runtimes:end -->",
};

/** The table of `rows`; a Node line past its end of life says so beside its name. */
export function renderTable(rows: readonly Row[]): string {
  return markdownTable(
    [
      "Runtime",
      "Version",
      "From",
      `Scenario (${steps.length} steps + server checks)`,
      "Package suites",
    ],
    rows.map((row) => {
      const ended = row.runtime.startsWith("Node ")
        ? endedOn(Number(row.runtime.slice(5)))
        : undefined;
      const runtime = ended ? `${row.runtime} (end-of-life since ${ended})` : row.runtime;
      return [runtime, row.version, row.from, row.scenario, row.suites];
    }),
  );
}

/**
 * The "Package suites" cell of each row the file shows now, by runtime (`Node 22`, without the
 * end-of-life note): what a run that skipped the suites keeps.
 */
export function shownSuites(section: MarkedSection = runtimesTable): Map<string, string> {
  const cells = new Map<string, string>();
  for (const line of (readSection(section) ?? "").split("\n").slice(2)) {
    const columns = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (columns.length < 2) continue;
    cells.set(columns[0]!.replace(/ \(end-of-life since [^)]*\)$/, ""), columns.at(-1)!);
  }
  return cells;
}

/**
 * Compares the file's table with `rows` or, with `write`, writes them there; says what it did or
 * what is wrong. Returns whether the file now shows what ran.
 */
export function checkOrWriteTable(
  rows: readonly Row[],
  { write }: { write: boolean },
  section: MarkedSection = runtimesTable,
): boolean {
  const name = path.relative(root, section.file);
  const table = renderTable(rows);
  const current = readSection(section);
  if (current === undefined) {
    console.error(`${name} has no runtimes section (${section.start} … ${section.end}).`);
    return false;
  }
  if (write) {
    writeSection(section, table);
    console.log(`${name}: runtimes table written.`);
    return true;
  }
  if (current !== table) {
    console.error(
      `${name}: the runtimes table differs from this run; run \`npm run test:runtimes -- --write\`.\nThis run:\n${table}`,
    );
    return false;
  }
  return true;
}
