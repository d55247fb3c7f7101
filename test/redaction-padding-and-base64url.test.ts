// A secret's base64url spelling and its padding, each as the exact text that comes back.
import { describe, expect, it } from "vitest";
import { redactedMark, redactor } from "../src/redact.ts";

describe("a secret echoed in base64url", () => {
  // Its base64 is "Pz4/fn5+YWJjPj4/": both characters base64url spells differently (RFC 4648 §5).
  const secret = "?>?~~~abc>>?";

  it("hides the base64url spelling, where '+' is '-' and '/' is '_'", () => {
    expect(Buffer.from(secret).toString("base64url")).toBe("Pz4_fn5-YWJjPj4_");
    expect(redactor([secret])("session Pz4_fn5-YWJjPj4_ ended")).toBe(
      `session ${redactedMark} ended`,
    );
  });
});

describe("a secret that ends in base64 padding", () => {
  // Shorter than 32 characters: only whole spellings are looked for, not pieces.
  const secret = "key=QkRGSEpMTk5QUg==";

  it("hides it echoed without all its trailing '=', as base64url and JWTs write it", () => {
    expect(redactor([secret])("echo key=QkRGSEpMTk5QUg; done")).toBe(`echo ${redactedMark}; done`);
  });

  it("leaves an '=' inside the secret in the spelling it looks for", () => {
    expect(redactor([secret])("echo keyQkRGSEpMTk5QUg; done")).toBe("echo keyQkRGSEpMTk5QUg; done");
  });
});
