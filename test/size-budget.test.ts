// The size budget holds what people write (the handwritten layer with openapi-fetch) and only
// reports the generated constants, which grow with the spec: DevRev adding token types must
// never fail CI, while a byte more of handwritten code still does.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  budgetBytes,
  budgetProblems,
  errorBodyMarkers,
  measureEntry,
} from "../scripts/size-budget.ts";
import { errorBodies } from "../generated/error-bodies.ts";
import { tokenTypes } from "../src/token-types.ts";
import { fakeNames } from "./support/fake-names.ts";

const constantsFile = path.resolve(import.meta.dirname, "../generated/constants.ts");
const constants = readFileSync(constantsFile, "utf8");

/** generated/constants.ts as if the spec listed `more` token types after the last one. */
function withMoreTokenTypes(more: number): string {
  const names = fakeNames();
  const last = JSON.stringify(tokenTypes.at(-1));
  const added = Array.from({ length: more }, () => JSON.stringify(names.tokenType()));
  expect(constants.split(`${last},`).length).toBeGreaterThan(1);
  return constants.replaceAll(`${last},`, `${last}, ${added.join(", ")},`);
}

describe("the size budget", () => {
  it("measures the generated constants apart from the handwritten layer", async () => {
    const report = await measureEntry();
    expect(report.total.files).toContain("generated/constants.ts");
    expect(report.handwritten.files).not.toContain("generated/constants.ts");
    expect(report.generatedGzip).toBeGreaterThan(0);
    expect(report.total.gzip).toBe(report.handwritten.gzip + report.generatedGzip);
    expect(budgetProblems(report)).toEqual([]);
  });

  it("does not fail when the spec grows: 50 token types more change only the generated part", async () => {
    const today = await measureEntry();
    const grown = await measureEntry({ generatedConstantsSource: withMoreTokenTypes(50) });
    expect(grown.generatedGzip).toBeGreaterThan(today.generatedGzip + 100);
    expect(grown.handwritten.gzip).toBe(today.handwritten.gzip);
    // Held to the ratchet whole, as before the split, this bundle would have failed CI.
    expect(grown.total.gzip).toBeGreaterThan(budgetBytes);
    expect(budgetProblems(grown)).toEqual([]);
  });

  it("still fails when the handwritten part is over the ratchet", async () => {
    const today = await measureEntry();
    const over = { ...today, handwritten: { ...today.handwritten, gzip: budgetBytes + 1 } };
    expect(budgetProblems(over).join("\n")).toMatch(/handwritten layer .* over the budget/);
  });

  it("fails when a generated module other than the constants reaches the bundle", async () => {
    // The constants as if they used the mock's error bodies: the bytes would pass as "generated".
    const importing = `${constants}\nimport { errorBodies } from "./error-bodies.ts";\nObject.assign(operations, { bodies: errorBodies });\n`;
    const report = await measureEntry({ generatedConstantsSource: importing });
    expect(report.total.files).toContain("generated/error-bodies.ts");
    expect(budgetProblems(report).join("\n")).toMatch(
      /Generated modules other than generated\/constants\.ts reached the bundle .*generated\/error-bodies\.ts/,
    );
  });

  it("fails when anything of the mock's error bodies is in the bundle, even copied into the constants", async () => {
    expect(errorBodyMarkers().length).toBeGreaterThan(0);
    const inlined = `${constants}\nObject.assign(operations, { bodies: ${JSON.stringify(errorBodies)} });\n`;
    const report = await measureEntry({ generatedConstantsSource: inlined });
    expect(report.total.files.filter((f) => f.startsWith("generated/"))).toEqual([
      "generated/constants.ts",
    ]);
    expect(budgetProblems(report).join("\n")).toMatch(
      /The mock's error bodies \(generated\/error-bodies\.ts\) reached the bundle/,
    );
  });
});
