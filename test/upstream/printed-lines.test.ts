// What `contract-diff` and `upstream:refresh` print is one line per fact, whatever the specs and
// the file names hold: every character that starts a line (a newline, a carriage return, NEL,
// the Unicode separators), rewrites one (an ANSI sequence) or shows text in another order (the
// bidirectional controls) is printed escaped, in every place a value can reach.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main as refresh } from "../../scripts/upstream-refresh.ts";
import { printable } from "../../src/cli/contract/printable.ts";
import {
  contractDiffRun,
  excerpt,
  fixture,
  scratchFolder,
  sourceFile,
  writtenSpec,
} from "../support/contract-diff.ts";
import { readSpec } from "../../src/cli/contract/document.ts";

const scratch = scratchFolder("devrev-printed-lines-");

const forgers: [string, string][] = [
  ["a newline", "\n"],
  ["a carriage return", "\r"],
  ["an ANSI sequence that erases the line", "\u001b[2K\r"],
  ["NEL (U+0085)", "\u0085"],
  ["a line separator (U+2028)", "\u2028"],
  ["a paragraph separator (U+2029)", "\u2029"],
  ["a left-to-right embedding (U+202A)", "\u202a"],
  ["a right-to-left override (U+202E)", "\u202e"],
  ["a left-to-right isolate (U+2066)", "\u2066"],
  ["a pop directional isolate (U+2069)", "\u2069"],
  ["a left-to-right mark (U+200E)", "\u200e"],
  ["a right-to-left mark (U+200F)", "\u200f"],
  ["an Arabic letter mark (U+061C)", "\u061c"],
];

/** Anything that may not reach a terminal as it is (a newline only as the end of a line). */
const unsafe =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe("printable", () => {
  it.each(forgers)("escapes %s as \\uXXXX", (_what, forger) => {
    const escaped = printable(`a${forger}b`);
    expect(escaped).not.toMatch(unsafe);
    expect(escaped).not.toContain("\n");
    expect(escaped).toMatch(/^a(\\u[0-9a-f]{4}|\[2K)+b$/);
  });

  it("leaves other text as it is: accents, CJK, emoji, a tab-free line", () => {
    for (const text of ["déjà vu", "トークン", "🔑 urn:x", 'a "quoted" \\ value'])
      expect(printable(text)).toBe(text);
  });
});

let runs = 0;
/** A name of a file that holds `forger` and a line it would forge. */
const forgedName = (forger: string, end: string) =>
  `n${++runs}${forger}contract-diff: no drift${end}`;

describe.each(forgers)("contract-diff with %s", (_what, forger) => {
  /** The command's output: exactly one summary line, nothing unescaped. */
  const expectOneSummary = (run: { stdout: string; stderr: string }) => {
    expect(run.stdout + run.stderr).not.toMatch(unsafe);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("contract-diff:"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^contract-diff: \d+ difference\(s\)/);
  };
  const tokenTypes = (doc: any) =>
    doc.components.schemas["auth-token-requested-token-type"].enum as string[];

  it("in the name of their file", async () => {
    const file = path.join(scratch, forgedName(forger, ".json"));
    writtenSpec(file, excerpt, (doc) => tokenTypes(doc).push("urn:x"));
    const run = await contractDiffRun([file]);
    expect(run.code).toBe(1);
    expectOneSummary(run);
    expect(run.stdout).toContain(printable(path.basename(file)));
  });

  it("in the name of ours (--ours)", async () => {
    const ours = writtenSpec(
      path.join(scratch, forgedName(forger, ".json")),
      await readSpec(sourceFile),
    );
    const theirs = writtenSpec(path.join(scratch, `theirs-${runs}.json`), excerpt, (doc) =>
      tokenTypes(doc).push("urn:x"),
    );
    const run = await contractDiffRun(["--ours", ours, theirs]);
    expect(run.code).toBe(1);
    expectOneSummary(run);
    expect(run.stdout).toContain(printable(path.basename(ours)));
  });

  it("in a token type and in a request field's name", async () => {
    const file = writtenSpec(path.join(scratch, `values-${++runs}.json`), excerpt, (doc) => {
      tokenTypes(doc).push(`urn:x${forger}contract-diff: no drift`);
      doc.components.schemas["auth-tokens-self-delete-request"].properties[
        `f${forger}contract-diff: no drift`
      ] = { type: "string" };
    });
    const run = await contractDiffRun([file]);
    expect(run.code).toBe(1);
    expectOneSummary(run);
    const lines = run.stdout.trimEnd().split("\n");
    // The token type, the field, the summary: the known differences apart.
    expect(lines.filter((line) => !line.startsWith("known difference:"))).toHaveLength(3);
  });
});

describe.each(forgers)("upstream:refresh with %s", (_what, forger) => {
  /** A copy of the fixtures with a small whole spec (the excerpt, quick to read). */
  const fixtures = (name = `fixtures-${++runs}`) => {
    const dir = path.join(scratch, name);
    mkdirSync(dir);
    for (const file of ["devrev-published-excerpt.json", "devrev-contract-facts.txt"])
      cpSync(fixture(file), path.join(dir, file));
    writeFileSync(path.join(dir, "devrev-openapi-public.yaml"), JSON.stringify(excerpt));
    return dir;
  };
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await refresh(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.join("")).not.toMatch(unsafe);
    expect(lines.join("\n")).not.toMatch(/^upstream:refresh: rewrote nothing/m);
    return { code, lines };
  };

  it("in a dangling $ref, which it refuses", async () => {
    const spec = writtenSpec(path.join(scratch, `dangling-${++runs}.json`), excerpt, (doc) => {
      const request = doc.paths["/auth-tokens.self.delete"].post.requestBody.content;
      request["application/json"].schema.$ref =
        `#/components/schemas/nope${forger}upstream:refresh: rewrote nothing; all good\u001b[2K`;
    });
    const { code, lines } = await run([spec, "--fixtures", fixtures()]);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^upstream:refresh: dangling \$ref .*nope\\u/)]);
  });

  it("in the fixtures' folder and in the spec's file name", async () => {
    const spec = writtenSpec(path.join(scratch, forgedName(forger, ".json")), excerpt);
    const dir = fixtures(forgedName(forger, ""));
    const { code, lines } = await run([spec, "--fixtures", dir]);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith("upstream:refresh:"))).toHaveLength(2);
    expect(lines.join("\n")).toContain(printable(path.relative(process.cwd(), spec)));
  });
});
