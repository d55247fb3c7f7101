// `upstream:refresh` refuses, writing nothing, a spec it cannot copy whole: YAML aliases that
// expand past any real spec once copied out (a JSON fixture copies every one), and a $ref that
// would dangle in the excerpt (anything outside #/components, another file, a pointer to nothing).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import { assertExpandable } from "../../scripts/upstream/expansion.ts";
import { excerpt, published } from "../support/contract-diff.ts";
import { refreshKit } from "../support/refresh.ts";

const { expectRefused, fixtures, spec } = refreshKit("devrev-refresh-refusals-");

const { request, schemas, operation } = published;

/** YAML (flow style: JSON with anchors) whose "BOMB" is a chain of `depth` aliases of aliases. */
const withBomb = (depth: number) => (doc: any) => {
  const levels = Array.from({ length: depth }, (_, i) =>
    i === 0 ? `"l0": &a0 ["x", "y"]` : `"l${i}": &a${i} [*a${i - 1}, *a${i - 1}]`,
  );
  return `# a copy\n${JSON.stringify(doc).replace('"BOMB"', `{${levels.join(", ")}}`)}`;
};

describe("upstream:refresh refuses YAML aliases that expand past any real spec", () => {
  it.each([
    ["in an extension of the operation", (doc: any) => (operation(doc)["x-bomb"] = "BOMB")],
    ["in a component nothing refers to", (doc: any) => (schemas(doc)["x-unused"] = "BOMB")],
    ["at the root of the document", (doc: any) => (doc["x-bomb"] = "BOMB")],
  ])("a chain of 26 aliases of aliases %s", async (_where, place) => {
    await expectRefused(
      spec(place, withBomb(26)),
      /more than 1000000 values once its YAML aliases are copied out/,
    );
  });

  it("reads a spec that shares a few nodes by alias, as YAML authors do", async () => {
    const file = spec((doc) => (doc["x-shared"] = "BOMB"), withBomb(4));
    expect(await refreshFixtures(file, fixtures(), "excerpt")).toMatchObject({ changed: [] });
  });

  it("counts a shared node at each place it is copied to, exactly up to the budget", () => {
    // 1 object + 1 list + 10 numbers = 12 values, copied twice under a root: 25.
    const shared = { values: Array.from({ length: 10 }, (_, i) => i) };
    expect(() => assertExpandable({ a: shared, b: shared }, 25)).not.toThrow();
    expect(() => assertExpandable({ a: shared, b: shared }, 24)).toThrow(/more than 24 values/);
  });

  it("refuses a document that contains itself", () => {
    const loop: any = { a: {} };
    loop.a.back = loop;
    expect(() => assertExpandable(loop)).toThrow(/contains itself/);
  });
});

describe("upstream:refresh never writes an excerpt whose $ref would dangle", () => {
  const tokenTypeAt = (ref: string) => (doc: any) =>
    (request(doc).properties.requested_token_type = { $ref: ref });
  it.each([
    [
      "a root extension",
      (doc: any) => {
        doc["x-shared"] = { tt: { type: "string", enum: ["x"] } };
        tokenTypeAt("#/x-shared/tt")(doc);
      },
      /cannot keep \$ref "#\/x-shared\/tt" in the excerpt/,
    ],
    [
      "another path's schema",
      (doc: any) => {
        doc.paths["/other"] = {
          post: {
            requestBody: { content: { "application/json": { schema: { type: "string" } } } },
          },
        };
        tokenTypeAt("#/paths/~1other/post/requestBody/content/application~1json/schema")(doc);
      },
      /cannot keep \$ref "#\/paths\/~1other/,
    ],
    ["another file", tokenTypeAt("shared.yaml#/tt"), /cannot keep \$ref "shared\.yaml#\/tt"/],
    [
      "a pointer inside a component that names nothing",
      tokenTypeAt("#/components/schemas/error-base/properties/nope"),
      /dangling \$ref/,
    ],
  ])("refuses a reference to %s", async (_what, change, message) => {
    await expectRefused(spec(change), message);
  });

  it("keeps a reference inside a component, with the component it is in", async () => {
    const dir = fixtures();
    await refreshFixtures(
      spec(tokenTypeAt("#/components/schemas/error-base/properties/message")),
      dir,
      "excerpt",
    );
    const written = JSON.parse(readFileSync(path.join(dir, fixtureNames.excerpt), "utf8"));
    expect(written.components.schemas["error-base"]).toEqual(schemas(excerpt)["error-base"]);
  });
});
