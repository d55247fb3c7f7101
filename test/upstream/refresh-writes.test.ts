// `upstream:refresh` changes the three fixtures together or not at all: a target that is not a
// file refuses the set before anything is written, and a write that fails half-way puts back
// what it replaced.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { rename as renameFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import { writeAllOrNone } from "../../scripts/upstream/write-all.ts";
import { published } from "../support/contract-diff.ts";
import { contents, refreshKit } from "../support/refresh.ts";

const { fixtures, fresh, spec } = refreshKit("devrev-refresh-writes-");

describe("upstream:refresh writes the three fixtures all or none", () => {
  it.each(Object.values(fixtureNames))(
    "a folder where %s goes: refused, nothing written",
    async (name) => {
      const dir = fixtures();
      const target = path.join(dir, name);
      rmSync(target);
      mkdirSync(target);
      const before = contents(dir);
      const next = spec((doc) => published.tokenTypes(doc).push("urn:x"));
      await expect(refreshFixtures(next, dir, "excerpt")).rejects.toThrow(
        /it is not a file.*nothing was written/,
      );
      expect(contents(dir)).toEqual(before);
    },
  );

  it.each([1, 2, 3])(
    "a rename that fails at file %i puts back the ones before it",
    async (failing) => {
      const dir = fresh("renames");
      mkdirSync(dir);
      const files = ["a", "b", "c"].map((name) => path.join(dir, name));
      writeFileSync(files[0]!, "old a");
      writeFileSync(files[2]!, "old c"); // b is new
      let renames = 0;
      const rename = async (from: string, to: string) => {
        if (++renames === failing) throw new Error("EIO: the disk failed");
        await renameFile(from, to);
      };
      await expect(
        writeAllOrNone(
          Object.fromEntries(files.map((file) => [file, "new"])),
          { [files[0]!]: "old a", [files[1]!]: undefined, [files[2]!]: "old c" },
          rename,
        ),
      ).rejects.toThrow(/EIO: the disk failed; the files already replaced were put back/);
      expect(contents(dir)).toEqual({ a: "old a", c: "old c" });
    },
  );
});
