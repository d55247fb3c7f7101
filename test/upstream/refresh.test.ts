// `npm run upstream:refresh -- <DevRev spec>`: the fixtures of test/upstream/ rebuilt from a spec
// DevRev published, whole or an excerpt, YAML or JSON. Run on copies of the fixtures.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import { fakeNames } from "../support/fake-names.ts";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/fixtures");
const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-refresh-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");
const excerpt = JSON.parse(read(fixtures, fixtureNames.excerpt));
const names = fakeNames();

let copies = 0;
/** A fresh copy of the committed fixtures. */
function fixtureCopy(): string {
  const dir = path.join(scratch, `fixtures-${++copies}`);
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}
/** `doc` written as a spec file DevRev might publish. */
function specFile(name: string, doc: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}
/** The excerpt with one more path (and its schema): a whole spec in miniature, quick to read. */
function smallWhole(from = excerpt) {
  const doc = structuredClone(from);
  doc.paths["/other.thing"] = {
    post: {
      operationId: "other-thing",
      responses: {
        "200": {
          description: "Success.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/other" } } },
        },
      },
    },
  };
  doc.components.schemas.other = { type: "object", properties: { a: { type: "string" } } };
  return doc;
}
const tokenTypes = (doc: any) => doc.components.schemas["auth-token-requested-token-type"].enum;

describe("upstream:refresh", () => {
  it("changes nothing when given the published spec the fixtures hold (the whole YAML)", async () => {
    const dir = fixtureCopy();
    expect(await refreshFixtures(path.join(fixtures, fixtureNames.whole), dir)).toEqual([]);
  });

  it("changes nothing when given the published excerpt (JSON)", async () => {
    const dir = fixtureCopy();
    expect(await refreshFixtures(path.join(fixtures, fixtureNames.excerpt), dir)).toEqual([]);
  });

  it("rebuilds the excerpt and the facts from a changed whole spec, and keeps that spec", async () => {
    const dir = fixtureCopy();
    const added = names.tokenType();
    const whole = smallWhole();
    tokenTypes(whole).push(added);
    const file = specFile("next-whole.json", whole);
    const changed = await refreshFixtures(file, dir);
    expect(changed.sort()).toEqual(Object.values(fixtureNames).sort());
    expect(tokenTypes(JSON.parse(read(dir, fixtureNames.excerpt)))).toContain(added);
    expect(Object.keys(JSON.parse(read(dir, fixtureNames.excerpt)).paths)).toEqual(
      Object.keys(excerpt.paths),
    );
    const facts = read(dir, fixtureNames.facts);
    expect(facts).toMatch(new RegExp(`^auth-token-requested-token-type = .*"${added}"$`, "m"));
    // The prose of the facts stays; only what the spec says is rewritten.
    expect(facts).toContain("Known pitfall of the published spec");
    expect(facts).toContain("The page's example sends the empty object {}.");
    // A JSON spec is kept as YAML, the form DevRev publishes.
    expect(load(read(dir, fixtureNames.whole), { schema: CORE_SCHEMA })).toEqual(whole);
  });

  it("names a new status in the facts, with its body's shape", async () => {
    const dir = fixtureCopy();
    const schema = `error-${names.kebab()}`;
    const type = names.snake();
    const doc = structuredClone(excerpt);
    doc.components.schemas[schema] = {
      allOf: [
        { $ref: "#/components/schemas/error-base" },
        {
          type: "object",
          properties: { type: { type: "string", enum: [type] } },
          required: ["type"],
        },
      ],
    };
    doc.paths["/auth-tokens.self.delete"].post.responses["409"] = {
      description: "Conflict.",
      content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
    };
    await refreshFixtures(specFile("next-excerpt.json", doc), dir);
    const facts = read(dir, fixtureNames.facts);
    expect(facts).toMatch(new RegExp(`^    409  ${schema} +\\(application/json\\)$`, "m"));
    expect(facts).toContain(`${schema} = error-base AND { type: "${type}" }`);
  });

  it("from an excerpt, puts it into the whole spec so that both agree", async () => {
    const dir = fixtureCopy();
    // A whole spec in miniature stands in for the committed one (quicker to read and write).
    writeFileSync(path.join(dir, fixtureNames.whole), JSON.stringify(smallWhole()));
    const added = names.tokenType();
    const next = structuredClone(excerpt);
    tokenTypes(next).push(added);
    const changed = await refreshFixtures(specFile("excerpt.json", next), dir);
    expect(changed.sort()).toEqual(Object.values(fixtureNames).sort());
    const whole = load(read(dir, fixtureNames.whole), { schema: CORE_SCHEMA }) as any;
    expect(tokenTypes(whole)).toContain(added);
    expect(Object.keys(whole.paths)).toEqual(Object.keys(smallWhole().paths));
  });

  it("finds the operation by its operationId when DevRev moved it", async () => {
    const dir = fixtureCopy();
    writeFileSync(path.join(dir, fixtureNames.whole), JSON.stringify(smallWhole()));
    const doc = structuredClone(excerpt);
    doc.paths["/auth-tokens.self.revoke"] = doc.paths["/auth-tokens.self.delete"];
    delete doc.paths["/auth-tokens.self.delete"];
    await refreshFixtures(specFile("moved.json", doc), dir);
    expect(Object.keys(JSON.parse(read(dir, fixtureNames.excerpt)).paths)).toEqual([
      "/auth-tokens.self.revoke",
    ]);
    expect(read(dir, fixtureNames.facts)).toContain("- POST /auth-tokens.self.revoke, operationId");
  });

  it("refuses a spec without the operation, and changes nothing", async () => {
    const dir = fixtureCopy();
    const doc = structuredClone(excerpt);
    doc.paths = {};
    await expect(refreshFixtures(specFile("none.json", doc), dir)).rejects.toThrow(
      /no POST \/auth-tokens\.self\.delete and no operation "auth-tokens-self-delete"/,
    );
    for (const name of Object.values(fixtureNames))
      expect(read(dir, name)).toBe(read(fixtures, name));
  });
});
