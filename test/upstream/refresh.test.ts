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
const opPath = "/auth-tokens.self.delete";
const parsed = (yaml: string) => load(yaml, { schema: CORE_SCHEMA }) as any;

describe("upstream:refresh", () => {
  it("changes nothing when given the published spec the fixtures hold (the whole YAML)", async () => {
    const dir = fixtureCopy();
    const refreshed = await refreshFixtures(path.join(fixtures, fixtureNames.whole), dir);
    expect(refreshed).toMatchObject({ changed: [], readAs: "whole", notes: [] });
  });

  it("changes nothing when given the published excerpt (JSON)", async () => {
    const dir = fixtureCopy();
    const refreshed = await refreshFixtures(path.join(fixtures, fixtureNames.excerpt), dir);
    expect(refreshed).toMatchObject({ changed: [], readAs: "excerpt", notes: [] });
    expect(refreshed.why).toMatch(/fewer than half, so an excerpt/);
  });

  it("rebuilds the excerpt and the facts from a changed whole spec, and keeps that spec", async () => {
    const dir = fixtureCopy();
    const added = names.tokenType();
    const whole = smallWhole();
    tokenTypes(whole).push(added);
    const file = specFile("next-whole.json", whole);
    // A whole spec in miniature: --whole says it is one (it replaces the fixture, and says so).
    const { changed, readAs, notes } = await refreshFixtures(file, dir, "whole");
    expect(readAs).toBe("whole");
    expect(notes).toEqual([
      expect.stringMatching(/^the whole-spec fixture shrinks from \d+ paths to 2$/),
    ]);
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
    const { changed } = await refreshFixtures(specFile("excerpt.json", next), dir, "excerpt");
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
    await refreshFixtures(specFile("moved.json", doc), dir, "excerpt");
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

  it("takes the operation by its operationId, not another method on its path listed first", async () => {
    const dir = fixtureCopy();
    const doc = structuredClone(excerpt);
    const listId = `${names.kebab()}-list`;
    doc.paths[opPath] = {
      get: { operationId: listId, summary: "List", responses: { "200": { description: "ok" } } },
      ...doc.paths[opPath],
    };
    await refreshFixtures(specFile("get-first.json", doc), dir);
    const written = JSON.parse(read(dir, fixtureNames.excerpt));
    expect(Object.keys(written.paths[opPath])).toEqual(["post"]);
    const facts = read(dir, fixtureNames.facts);
    expect(facts).toContain(`- POST ${opPath}, operationId "auth-tokens-self-delete"`);
    expect(facts).not.toContain(listId);
  });

  it("takes the operation by its operationId even when another one took its path and method", async () => {
    const dir = fixtureCopy();
    const doc = structuredClone(excerpt);
    const moved = `/${names.kebab()}.revoke`;
    doc.paths[moved] = doc.paths[opPath];
    doc.paths[opPath] = {
      post: {
        operationId: names.kebab(),
        summary: "Else",
        responses: { "200": { description: "ok" } },
      },
    };
    await refreshFixtures(specFile("taken.json", doc), dir, "excerpt");
    expect(Object.keys(JSON.parse(read(dir, fixtureNames.excerpt)).paths)).toEqual([moved]);
  });

  it("reads an excerpt with a few extra paths as an excerpt: the whole-spec fixture keeps its paths", async () => {
    const dir = fixtureCopy();
    const before = parsed(read(dir, fixtureNames.whole));
    const refreshed = await refreshFixtures(specFile("extra.json", smallWhole()), dir);
    expect(refreshed.readAs).toBe("excerpt");
    expect(refreshed.why).toMatch(/^2 path\(s\); the whole-spec fixture has \d+: fewer than half/);
    expect(Object.keys(parsed(read(dir, fixtureNames.whole)).paths)).toEqual(
      Object.keys(before.paths),
    );
  });

  it("keeps every component the operation refers to, transitively: examples, parameters, headers", async () => {
    const dir = fixtureCopy();
    const doc = structuredClone(excerpt);
    const [example, parameter, header] = [names.kebab(), names.kebab(), names.kebab()];
    doc.paths[opPath].parameters = [{ $ref: `#/components/parameters/${parameter}` }];
    doc.components.parameters = {
      [parameter]: {
        name: "X-DevRev-Version",
        in: "header",
        schema: { type: "string" },
        examples: { v: { $ref: `#/components/examples/${example}` } },
      },
    };
    doc.components.examples = { [example]: { value: "2024-01-24" } };
    doc.components.responses.forbidden.headers = {
      "X-Request-Id": { $ref: `#/components/headers/${header}` },
    };
    doc.components.headers = { [header]: { schema: { type: "string" } } };
    await refreshFixtures(specFile("refs.json", doc), dir, "excerpt");
    const written = JSON.parse(read(dir, fixtureNames.excerpt));
    expect(written.components.parameters).toEqual(doc.components.parameters);
    expect(written.components.examples).toEqual(doc.components.examples);
    expect(written.components.headers).toEqual(doc.components.headers);
    expect(written.paths[opPath].parameters).toEqual(doc.paths[opPath].parameters);
  });

  it("reads a JSON spec that starts with a byte order mark", async () => {
    const dir = fixtureCopy();
    const file = path.join(scratch, "bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify(excerpt)}`);
    expect(await refreshFixtures(file, dir)).toMatchObject({ changed: [], readAs: "excerpt" });
  });
});
