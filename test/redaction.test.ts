// The one redaction, as a pure function: every spelling an echo gives a secret is removed, and
// nothing else is.
import { describe, expect, it } from "vitest";
import { minSecretLength, redact, redactedMark, redactor } from "../src/redact.ts";
import { echoesOf, foundIn } from "./support/encodings.ts";

const token = "eyJhbGciOi/JIUzI1+NiJ9.abc_def-ghi~jk/lmnopQRS+tuvWXYZ0123456789==";

describe("redactor", () => {
  it.each(echoesOf(token).map((echo) => [echo]))("removes the echo %s", (echo) => {
    const scrubbed = redactor([token])(`before ${echo} after`);
    expect(foundIn(scrubbed, token)).toBeUndefined();
    expect(scrubbed).toContain(redactedMark);
    expect(scrubbed.startsWith("before ")).toBe(true);
  });

  it("leaves text without a secret exactly as it was", () => {
    const text = "A 503 from the gateway: upstream connect error, retry in 2 s.\r\n  done";
    expect(redactor([token])(text)).toBe(text);
  });

  it("removes a secret that contains another whole, not cut around the shorter one", () => {
    const outer = "abcdefgh-1234567890-ijklmnop";
    const inner = "1234567890-ijklmnop";
    for (const secrets of [
      [outer, inner],
      [inner, outer],
    ])
      expect(redactor(secrets)(`x ${outer} y`)).toBe(`x ${redactedMark} y`);
  });

  it(`leaves secrets shorter than ${minSecretLength} characters alone (they are ordinary words)`, () => {
    expect(redactor(["short"])("a short word")).toBe("a short word");
    expect(redactor(["exactly8"])("is exactly8 here")).toBe(`is ${redactedMark} here`);
  });

  it("removes the pieces of a long token split across two fields, or cut", () => {
    const long = token.repeat(2);
    const half = long.length >> 1;
    const scrubbed = redactor([long])(
      JSON.stringify({ first: long.slice(0, half), rest: long.slice(half) }),
    );
    expect(scrubbed).not.toContain(long.slice(0, half));
    expect(scrubbed).not.toContain(long.slice(half));
  });

  it("keeps the text around each secret, in order", () => {
    expect(redactor([token])(`a${token}b${token}c`)).toBe(`a${redactedMark}b${redactedMark}c`);
  });
});

describe("redact walks values", () => {
  it("strings, arrays, nested objects and keys; the top-level type is left alone", () => {
    const value = {
      type: token,
      message: `echo ${token}`,
      nested: { list: [token, 7, null, true], [token]: "key" },
    };
    expect(redact(value, [token])).toEqual({
      type: token,
      message: `echo ${redactedMark}`,
      nested: { list: [redactedMark, 7, null, true], [redactedMark]: "key" },
    });
  });

  it("a nested type is the server's text, and is redacted", () => {
    expect(redact({ type: "x", detail: { type: token } }, [token])).toEqual({
      type: "x",
      detail: { type: redactedMark },
    });
  });

  it("what is nested deeper than any error body is dropped, not returned unread", () => {
    let deep: unknown = token;
    for (let depth = 0; depth < 40; depth++) deep = { deeper: deep };
    expect(JSON.stringify(redact(deep, [token]))).not.toContain(token);
  });

  it("with no secret of redactable length, the value comes back unchanged", () => {
    const value = { message: "hello" };
    expect(redact(value, [])).toEqual(value);
  });
});
