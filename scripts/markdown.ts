/**
 * Markdown that scripts write into the project's documents: a table laid out as prettier leaves
 * it (each column padded to its widest cell), and a section between two marker comments that a
 * script owns. The file is a parameter: a guide of docs/ (the runtimes table, the benchmark's, the
 * project layout), or the README just as well.
 *
 * @example
 * const runtimes = { file: "docs/runtimes.md", start: "<!-- runtimes:start -->", end: "<!-- runtimes:end -->" };
 * const table = markdownTable(["Runtime", "Version"], [["Bun", "1.4.5"]]);
 * if (readSection(runtimes) !== table) writeSection(runtimes, table);
 */
import { readFileSync, writeFileSync } from "node:fs";

/** A table with a header row, every column as wide as its widest cell. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}

/** A part of a Markdown file that a script writes: the text between two marker lines. */
export interface MarkedSection {
  /** The Markdown file that holds it. */
  file: string;
  /** The comment that opens it, e.g. `<!-- bench:start -->`. */
  start: string;
  /** The comment that closes it, e.g. `<!-- bench:end -->`. */
  end: string;
}

/** Where the section's text lies in `text`; undefined when a marker is missing or misplaced. */
function locate(
  text: string,
  { start, end }: MarkedSection,
): { from: number; to: number } | undefined {
  const at = text.indexOf(start);
  const to = text.indexOf(end);
  return at < 0 || to < at ? undefined : { from: at + start.length, to };
}

/** The section's text, trimmed; undefined when the file lacks its markers. */
export function readSection(section: MarkedSection): string | undefined {
  const text = readFileSync(section.file, "utf8");
  const place = locate(text, section);
  return place && text.slice(place.from, place.to).trim();
}

/** Puts `content` between the section's markers, a blank line either side; throws without them. */
export function writeSection(section: MarkedSection, content: string): void {
  const text = readFileSync(section.file, "utf8");
  const place = locate(text, section);
  if (!place)
    throw new Error(`${section.file} lacks the ${section.start} … ${section.end} markers`);
  writeFileSync(
    section.file,
    `${text.slice(0, place.from)}\n\n${content}\n\n${text.slice(place.to)}`,
  );
}
