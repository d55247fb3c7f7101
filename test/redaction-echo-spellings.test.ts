// Every spelling of an echo is hidden for a secret too short to be looked for in pieces, so each
// decoding is what finds it (a long token's pieces would mask a decoding that is missing), and
// the text around it comes back exactly.
import { describe, expect, it } from "vitest";
import { redactedMark, redactor } from "../src/redact.ts";
import { echoesOf, foundIn } from "./support/encodings.ts";

// 21 characters (under the 24 of a piece): `/`, `+` and `=` inside and `==` padding at the end;
// its base64 holds both `+` and `/`, so its base64url differs from it.
const secret = "tok/en+one=two>>>??==";
const scrub = redactor([secret]);

describe("a short secret's echoes", () => {
  it("the secret's base64 holds + and / (so this file tests base64url too)", () => {
    expect(Buffer.from(secret).toString("base64")).toMatch(/\+.*\//);
  });

  it.each(echoesOf(secret).map((echo) => [echo]))("hides the echo %s", (echo) => {
    const scrubbed = scrub(`before ${echo} after`);
    expect(foundIn(scrubbed.replace(/\r\n/g, ""), secret)).toBeUndefined();
    expect(scrubbed).toContain(redactedMark);
    expect(scrubbed.startsWith("before ")).toBe(true);
    expect(scrubbed.endsWith(" after")).toBe(true);
  });

  it.each([
    ["percent-encoded", "tok%2Fen%2Bone%3Dtwo%3E%3E%3E%3F%3F%3D%3D"],
    ["HTML-escaped (decimal)", "tok&#47;en&#43;one&#61;two&#62;&#62;&#62;??&#61;&#61;"],
    ["HTML-escaped (named)", "tok&sol;en&plus;one&equals;two>>>??&equals;&equals;"],
    ["JSON-escaped", "tok\\/en\\u002bone\\u003dtwo>>>??=="],
    ["quoted-printable", "tok/en+one=3Dtwo>>>??=3D=3D"],
    ["without its padding", "tok/en+one=two>>>??"],
    ["percent-encoded twice", "tok%252Fen%252Bone%253Dtwo>>>??%253D%253D"],
    ["with % written as an HTML escape", "tok&percnt;2Fen&percnt;2Bone=two>>>??=="],
    ["HTML-escaped then percent-encoded twice", "tok%2526%2523x2F%253Ben+one=two>>>??=="],
    ["form-decoded (a space for each +)", "tok/en one=two>>>??=="],
  ])("replaces the %s echo exactly where it stood", (_, echo) => {
    expect(scrub(`echo: ${echo} (end)`)).toBe(`echo: ${redactedMark} (end)`);
  });

  it("replaces a form-decoded echo exactly in a text where every view is decoded", () => {
    // A line break, and an escape of every kind at every layer: no view is the text as it stands.
    const around = "line\r\n&amp; %2541 %2526amp; =41";
    expect(scrub(`${around} echo: tok/en one=two>>>??== (end)`)).toBe(
      `${around} echo: ${redactedMark} (end)`,
    );
  });

  it("hides a base64 echo that a line break cuts in two (\\r\\n, \\n or \\r)", () => {
    const encoded = Buffer.from(`Bearer ${secret}`).toString("base64");
    const half = encoded.length >> 1;
    for (const br of ["\r\n", "\n", "\r"]) {
      const scrubbed = scrub(`Authorization: ${encoded.slice(0, half)}${br}${encoded.slice(half)}`);
      expect(foundIn(scrubbed.replaceAll(br, ""), secret)).toBeUndefined();
      expect(scrubbed).toContain(redactedMark);
    }
  });

  it("hides a base64url echo of the secret inside a longer value at each alignment", () => {
    for (const carrier of [secret, `x${secret}`, `xy${secret}`]) {
      const encoded = Buffer.from(carrier).toString("base64url");
      expect(encoded).toMatch(/[-_]/);
      expect(foundIn(scrub(`id=${encoded};`), secret)).toBeUndefined();
    }
  });
});

describe("escapes that are no character", () => {
  it("leaves escapes it cannot read exactly as they stand, around a secret it hides", () => {
    const unreadable = "&#x110000; &#9999999; &nbsp; &bogus;";
    expect(scrub(`${unreadable} ${secret} &amp;`)).toBe(`${unreadable} ${redactedMark} &amp;`);
  });

  it("reads the last code point there is (U+10FFFF) as a character", () => {
    const astral = "key-\u{10FFFF}-abcdefgh";
    expect(redactor([astral])("echo key-&#x10FFFF;-abcdefgh.")).toBe(`echo ${redactedMark}.`);
  });

  it("hides an escaped echo that follows escaped characters beyond U+FFFF, not a character of it left", () => {
    for (const count of [1, 3, 30]) {
      const emoji = "&#x1F600;".repeat(count);
      expect(scrub(`${emoji} tok&#x2F;en+one=two>>>??== tail`)).toBe(
        `${emoji} ${redactedMark} tail`,
      );
    }
  });

  it("hides a secret that itself holds a percent escape, in an HTML-escaped URL", () => {
    const percentSecret = "abc%41def/ghijk";
    const echo = encodeURIComponent(percentSecret.replace("/", "&#x2F;"));
    expect(redactor([percentSecret])(`url ${echo} end`)).toBe(`url ${redactedMark} end`);
  });
});
