// The project layout in docs/development.md is what the code says now: every folder with its
// line, every module of src/, scripts/, bench/ and bin/ with the first sentence of its header.
// A module added, moved or redescribed without `npm run layout -- --write` fails here.
import { describe, expect, it } from "vitest";
import { readSection } from "../scripts/markdown.ts";
import {
  firstSentence,
  headerOf,
  layoutFile,
  layoutSection,
  renderLayout,
} from "../scripts/layout.ts";

describe("the project layout", () => {
  it(`${layoutFile} shows the layout the code gives (else: npm run layout -- --write)`, () => {
    expect(readSection(layoutSection())).toBe(renderLayout());
  });
});

describe("a module's header, read for the layout", () => {
  it("is the comment at the top of the file, block or line comments", () => {
    expect(headerOf("/**\n * The mock's core.\n */\nimport x from 'y';")).toBe("The mock's core.");
    expect(headerOf("#!/usr/bin/env node\n// The command.\nimport x from 'y';")).toBe(
      "The command.",
    );
    expect(headerOf("/**\n * Reads answers.\n */\n\nexport const max = 1;")).toBe("Reads answers.");
  });

  it("is not the comment of a declaration that follows it at once, nor absent", () => {
    expect(headerOf("/** The command name. */\nexport const programName = 'x';")).toBeUndefined();
    expect(headerOf("/** A helper. */\nfunction helper() {}")).toBeUndefined();
    expect(headerOf("import x from 'y';\n/** Late. */")).toBeUndefined();
    expect(headerOf("/**\n * The entry.\n *\n * @module x\n */\nexport { a } from './a.js';")).toBe(
      "The entry.\n\n@module x",
    );
  });

  it("gives its first sentence, whole, on one line", () => {
    expect(firstSentence("When to try again and how long to wait. `retry.ts` is pure.")).toBe(
      "When to try again and how long to wait.",
    );
    // Not at a period inside code, parentheses or an abbreviation.
    expect(
      firstSentence("Bodies (e.g. `a.b`, at most 1 KiB. Or less) read, e.g. once.\nThen more."),
    ).toBe("Bodies (e.g. `a.b`, at most 1 KiB. Or less) read, e.g. once.");
    expect(firstSentence("Two lines\nof one sentence.\n\nA second paragraph.")).toBe(
      "Two lines of one sentence.",
    );
    // A paragraph that leads into a list ends there, saying that it goes on.
    expect(firstSentence("Fails unless\n  - the tarball is right,\n  - publint is quiet.")).toBe(
      "Fails unless …",
    );
    expect(firstSentence("The entry.\n@example\nx()")).toBe("The entry.");
  });
});
