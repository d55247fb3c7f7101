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
import { createMockDevRev } from "../../src/testing/index.ts";
import { recordingLogger } from "../support/logger.ts";
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
    ['"undefined"', "undefined", /the text of a value that was not set/],
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
    const controller = new AbortController();
    // Aborted as the wait begins, whatever the machine's load: no clock in the test.
    const result = await client({
      maxRetryDelayMs: 10_000,
      onRetry: () => controller.abort(),
    }).authTokens.selfDelete({}, { signal: controller.signal });
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

describe("what the red team found one step to the side", () => {
  it("a body whose type is inherited (a class getter, a prototype) is refused, not sent as {}", async () => {
    class SessionBody {
      get requested_token_type() {
        return types.session;
      }
    }
    for (const body of [
      new SessionBody(),
      Object.create({ requested_token_type: types.session }),
      Object.defineProperty({}, "requested_token_type", { value: types.session }),
    ])
      await expect(client().authTokens.selfDelete(body)).rejects.toThrow(DevRevUsageError);
    expect(mock.requests).toHaveLength(0);
  });

  it("a getter is read once, and what was checked is what is sent", async () => {
    let reads = 0;
    const body = {
      get requested_token_type() {
        return reads++ === 0 ? types.pat : undefined;
      },
    };
    await client().authTokens.selfDelete(body as never);
    expect(reads).toBe(1);
    expect(mock.requests[0]?.json).toEqual({ requested_token_type: types.pat });
  });

  it("raw: a body field given as undefined is refused, not sent as {}", async () => {
    await expect(
      client().raw.POST("/auth-tokens.self.delete", {
        body: { requested_token_type: undefined },
      }),
    ).rejects.toThrow(/requested_token_type is undefined/);
    expect(mock.requests).toHaveLength(0);
  });

  it("options read through a prototype are refused: a polluted Object.prototype.baseUrl moves nothing", async () => {
    class Config {
      token = token;
      get baseURL() {
        return mock.url;
      }
    }
    expect(() => createDevRevClient(new Config() as never)).toThrow(/plain object/);
    expect(() => createDevRevClient(Object.create({ baseUrl: mock.url, token }))).toThrow(
      DevRevUsageError,
    );
    const polluted = Object.prototype as { baseUrl?: string };
    polluted.baseUrl = "https://collector.evil.example";
    try {
      expect(() => createDevRevClient({ token })).toThrow(/baseUrl is inherited/);
    } finally {
      delete polluted.baseUrl;
    }
  });

  it("per-call options read through a prototype are refused: an inherited signal is not dropped", async () => {
    await expect(
      client().authTokens.selfDelete(revokePats, Object.create({ signal: AbortSignal.abort() })),
    ).rejects.toThrow(/plain object .*prototype of its own/);
    expect(mock.requests).toHaveLength(0);
  });

  it("headers given as a Headers or a Map are refused, not half-read", () => {
    for (const headers of [new Headers({ authorization: "Bearer other-token-x" }), new Map()])
      expect(() => createDevRevClient({ token, headers: headers as never })).toThrow(
        /plain object/,
      );
  });

  it("a 303 See Other after the server acted is uncertain (RFC 9110: the POST was processed)", async () => {
    mock.inject({
      kind: "lose-answer",
      instead: { kind: "garbage", status: 303, body: "" },
    });
    const result = await client({ maxRetries: 0 }).authTokens.selfDelete(revokePats);
    expect(alicePatsRevoked()).toBe(true);
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("Response.error() from a fetch (a service worker's dropped connection) is an uncertain network_error", async () => {
    const inMemory = createMockDevRev({ tokens: [seeds.alicePat] });
    inMemory.inject({ kind: "lose-answer" });
    const handled = (url: string, init: RequestInit) => inMemory.handle(new Request(url, init));
    const result = await client({ fetch: handled, maxRetries: 0 }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.error).toMatchObject({ type: "network_error" });
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("a 200 whose JSON is an error is not 'revoked'", async () => {
    mock.inject({
      kind: "garbage",
      status: 200,
      body: '{"type":"internal_error","error":"upstream request timeout"}',
    });
    const result = await client({ maxRetries: 0 }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 200 });
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("a custom fetch that throws after sending: the rejection carries what was done", async () => {
    const buggy = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      return { status: answer.status } as unknown as Response;
    };
    const thrown = (await client({ fetch: buggy, maxRetries: 0 })
      .authTokens.selfDelete(revokePats)
      .catch((error: unknown) => error)) as Error & { result?: { history: unknown[] } };
    expect(thrown.message).toMatch(/not a Response/);
    expect(alicePatsRevoked()).toBe(true);
    expect(thrown.result?.history).toEqual([
      { type: "fetch_threw", ms: expect.any(Number), uncertain: true },
    ]);
  });

  it("a TLS handshake that fails (https to a plain port) sent nothing: not uncertain", async () => {
    const plain = new URL(mock.url);
    const result = await createDevRevClient({
      token,
      baseUrl: `https://localhost:${plain.port}`,
      maxRetries: 0,
    }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "network_error" });
    expect(isOutcomeUncertain(result)).toBe(false);
  });

  it("the token is not repeated in a refusal even where a type, a path or an option name goes", async () => {
    const short = "devrevPAT_0123456789abcdefXYZ";
    mock.addToken({ value: short, user: users.bob, type: types.pat });
    const devrev = createDevRevClient({ token: short, baseUrl: mock.url });
    for (const attempt of [
      () => devrev.authTokens.selfDelete({ requested_token_type: short as never }),
      () => devrev.raw.POST(`/auth-tokens.self.delete?t=${short}` as never, { bogus: 1 } as never),
    ]) {
      const thrown = await Promise.resolve()
        .then(attempt)
        .catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(DevRevUsageError);
      expectNoSecret(thrown, short);
    }
    let thrown: unknown;
    try {
      createDevRevClient({ token: short, [short]: 1 } as never);
    } catch (error) {
      thrown = error;
    }
    expectNoSecret(thrown, short);
  });

  it("log lines never hold a token put in a raw path", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = client({ maxRetries: 0, logLevel: "debug", logger });
    await devrev.raw.POST(`/auth-tokens.self.delete/${token}` as never, { body: {} } as never);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(token);
  });

  it("a per-call baseUrl may change the path, not the origin", async () => {
    await expect(
      client().raw.POST("/auth-tokens.self.delete", {
        body: {},
        baseUrl: "https://collector.evil.example",
      }),
    ).rejects.toThrow(/must keep the client's origin/);
  });

  it("middleware that hangs after the revocation cannot hold the call: timeoutMs ends it, the outcome stands", async () => {
    const started = performance.now();
    const result = await client({
      timeoutMs: 300,
      maxRetries: 0,
      logLevel: "off",
    }).authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: () => new Promise<undefined>(() => {}) }],
    });
    expect(alicePatsRevoked()).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.history).toEqual([{ type: "ok", status: 200, ms: expect.any(Number) }]);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("middleware that hangs before sending: the caller's abort ends the call, nothing sent", async () => {
    const result = await client({ logLevel: "off" }).authTokens.selfDelete(revokePats, {
      signal: AbortSignal.timeout(200),
      middleware: [{ onRequest: () => new Promise<undefined>(() => {}) }],
    });
    expect(result.error).toMatchObject({ type: "aborted" });
    expect(result.error?.message).toMatch(/before anything was sent/);
    expect(mock.requests).toHaveLength(0);
  });
});
