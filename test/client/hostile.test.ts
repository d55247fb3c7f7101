// Hostile and surprising answers never make a revocation read as a refusal, and a custom fetch
// cannot stretch or falsify a call.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDevRevClient,
  DevRevUsageError,
  isOutcomeUncertain,
  type Middleware,
} from "../../src/index.ts";
import { seeds, types, useMockServer, users } from "../support/mock.ts";
import { expectNoSecret } from "../support/secrets.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;
const alicePatsRevoked = () =>
  mock
    .listTokens(users.alice)
    .filter((entry) => entry.type === types.pat)
    .every((entry) => entry.revoked);
const client = (options: Record<string, unknown> = {}) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 1, ...options });

describe("who answered decides: an intermediary's 5xx after the upstream acted is uncertain", () => {
  it.each([
    [
      "a proxy's 503 text/plain",
      {
        kind: "garbage",
        status: 503,
        contentType: "text/plain",
        body: "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
      },
    ],
    [
      "an HTML 503 page",
      {
        kind: "html",
        status: 503,
        body: "<html><body><h1>503 Service Unavailable</h1></body></html>",
      },
    ],
    ["an empty 503", { kind: "garbage", status: 503, contentType: "text/plain", body: "" }],
    ["an empty 504", { kind: "garbage", status: 504, contentType: "text/plain", body: "" }],
  ] as const)("%s, then a 401 on the retry: not a refusal", async (_what, instead) => {
    mock.inject({ kind: "lose-answer", instead });
    const result = await client().authTokens.selfDelete(revokePats);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.history[0]).toMatchObject({ type: "unexpected_response", uncertain: true });
    expect(result.error).toMatchObject({
      type: "unauthenticated",
      status: 401,
      earlierAttemptUncertain: true,
    });
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("a JSON 501 outside the contract is not retried, and its outcome is unknown", async () => {
    mock.inject({
      kind: "lose-answer",
      instead: { kind: "garbage", status: 501, body: '{"error":"not implemented"}' },
    });
    const result = await client().authTokens.selfDelete(revokePats);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.attempts).toBe(1);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 501 });
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("the contract's own 503 (service_unavailable) says nothing was done: a later 401 is a refusal", async () => {
    mock.inject({ kind: "error", status: 503 });
    const result = await client({ token: "some-revoked-or-unknown-token" }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.history[0]).toEqual(
      expect.not.objectContaining({ uncertain: expect.anything() }),
    );
    expect(result.error).toMatchObject({ type: "unauthenticated", status: 401 });
    expect(result.error?.earlierAttemptUncertain).toBeUndefined();
    expect(isOutcomeUncertain(result)).toBe(false);
  });

  it("a 200 that is not the contract's success may have been the upstream's: uncertain", async () => {
    mock.inject({ kind: "lose-answer", instead: { kind: "html", status: 200, body: "<p>ok</p>" } });
    const result = await client({ maxRetries: 0 }).authTokens.selfDelete(revokePats);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 200 });
    expect(isOutcomeUncertain(result)).toBe(true);
  });
});

/** A fetch that answers `response` after `ms`, ignoring the signal it is given. */
const deafFetch =
  (ms: number, response: () => Response = () => new Response(null, { status: 200 })) =>
  () =>
    new Promise<Response>((resolve) => setTimeout(() => resolve(response()), ms));

