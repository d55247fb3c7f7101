// How `contract-diff` reads a document before comparing: media types compared as RFC 9110 says
// (type and subtype case-insensitive, parameters as written), a path item given by reference
// (OpenAPI 3.1), a YAML flow mapping that starts with a brace like JSON, and an `openapi`
// version written as a number, refused with a message that says what to write instead.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureNames, refreshFixtures } from "../../scripts/upstream-refresh.ts";
import {
  changedExcerpt,
  contractDiffRun,
  drift,
  excerpt,
  published,
  scratchFolder,
} from "../support/contract-diff.ts";
import { refreshKit } from "../support/refresh.ts";

const { fixtures } = refreshKit("devrev-contract-diff-reading-");

const scratch = scratchFolder("devrev-contract-reading-");
const { operation, tokenTypes } = published;
const opPath = "/auth-tokens.self.delete";
let files = 0;
const file = (text: string) => {
  const name = path.join(scratch, `spec-${++files}.yaml`);
  writeFileSync(name, text);
  return name;
};

describe("contract-diff: media types", () => {
  const requestAs = (type: string) => (doc: any) => {
    const content = operation(doc).requestBody.content;
    content[type] = content["application/json"];
    delete content["application/json"];
  };
  const errorAs = (type: string) => (doc: any) => {
    const content = doc.components.responses["too-many-requests"].content;
    content[type] = content["application/json"];
    delete content["application/json"];
  };
  it.each([
    ["a request body as Application/JSON", requestAs("Application/JSON"), []],
    ["a request body as APPLICATION/JSON", requestAs("APPLICATION/JSON"), []],
    ["an error body as Application/Json", errorAs("Application/Json"), []],
    [
      "a request body with a charset parameter (a parameter is compared as written)",
      requestAs("application/json; charset=utf-8"),
      [
        "request body media type application/json: ours has it, theirs does not",
        "request body media type application/json; charset=utf-8: theirs has it, ours does not",
      ],
    ],
    [
      "a request body as Text/Plain",
      requestAs("Text/Plain"),
      [
        "request body media type application/json: ours has it, theirs does not",
        "request body media type text/plain: theirs has it, ours does not",
      ],
    ],
  ])("compares the type and subtype case-insensitively: %s", (_what, change, expected) => {
    expect(drift(changedExcerpt(change))).toEqual(expected);
  });
});

describe("contract-diff: a path item given by reference (OpenAPI 3.1)", () => {
  const byReference = (doc: any) => {
    doc.openapi = "3.1.0";
    doc.components.pathItems = { "self-delete": doc.paths[opPath] };
    doc.paths[opPath] = { $ref: "#/components/pathItems/self-delete" };
  };

  it("finds the operation there: no drift", () => {
    expect(drift(changedExcerpt(byReference))).toEqual([]);
  });

  it("compares what the referenced item holds", () => {
    const doc = changedExcerpt((doc) => {
      byReference(doc);
      operation({ paths: { [opPath]: doc.components.pathItems["self-delete"] } }).deprecated = true;
    });
    expect(drift(doc)).toEqual(["operation deprecated: ours no, theirs yes"]);
  });

  it("is copied by upstream:refresh as the path item it refers to", async () => {
    const dir = fixtures();
    const spec = file(JSON.stringify(changedExcerpt(byReference)));
    await refreshFixtures(spec, dir, "excerpt");
    const written = JSON.parse(readFileSync(path.join(dir, fixtureNames.excerpt), "utf8"));
    expect(Object.keys(written.paths[opPath])).toContain("post");
  });
});

describe("contract-diff: a YAML flow mapping that starts with a brace", () => {
  // JSON with its keys unquoted: YAML, not JSON.
  const flow = (doc: unknown) =>
    JSON.stringify(doc).replace(/"(openapi|info|paths|components|servers|security)":/g, "$1: ");
  it.each([
    ["the excerpt", excerpt, 0],
    [
      "the excerpt with a token type added",
      changedExcerpt((doc) => tokenTypes(doc).push("urn:x")),
      1,
    ],
  ])("reads %s", async (_what, doc, code) => {
    const run = await contractDiffRun([file(flow(doc))]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(code);
  });

  it("still refuses a file that is neither JSON nor YAML (exit 2)", async () => {
    const run = await contractDiffRun([file('{"openapi": "3.0.3", "paths": {')]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/^contract-diff: cannot read /);
  });
});

describe("contract-diff: an openapi version written as a number", () => {
  it.each([
    ["3.1 in YAML", "openapi: 3.1\npaths: {}\n", "3.1"],
    ["3 in YAML", "openapi: 3\npaths: {}\n", "3"],
    ["3.0 in JSON (the number 3)", '{"openapi": 3.0, "paths": {}}', "3"],
  ])("refuses %s, saying to write a string", async (_what, text, number) => {
    const run = await contractDiffRun([file(text)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `its \`openapi\` field is the number ${number}, not a version string`,
    );
    expect(run.stderr).not.toContain("only OpenAPI 3.0 and 3.1 are");
  });
});
