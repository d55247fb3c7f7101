// The spec changes of `npm run test:spec-changes` (test/spec-changes/), checked here in
// milliseconds so that one which no longer applies to the spec fails in `npm test`, not only in
// the long suite: each applies, adds only made-up names, and leaves the examples agreeing with
// the enums they list (what generation checks first).
import { describe, expect, it } from "vitest";
import { exampleMismatches } from "../scripts/check-examples.ts";
import { tokenTypes } from "../src/token-types.ts";
import { mutations } from "./spec-changes/mutations.ts";
import { pinnedTokenTypes } from "./spec-changes/pinned.ts";
import { readProjectSpec, root } from "./spec-changes/project-copy.ts";
import { fakeNames } from "./support/fake-names.ts";

const pinned = pinnedTokenTypes(root, tokenTypes);

describe("the spec changes of test:spec-changes", () => {
  it("keep the token types the project names, and leave others to change", () => {
    expect(pinned.size).toBeGreaterThan(0);
    expect(pinned.size).toBeLessThan(tokenTypes.length - 2);
    expect([...pinned].every((type) => (tokenTypes as readonly string[]).includes(type))).toBe(
      true,
    );
  });

  it.each(mutations.map((m) => [m.id, m] as const))(
    "%s applies to today's spec",
    (_id, mutation) => {
      const spec = readProjectSpec();
      const before = JSON.stringify(spec);
      const names = fakeNames();
      const shows = mutation.apply(spec, { names, pinned });
      expect(JSON.stringify(spec)).not.toBe(before);
      expect(exampleMismatches(spec)).toEqual([]);
      const text = JSON.stringify(spec);
      for (const expected of [...(shows.constants ?? []), ...(shows.absent ?? [])])
        expect(expected.length).toBeGreaterThan(2);
      for (const absent of shows.absent ?? []) expect(text).not.toContain(absent);
    },
  );

  it("all apply to one spec, one after another, as the suite's last run does", () => {
    const spec = readProjectSpec();
    const context = { names: fakeNames(), pinned };
    for (const mutation of mutations) mutation.apply(spec, context);
    expect(exampleMismatches(spec)).toEqual([]);
  });
});