describe("the client's own clock bounds every attempt, whatever the custom fetch does", () => {
  it("a fetch that ignores signal cannot stretch timeoutMs: 500 ms, not 5 s, and no success", async () => {
    const started = performance.now();
    const result = await client({
      fetch: deafFetch(5000),
      timeoutMs: 500,
      maxRetries: 0,
    }).authTokens.selfDelete(revokePats);
    const ms = performance.now() - started;
    expect(result.error).toMatchObject({ type: "timeout", timeoutMs: 500 });
    expect(result.history[0]).toMatchObject({ type: "timeout", uncertain: true });
    expect(ms).toBeGreaterThanOrEqual(490);
    expect(ms).toBeLessThan(3000);
  });

  it("nor an abort: the call ends when the caller aborts, not when the fetch answers", async () => {
    const started = performance.now();
    const result = await client({ fetch: deafFetch(5000), maxRetries: 0 }).authTokens.selfDelete(
      revokePats,
      { signal: AbortSignal.timeout(300) },
    );
    expect(result.error).toMatchObject({ type: "aborted" });
    expect(result.error?.message).toMatch(/in flight: the server may have received it/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("nor a body that never ends", async () => {
    const endless = () =>
      new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    const started = performance.now();
    const result = await client({
      fetch: async () => endless(),
      timeoutMs: 400,
      maxRetries: 0,
    }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "timeout" });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("a custom fetch that follows a redirect: judged as the redirect it was", () => {
  let elsewhere: Server;
  let elsewhereUrl = "";
  beforeAll(async () => {
    elsewhere = createServer((request, response) => response.end());
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

  it("a 307 to another origin then 200 is not 'revoked', and says the outcome is unknown", async () => {
    mock.inject({ kind: "redirect", location: `${elsewhereUrl}/auth-tokens.self.delete` });
    const following = (url: string, init: RequestInit) =>
      fetch(url, { ...init, redirect: "follow" });
    const result = await client({ fetch: following, maxRetries: 0 }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.error).toMatchObject({ type: "unexpected_response", reason: "redirect" });
    expect(result.error?.message).toContain(elsewhereUrl);
    expect(isOutcomeUncertain(result)).toBe(true);
    expect(alicePatsRevoked()).toBe(false);
  });

  it("an answer whose url is off the base is a redirect even without `redirected`", async () => {
    const moved = () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "url", { value: `${elsewhereUrl}/x` });
      return response;
    };
    const result = await client({
      fetch: async () => moved(),
      maxRetries: 0,
    }).authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "unexpected_response", reason: "redirect" });
  });
});

describe("not sent means not uncertain", () => {
  it.each(["http://127.0.0.1:9", "http://localhost:6000", "https://api.devrev.ai:10080"])(
    "a base URL on a port fetch blocks (%s) is a usage error up front",
    (baseUrl) => {
      expect(() => createDevRevClient({ token, baseUrl })).toThrow(/bad ports/);
    },
  );

  it.each([
    ["bad port", new TypeError("fetch failed", { cause: new Error("bad port") })],
    ["an invalid URL", new TypeError("Invalid URL", { cause: { code: "ERR_INVALID_URL" } })],
    [
      "DNS",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.example"), { code: "ENOTFOUND" }),
      }),
    ],
  ])(
    "a fetch that fails with %s before connecting: network_error, not uncertain",
    async (_what, error) => {
      const result = await client({
        fetch: () => Promise.reject(error),
        maxRetries: 0,
      }).authTokens.selfDelete();
      expect(result.error).toMatchObject({ type: "network_error" });
      expect(isOutcomeUncertain(result)).toBe(false);
    },
  );
});

describe("tokens a header cannot carry are usage errors about the token", () => {
  it.each([
    ["100 KB long", "a".repeat(100_000), /is 100000 characters long, over the 8192/],
    ["with €", "tok€n-with-euro", /characters a Bearer token cannot have/],
    ["with a quote", 'token"quoted', /characters a Bearer token cannot have/],
    ["too short", "abc", /is 3 characters long, under the 8/],
    ['"undefined"', "undefined", /the word "undefined"/],
  ])("%s: refused before anything is sent, and never repeated", (_what, bad, message) => {
    let thrown: unknown;
    try {
      createDevRevClient({ token: bad, baseUrl: mock.url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toMatch(message);
    if (bad !== "undefined" && bad.length >= 8) expectNoSecret(thrown, bad);
    expect(mock.requests).toHaveLength(0);
  });

  it("a token function returning one: token_unavailable, in words about the token", async () => {
    const result = await client({ token: () => "tok€n-with-euro" }).authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "token_unavailable" });
    expect(result.error?.type === "token_unavailable" && result.error.cause).toMatch(
      /characters a Bearer token cannot have/,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a base URL's secrets are never repeated", () => {
  it.each([
    "https://user:pa/ss-hunter2@api.devrev.ai",
    "https://user:pa#ss-hunter2@api.devrev.ai",
    "https://user:pa?ss-hunter2@api.devrev.ai",
    "https://user:hunter2@@api.devrev.ai",
    "https://api.devrev.ai/?key=hunter2-key",
    "https://api.devrev.ai/#hunter2-key",
    "htps:/hunter2-key@x",
  ])("%s", (baseUrl) => {
    let thrown: unknown;
    try {
      createDevRevClient({ token, baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toMatch(/baseUrl must be/);
    for (const part of ["hunter2", "pa/ss", "pa#ss", "pa?ss", "key="])
      expect((thrown as Error).message).not.toContain(part);
  });
});

describe("an aborted call says whether a request may have reached the server", () => {
  it("aborted before anything was sent", async () => {
    const result = await client().authTokens.selfDelete({}, { signal: AbortSignal.abort() });
    expect(result.error?.message).toMatch(/before anything was sent/);
    expect(isOutcomeUncertain(result)).toBe(false);
  });

  it("aborted with the request in flight", async () => {
    mock.inject({ kind: "delay", ms: 5000 });
    const result = await client().authTokens.selfDelete({}, { signal: AbortSignal.timeout(200) });
    expect(result.error?.message).toMatch(
      /while a request was in flight: the server may have received it/,
    );
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("aborted while waiting to retry after a refusal that changed nothing", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 5 });
    const result = await client({ maxRetryDelayMs: 10_000 }).authTokens.selfDelete(
      {},
      { signal: AbortSignal.timeout(300) },
    );
    expect(result.error?.message).toMatch(/while waiting to retry/);
    expect(isOutcomeUncertain(result)).toBe(false);
  });
});

describe("a revocation is never invisible when middleware throws afterwards", () => {
  const throwing: Middleware = {
    onResponse() {
      throw new SyntaxError("a logging middleware's bug");
    },
  };

  it("the rejection carries the result: revoked, in one attempt", async () => {
    const thrown = (await client({ logLevel: "off" })
      .authTokens.selfDelete(revokePats, { middleware: [throwing] })
      .then(
        () => undefined,
        (error: unknown) => error,
      )) as SyntaxError & { result?: Record<string, unknown> };
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(alicePatsRevoked()).toBe(true);
    expect(thrown.result).toMatchObject({
      data: undefined,
      attempts: 1,
      history: [{ type: "ok" }],
    });
    expect(thrown.result?.error).toBeUndefined();
    expectNoSecret(thrown, token);
  });

  it("after a refusal the call still resolves with the refusal", async () => {
    mock.inject({ kind: "error", status: 403 });
    const result = await client({ logLevel: "off" }).authTokens.selfDelete(revokePats, {
      middleware: [throwing],
    });
    expect(result).toMatchObject({ error: { type: "forbidden", status: 403 }, attempts: 1 });
  });

  it("a thrown string is wrapped so the result still has a place", async () => {
    const thrown = (await client({ logLevel: "off" })
      .authTokens.selfDelete(revokePats, {
        middleware: [
          {
            onResponse() {
              throw "not an Error";
            },
          },
        ],
      })
      .catch((error: unknown) => error)) as Error & { result?: unknown };
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.cause).toBe("not an Error");
    expect(thrown.result).toMatchObject({ attempts: 1 });
  });
});
