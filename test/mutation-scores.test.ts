// The mutation scores people read in docs/development.md are the committed report's, and the
// way they are counted is Stryker's: a timeout is detected, a survivor or an uncovered mutant is
// not, a disabled one is left out.
import { describe, expect, it } from "vitest";
import {
  committedScoresTable,
  moduleScores,
  scoresSection,
  scoresTable,
} from "../scripts/mutation-scores.ts";
import { readSection } from "../scripts/markdown.ts";

describe("the mutation scores in docs/development.md", () => {
  it("are the committed report's (else: npm run mutation:scores -- --write)", () => {
    expect(readSection(scoresSection)).toBe(committedScoresTable());
  });

  it("count killed and timed-out mutants as detected, survivors and uncovered ones against", () => {
    const statuses = ["Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError"];
    const staticOne = {
      status: "Ignored",
      statusReason: 'Static mutant (and "ignoreStatic" was enabled)',
    };
    const scores = moduleScores({
      files: {
        "src/b.ts": { mutants: [...statuses.map((status) => ({ status })), staticOne] },
        "src/a.ts": { mutants: [] },
      },
    });
    expect(scores).toEqual([
      { file: "src/a.ts", detected: 0, survived: 0, disabled: 0, static: 0 },
      { file: "src/b.ts", detected: 2, survived: 2, disabled: 1, static: 1 },
    ]);
    expect(scoresTable(scores)).toMatch(/^\| \*\*the core\*\* +\| 50\.0% /m);
  });
});
