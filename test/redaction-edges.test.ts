// The redaction's edges, each as the exact text that comes back: pieces of a long secret, where
// spans meet or nest, what is too short to be a secret, the redactors kept for reuse, and how
// deep a value is read.
import { describe, expect, it } from "vitest";
import { minSecretLength, redact, redactedMark, redactor } from "../src/redact.ts";

// 40 characters, no piece repeated: pieces of it are found only by the piece search.
const long = "Q7vK2pX9mR4tW8zN1cB6yH3jL5fD0sG2aE7uI9oP";
const piece = 24;

describe("pieces of a long secret", () => {
  it("hides a piece of 24 characters at the very start of a text", () => {
    expect(redactor([long])(long.slice(0, piece))).toBe(redactedMark);
  });

  it("hides a cut piece exactly where it stood, for every place it may be cut from", () => {
    for (let at = 0; at + piece <= long.length; at++)
      for (const length of [piece, piece + 3])
        if (at + length <= long.length)
          expect(redactor([long])(`cut: ${long.slice(at, at + length)} (truncated)`)).toBe(
            `cut: ${redactedMark} (truncated)`,
          );
  });

  it("leaves a text that starts like the secret, in fewer than 24 characters, as it was", () => {
    const text = `${long.slice(0, 5)} is how this text starts, and nothing else of it is the secret`;
    expect(redactor([long])(text)).toBe(text);
  });

  it("looks for pieces of a secret of 32 characters, not of one of 31", () => {
    const of32 = long.slice(0, 32);
    const of31 = long.slice(0, 31);
    const text = `piece ${long.slice(2, 2 + piece)} end`;
    expect(redactor([of32])(text)).toBe(`piece ${redactedMark} end`);
    expect(redactor([of31])(text)).toBe(text);
  });

  it("finds both of two pieces whose rolling hashes collide", () => {
    // Rabin-Karp over 24 characters, base 257, modulo 2^32, as the redaction hashes them.
    const hash = (text: string) =>
      [...text].reduce((h, c) => (Math.imul(h, 257) + c.charCodeAt(0)) | 0, 0);
    const [first, second] = ["rW8aXbNHk3QNzr2BtKwVr8aq", "a0Y43e6saPdStqTMYpcQt0rw"];
    expect(hash(first)).toBe(hash(second));
    const scrub = redactor([first + second]);
    expect(scrub(`a ${first} b`)).toBe(`a ${redactedMark} b`);
    expect(scrub(`a ${second} b`)).toBe(`a ${redactedMark} b`);
  });
});

describe("where spans meet", () => {
  it("hides an encoded echo before a raw one (spans found in later views start earlier)", () => {
    const secret = "abc/defgh+ijk";
    expect(redactor([secret])(`x ${encodeURIComponent(secret)} y ${secret} z`)).toBe(
      `x ${redactedMark} y ${redactedMark} z`,
    );
  });

  it("hides a secret that holds another strictly inside it, not a character after the inner one left", () => {
    const outer = "abcdefgh-1234567890-ijklmnop";
    for (const secrets of [
      [outer, "1234567890"],
      ["1234567890", outer],
    ])
      expect(redactor(secrets)(`x ${outer} y`)).toBe(`x ${redactedMark} y`);
  });

  it("writes one mark for two secrets that overlap", () => {
    expect(redactor(["abcdefgh12", "gh12345678"])("<abcdefgh12345678>")).toBe(`<${redactedMark}>`);
  });
});

describe("what is too short to be a secret", () => {
  it("leaves an unpadded echo shorter than 8 characters alone (an ordinary word)", () => {
    expect(redactor(["letmein="])("letmein is a word; letmein= is the secret")).toBe(
      `letmein is a word; ${redactedMark} is the secret`,
    );
  });

  it(`leaves every spelling of a secret shorter than ${minSecretLength} characters alone, its hex too`, () => {
    const hex = Buffer.from("short").toString("hex");
    expect(redactor(["short"])(`hex ${hex} stays`)).toBe(`hex ${hex} stays`);
    expect(redactor(["short", "longer-secret"])(`hex ${hex}, longer-secret`)).toBe(
      `hex ${hex}, ${redactedMark}`,
    );
  });

  it("hides the hex echo of a secret holding a control character (every byte two digits)", () => {
    const secret = "tab\there-secret";
    const hex = Buffer.from(secret).toString("hex");
    expect(hex).toContain("09");
    expect(redactor([secret])(`hex ${hex} end`)).toBe(`hex ${redactedMark} end`);
  });
});

describe("the redactors kept for reuse", () => {
  it("gives back the same redactor for the same secrets, while fewer than 8 others were built since", () => {
    const secrets = ["reuse-secret-one"];
    const first = redactor(secrets);
    for (let i = 0; i < 6; i++) redactor([`other-secret-${i}`]);
    expect(redactor(["reuse-secret-one"])).toBe(first);
  });

  it("keeps no more than 8: the oldest is built anew after 8 others", () => {
    const first = redactor(["evicted-secret-one"]);
    for (let i = 0; i < 8; i++) redactor([`newer-secret-${i}`]);
    expect(redactor(["evicted-secret-one"])).not.toBe(first);
  });

  it("does not mistake a redactor for two secrets for one of their concatenation", () => {
    expect(redactor(["abcdefghijklmnop"])("only abcdefgh here")).toBe("only abcdefgh here");
    expect(redactor(["abcdefgh", "ijklmnop"])("only abcdefgh here")).toBe(
      `only ${redactedMark} here`,
    );
  });
});

describe("how deep a value is read", () => {
  const nested = (levels: number, wrap: (inner: unknown) => unknown, leaf: unknown) => {
    let value = leaf;
    for (let i = 0; i < levels; i++) value = wrap(value);
    return value;
  };

  it.each([
    ["objects", (inner: unknown) => ({ deeper: inner })],
    ["arrays", (inner: unknown) => [inner]],
  ])("reads %s 33 levels deep, and writes what is deeper as omitted", (_, wrap) => {
    const secret = "deep-secret-value";
    expect(redact(nested(33, wrap, secret), [secret])).toEqual(nested(33, wrap, redactedMark));
    expect(redact(nested(34, wrap, secret), [secret])).toEqual(
      nested(33, wrap, "[omitted: nested too deep]"),
    );
  });

  it("leaves a type 33 levels deep to redaction (only the top-level type is kept)", () => {
    const secret = "deep-secret-value";
    const value = nested(32, (inner) => ({ deeper: inner }), { type: secret });
    expect(redact(value, [secret])).toEqual(
      nested(32, (inner) => ({ deeper: inner }), { type: redactedMark }),
    );
  });
});
