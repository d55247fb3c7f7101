import { describe, expect, it } from "vitest";
import {
  createDevRevClient,
  DevRevUsageError,
  tokenTypes,
  type RetryEvent,
} from "../../src/index.ts";
import { expectNoSecret } from "../support/secrets.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const secret = seeds.alicePat.value;

describe("the token never leaks", () => {
  it("not into any error, its renderings, or what onRetry receives — even when a server echoes it", async () => {
    const events: RetryEvent[] = [];
    const devrev = createDevRevClient({
      token: secret,
      baseUrl: mock.url,
      maxRetries: 1,
      onRetry: (event) => events.push(event),
    });
    const faults = [
      {
        kind: "html",
        status: 502,
        body: `<html>Bad gateway for Authorization: Bearer ${secret}</html>`,
      },
      {
        kind: "garbage",
        status: 401,
        body: JSON.stringify({
          type: "unauthenticated",
          message: `token ${secret} revoked`,
          detail: secret,
        }),
      },
      { kind: "garbage", status: 200, body: `echo ${secret}`, contentType: "text/plain" },
      { kind: "garbage", status: 418, body: `teapot ${secret}` },
      { kind: "huge", status: 500, bytes: 200_000 },
      { kind: "drop" },
      { kind: "redirect", location: `http://127.0.0.1:1/?t=${secret}` },
    ] as const;
    const errors: unknown[] = [];
    for (const fault of faults) {
      mock.inject(fault, { times: 2 });
      const result = await devrev.authTokens.selfDelete(undefined, { maxRetryDelayMs: 60_000 });
      expect(result.error, fault.kind).toBeDefined();
      errors.push(result.error);
      mock.clearFaults();
    }
    const timedOut = await devrev.authTokens.selfDelete(undefined, { timeoutMs: 1, maxRetries: 0 });
    errors.push(timedOut.error);
    for (const error of errors) expectNoSecret(error, secret);
    expect(events.length).toBeGreaterThan(0);
    expectNoSecret(events, secret);
    // The echoed token was removed, not just absent.
    expect(JSON.stringify(errors)).toContain("[redacted]");
  });

  it("not into a usage error about a bad token", () => {
    const bad = `${secret}\r\nX-Injected: 1`;
    try {
      createDevRevClient({ token: bad, baseUrl: mock.url });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DevRevUsageError);
      expect(String(error)).toMatch(/DEVREV_TOKEN/);
      expectNoSecret(error, secret);
    }
  });

  it("not over plain http to another host", () => {
    expect(() => createDevRevClient({ token: secret, baseUrl: "http://api.devrev.ai" })).toThrow(
      /plain http.*allowInsecureHttp/,
    );
    expect(() =>
      createDevRevClient({
        token: secret,
        baseUrl: "http://api.devrev.ai",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
    for (const local of ["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"]) {
      expect(() => createDevRevClient({ token: secret, baseUrl: local })).not.toThrow();
    }
  });
});

describe("bad input throws a clear error and sends nothing", () => {
  const devrev = () => createDevRevClient({ token: secret, baseUrl: mock.url });

  it.each([
    [
      "a short-form token type",
      { requested_token_type: "pat" },
      /"pat" is not a token type.*Did you mean "urn:devrev:params:oauth:token-type:pat"\?.*Allowed values: urn:devrev/s,
    ],
    [
      "an unknown token type",
      { requested_token_type: "urn:x" },
      /Allowed values: .*urn:ietf:params:oauth:token-type:jwt/,
    ],
    ["a numeric token type", { requested_token_type: 7 }, /7 is not a token type/],
    [
      "a misspelt field",
      { requested_token_types: types.pat },
      /does not take the field "requested_token_types" \(did you mean "requested_token_type"\?\); allowed fields: requested_token_type/,
    ],
    ["an array body", [types.pat], /expects an object.*got an array/],
    ["a string body", types.pat, /expects an object.*got string/],
    ["null", null, /expects an object.*got null/],
  ])("%s", async (_what, body, message) => {
    await expect(devrev().authTokens.selfDelete(body as never)).rejects.toThrow(message);
    await expect(devrev().authTokens.selfDelete(body as never)).rejects.toBeInstanceOf(
      DevRevUsageError,
    );
    expect(mock.requests).toHaveLength(0);
  });

  it("lists every token type when refusing one", async () => {
    const error = await devrev()
      .authTokens.selfDelete({ requested_token_type: "nope" } as never)
      .catch((e: unknown) => e);
    for (const type of tokenTypes) expect(String(error)).toContain(type);
  });

  it.each([
    [
      "an invalid baseUrl",
      { baseUrl: "api.devrev.ai" },
      /baseUrl must be an absolute http\(s\) URL/,
    ],
    [
      "a baseUrl with another scheme",
      { baseUrl: "ftp://api.devrev.ai" },
      /baseUrl must be an absolute http\(s\) URL/,
    ],
    ["a negative timeout", { timeoutMs: -1 }, /timeoutMs must be a number of milliseconds from 1/],
    ["a timeout too large for a timer", { timeoutMs: 2 ** 40 }, /timeoutMs must be/],
    [
      "a fractional retry count",
      { maxRetries: 1.5 },
      /maxRetries must be a whole number from 0 to 10/,
    ],
    ["a negative retry count", { maxRetries: -1 }, /maxRetries must be a whole number/],
    [
      "an Authorization header",
      { headers: { Authorization: "Bearer x" } },
      /must not hold Authorization/,
    ],
    ["an empty token", { token: "" }, /empty/],
    ["a Bearer prefix alone", { token: "Bearer " }, /empty/],
    ["a token with a space", { token: "abc def" }, /whitespace or control characters/],
    ["a token with a trailing newline", { token: "abcdef\n" }, /whitespace or control characters/],
    ["a token that is not a string", { token: 42 }, /must be a string/],
  ])("%s", (_what, options, message) => {
    expect(() =>
      createDevRevClient({ token: secret, baseUrl: mock.url, ...(options as object) }),
    ).toThrow(message);
  });

  it("a missing token names DEVREV_TOKEN", () => {
    const previous = process.env.DEVREV_TOKEN;
    delete process.env.DEVREV_TOKEN;
    try {
      expect(() => createDevRevClient({ baseUrl: mock.url })).toThrow(/DEVREV_TOKEN is not set/);
    } finally {
      if (previous !== undefined) process.env.DEVREV_TOKEN = previous;
    }
  });

  it("a per-call override is checked too", async () => {
    await expect(devrev().authTokens.selfDelete({}, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
    expect(mock.requests).toHaveLength(0);
  });

  it("a token function that returns a bad token resolves token_unavailable before sending", async () => {
    const client = createDevRevClient({ token: () => "two words", baseUrl: mock.url });
    const { error, attempts } = await client.authTokens.selfDelete();
    expect(error).toMatchObject({ type: "token_unavailable" });
    expect(error?.type === "token_unavailable" && error.cause).toMatch(/whitespace/);
    expect(attempts).toBe(1);
    expect(mock.requests).toHaveLength(0);
  });
});
