/**
 * `npm run mutation:scores [-- --write]`: the mutation score of each core module, read from the
 * committed report of the last run (test/mutation/stryker-incremental.json), as a table in
 * docs/development.md, so the figures people read are the ones CI holds. Without `--write` it
 * fails when the table there is not the report's.
 *
 * A mutant counts as detected when a test killed it or it ran past Stryker's timeout (a hang is
 * noticed); survivors and mutants no test reaches count against the score; mutants disabled with
 * a reason in src/, and those that do not compile, are left out, as Stryker's own score does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { markdownTable, readSection, writeSection, type MarkedSection } from "./markdown.ts";

const root = path.resolve(import.meta.dirname, "..");

/** Where the table lives. */
export const scoresSection: MarkedSection = {
  file: path.join(root, "docs/development.md"),
  start: "<!-- mutation-scores:start -->",
  end: "<!-- mutation-scores:end -->",
};

/** One module's mutants, by what became of them. */
export interface ModuleScore {
  file: string;
  detected: number;
  survived: number;
  /** Disabled by a comment in src/ that says why. */
  disabled: number;
  /** Static mutants (module-level values, run once at import), which `ignoreStatic` skips. */
  static: number;
}

interface Report {
  files: Record<string, { mutants: { status: string; statusReason?: string }[] }>;
}

const isStatic = (reason: string | undefined) => reason?.startsWith("Static mutant") === true;

/** Each mutated module's counts, by path, from a Stryker report. */
export function moduleScores(report: Report): ModuleScore[] {
  return Object.entries(report.files)
    .map(([file, { mutants }]) => {
      const count = (...statuses: string[]) =>
        mutants.filter((mutant) => statuses.includes(mutant.status)).length;
      const ignored = mutants.filter((mutant) => mutant.status === "Ignored");
      return {
        file,
        detected: count("Killed", "Timeout"),
        survived: count("Survived", "NoCoverage"),
        disabled: ignored.filter((mutant) => !isStatic(mutant.statusReason)).length,
        static: ignored.filter((mutant) => isStatic(mutant.statusReason)).length,
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const percent = (detected: number, survived: number) =>
  `${((100 * detected) / Math.max(1, detected + survived)).toFixed(1)}%`;

/** The table docs/development.md shows: a row per module, then the core as a whole. */
export function scoresTable(scores: readonly ModuleScore[]): string {
  const total = scores.reduce(
    (sum, s) => ({
      detected: sum.detected + s.detected,
      survived: sum.survived + s.survived,
      disabled: sum.disabled + s.disabled,
      static: sum.static + s.static,
    }),
    { detected: 0, survived: 0, disabled: 0, static: 0 },
  );
  const row = (name: string, s: Omit<ModuleScore, "file">) => [
    name,
    percent(s.detected, s.survived),
    String(s.detected),
    String(s.survived),
    String(s.disabled),
    String(s.static),
  ];
  return markdownTable(
    ["Module", "Score", "Detected", "Survived", "Disabled with a reason", "Static, not run"],
    [...scores.map((s) => row(`\`${s.file}\``, s)), row("**the core**", total)],
  );
}

/** The table as the committed report gives it. */
export function committedScoresTable(): string {
  const report = JSON.parse(
    readFileSync(path.join(root, "test/mutation/stryker-incremental.json"), "utf8"),
  ) as Report;
  return scoresTable(moduleScores(report));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = committedScoresTable();
  if (process.argv.includes("--write")) {
    writeSection(scoresSection, table);
    console.log("mutation:scores: wrote the table into docs/development.md.");
  } else if (readSection(scoresSection) !== table) {
    console.error(
      "mutation:scores: docs/development.md is stale: npm run mutation:scores -- --write",
    );
    process.exitCode = 1;
  } else console.log(table);
}
