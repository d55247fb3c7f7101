// The names tests add to copies of a spec are made up so that they never meet a name DevRev uses
// or will use: a test that added "…:agent" (DevRev's likely next token type) would fail on a
// duplicated enum value the day our spec follows DevRev and has it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenTypes } from "../src/token-types.ts";
import { fakeNames, specFiles } from "./support/fake-names.ts";

const specs = specFiles.map((file) => readFileSync(file, "utf8").toLowerCase());

describe("fake names for spec changes", () => {
  it("occur, in any case, in neither our spec nor DevRev's published one", () => {
    const names = fakeNames();
    const made = [names.tokenType(), names.snake(), names.kebab(), names.stem];
    for (const name of made) {
      for (const spec of specs) expect(spec.includes(name.toLowerCase()), name).toBe(false);
    }
    expect(new Set(made).size).toBe(made.length);
  });

  it("draw again when a spec already uses the stem drawn", () => {
    const draws = ["00c0ffee", "0badf00d"];
    const names = fakeNames(["… zFake00C0FFEE-1 …"], () => draws.shift()!);
    expect(names.stem).toBe("zfake0badf00d");
  });

  it("never duplicate a token type the spec has, whatever DevRev adds next", () => {
    // Our spec after following DevRev's next release, which adds the names tests once invented.
    const next = [...new Set([...tokenTypes, "urn:devrev:params:oauth:token-type:agent"])];
    const names = fakeNames([...specs, next.join("\n")]);
    const withFake = [...next, names.tokenType(), names.tokenType()];
    expect(new Set(withFake).size).toBe(withFake.length);
  });

  it("gives up rather than loop when every stem is taken", () => {
    expect(() => fakeNames(["zfake00000000"], () => "00000000")).toThrow(/no fake name stem/);
  });
});
