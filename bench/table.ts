/** The one table `npm run bench` prints: each row a figure, its ratios, and the target if any. */
import { markdownTable } from "../scripts/markdown.js";

export interface Row {
  /** The row's number and what is measured, e.g. "1. HTTP, sequential". */
  section: string;
  subject: string;
  figure: string;
  ratios: string;
  target?: string;
  /** Whether the target is met; absent when the row has no target. */
  met?: boolean;
}

export function benchTable(rows: readonly Row[]): string {
  return markdownTable(
    ["Measure", "Subject", "Figure", "Ratios", "Target", "Met"],
    rows.map((row) => [
      row.section,
      row.subject,
      row.figure,
      row.ratios,
      row.target ?? "",
      row.met === undefined ? "" : row.met ? "yes" : "**no**",
    ]),
  );
}
