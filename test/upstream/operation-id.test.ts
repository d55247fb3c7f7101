// An operationId names one operation (OpenAPI 3.1, section 4.8.10). When DevRev's spec (or ours)
// gives ours to two, neither `contract-diff` nor `upstream:refresh` picks one: both refuse
// (exit 2 / an error), naming both places, and the fixtures are left as they were.
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import {
  contractDiffRun,
  excerpt,
  fixture,
  oursDoc,
  scratchFolder,
  writtenSpec,
} from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const scratch = scratchFolder("devrev-operation-id-");
const opPath = "/auth-tokens.self.delete";
const other = `/${fakeNames().kebab()}`;

/** Ways to give the operation's id to a second operation, and where that second one is. */
const duplicates: [string, (doc: any) => void, string][] = [
  [
    "at another path, listed after it",
    (doc) => (doc.paths[other] = structuredClone(doc.paths[opPath])),
    `POST ${other}`,
  ],
  [
    "at another path, listed before it",
    (doc) => (doc.paths = { [other]: structuredClone(doc.paths[opPath]), ...doc.paths }),
    `POST ${other}`,
  ],
  [
    "under another method on its path",
    (doc) => (doc.paths[opPath].get = structuredClone(doc.paths[opPath].post)),
    `GET ${opPath}`,
  ],
  [
    "at another path with fewer statuses (what a refresh would copy)",
    (doc) => {
      doc.paths[other] = structuredClone(doc.paths[opPath]);
      delete doc.paths[other].post.responses["429"];
    },
    `POST ${other}`,
  ],
];
const twoPlaces = (second: string) =>
  new RegExp(
    `operationId "auth-tokens-self-delete" appears at 2 places \\((POST ${opPath}, ${second}|${second}, POST ${opPath})\\)`,
  );

let files = 0;
const file = () => path.join(scratch, `spec-${++files}.json`);

describe("an operationId given to two operations", () => {
  it.each(duplicates)(
    "in their spec, %s: contract-diff exits 2 naming both",
    async (_w, change, second) => {
      const run = await contractDiffRun([writtenSpec(file(), excerpt, change)]);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toMatch(twoPlaces(second));
    },
  );

  it.each(duplicates)(
    "in ours (--ours), %s: contract-diff exits 2 naming both",
    async (_w, change, second) => {
      const ours = writtenSpec(file(), oursDoc, change);
      const run = await contractDiffRun(["--ours", ours, writtenSpec(file(), excerpt)]);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toMatch(twoPlaces(second));
    },
  );

  it.each(duplicates)(
    "in DevRev's spec, %s: upstream:refresh refuses and writes nothing",
    async (_w, change, second) => {
      const dir = path.join(scratch, `fixtures-${++files}`);
      cpSync(fixture(""), dir, { recursive: true });
      await expect(
        refreshFixtures(writtenSpec(file(), excerpt, change), dir, "excerpt"),
      ).rejects.toThrow(twoPlaces(second));
      for (const name of Object.values(fixtureNames))
        expect(readFileSync(path.join(dir, name), "utf8")).toBe(
          readFileSync(fixture(name), "utf8"),
        );
    },
  );
});
