// The spec changes of `npm run test:spec-changes` (test/spec-changes/), checked here in
// milliseconds so that one which no longer applies to the spec fails in `npm test`, not only in
// the long suite: each applies (or says it has nothing to act on), adds only made-up names, and
// leaves the examples agreeing with the enums they list (what generation checks first).
import { describe, expect, it } from "vitest";
import { exampleMismatches } from "../scripts/check-examples.ts";
import { tokenTypes } from "../src/token-types.ts";
import { type Expected, NotApplicable, mutations } from "./spec-changes/mutations.ts";
import { pinnedTokenTypes } from "./spec-changes/pinned.ts";
import { readProjectSpec, root } from "./spec-changes/project-copy.ts";
import { fakeNames } from "./support/fake-names.ts";

const pinned = pinnedTokenTypes(root, tokenTypes);

/** Applies `mutation`; undefined when it has nothing to act on, which only a spec whose every token type the project names may cause. */
function apply(mutation: (typeof mutations)[number], spec: any, names = fakeNames()) {
  try {
    return mutation.apply(spec, { names, pinned });
  } catch (error) {
    expect(error).toBeInstanceOf(NotApplicable);
    expect(tokenTypes.every((type) => pinned.has(type))).toBe(true);
    return undefined;
  }
}

describe("the spec changes of test:spec-changes", () => {
  it("keep only token types the contract has, those the project names", () => {
    for (const type of pinned) expect((tokenTypes as readonly string[]).includes(type)).toBe(true);
  });

  it.each(mutations.map((m) => [m.id, m] as const))(
    "%s applies to today's spec",
    (_id, mutation) => {
      const spec = readProjectSpec();
      const before = JSON.stringify(spec);
      const shows: Expected | undefined = apply(mutation, spec);
      if (!shows) return;
      expect(JSON.stringify(spec)).not.toBe(before);
      expect(exampleMismatches(spec)).toEqual([]);
      // What the suite then looks for in generated/ is in the changed spec already (JSON-quoted).
      const text = JSON.stringify(spec);
      for (const expected of [...(shows.constants ?? []), ...(shows.bundled ?? [])])
        expect(text).toContain(expected);
      for (const absent of shows.absent ?? []) expect(text).not.toContain(absent);
    },
  );

  it("all apply to one spec, one after another, as the suite's last run does", () => {
    const spec = readProjectSpec();
    const names = fakeNames();
    for (const mutation of mutations) apply(mutation, spec, names);
    expect(exampleMismatches(spec)).toEqual([]);
  });
});
