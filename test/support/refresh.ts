/**
 * Running `upstream:refresh` on small copies of the fixtures for the tests of test/upstream/:
 * fixtures whose whole spec is the excerpt itself (quick to read), a changed copy of DevRev's
 * excerpt written as a spec, and the check that a refused refresh left every file as it was.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import { excerpt, fixture, scratchFolder } from "./contract-diff.ts";

/**
 * The helpers, over a scratch folder of the calling test file's own (removed after it: test
 * files share loaded modules, so a folder made here once would be gone for the next file).
 */
export function refreshKit(prefix: string) {
  const scratch = scratchFolder(prefix);
  let runs = 0;
  /** A name not used before in the scratch folder. */
  const fresh = (name: string) => path.join(scratch, `${name}-${++runs}`);

  /** Fixtures whose whole spec is the excerpt itself; returns their folder. */
  function fixtures(): string {
    const dir = fresh("fixtures");
    mkdirSync(dir);
    for (const name of [fixtureNames.excerpt, fixtureNames.facts])
      cpSync(fixture(name), path.join(dir, name));
    writeFileSync(path.join(dir, fixtureNames.whole), JSON.stringify(excerpt));
    return dir;
  }

  /** A copy of the excerpt, changed, written (by `text`, JSON by default) as a spec file. */
  function spec(change: (doc: any) => void, text = (doc: any) => JSON.stringify(doc)): string {
    const doc = structuredClone(excerpt);
    change(doc);
    const file = `${fresh("spec")}.yaml`;
    writeFileSync(file, text(doc));
    return file;
  }

  /** Expects a refresh refused with `message`, the fixtures left exactly as they were. */
  async function expectRefused(file: string, message: RegExp): Promise<void> {
    const dir = fixtures();
    const before = contents(dir);
    await expect(refreshFixtures(file, dir, "excerpt")).rejects.toThrow(message);
    expect(contents(dir)).toEqual(before);
  }
  return { fresh, fixtures, spec, expectRefused };
}

/** Every entry of `dir` and what it holds (a folder as such): temporary files would show. */
export const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir).map((name) => {
      const file = path.join(dir, name);
      return [name, statSync(file).isFile() ? readFileSync(file, "utf8") : "(a folder)"];
    }),
  );

/** The facts file a refresh wrote in `dir`. */
export const factsIn = (dir: string) => readFileSync(path.join(dir, fixtureNames.facts), "utf8");
