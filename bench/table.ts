/** The one table `npm run bench` prints: each row a figure, its ratios, and the target if any. */

export interface Row {
  /** The row number and what is measured, e.g. "1. HTTP, sequential". */
  section: string;
  subject: string;
  figure: string;
  ratios: string;
  target?: string;
  /** Whether the target is met; absent when the row has no target. */
  met?: boolean;
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ["Measure", "Subject", "Figure", "Ratios", "Target", "Met"];
  const cells = rows.map((row) => [
    row.section,
    row.subject,
    row.figure,
    row.ratios,
    row.target ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "**no**",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
