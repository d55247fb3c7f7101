// A call whose earlier attempt may have been acted on never reads as a plain refusal.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient, isOutcomeUncertain } from "../../src/index.ts";
import { seeds, types, useMockServer, users } from "../support/mock.ts";
import { unusedPort } from "../support/ports.ts";
import { expectNoSecret } from "../support/secrets.ts";

const mock = useMockServer();
const selfRevoke = { requested_token_type: types.pat } as const;
const alicePatsRevoked = () =>
  mock
    .listTokens(users.alice)
    .filter((token) => token.type === types.pat)
    .every((token) => token.revoked);
const client = (options: { timeoutMs?: number; maxRetries?: number; baseUrl?: string } = {}) =>
  createDevRevClient({ token: seeds.alicePat.value, baseUrl: mock.url, maxRetries: 1, ...options });

/**
 * A proxy in front of the mock that passes the first request upstream (so the mock acts on it)
 * and then answers it with its own 502 page: "the upstream acted, the gateway failed".
 */
let proxy: Server;
let proxyUrl: string;
beforeAll(async () => {
  let seen = 0;
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${mock.url}${req.url}`, {
      method: req.method,
      headers: {
        authorization: req.headers.authorization ?? "",
        "content-type": "application/json",
      },
      body: Buffer.concat(chunks),
    });
    const text = await upstream.text();
    if (seen++ === 0) {
      res.writeHead(502, { "content-type": "text/html" }).end("<html>502 Bad Gateway</html>");
    } else {
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers)).end(text);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

describe("a self-revoke whose first answer is lost is not reported as a refusal", () => {
  it("connection dropped after the server acted: the 401 carries earlierAttemptUncertain and says what it means", async () => {
    mock.inject({ kind: "lose-answer" });
    const result = await client().authTokens.selfDelete(selfRevoke);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.error).toMatchObject({
      type: "unauthenticated",
      status: 401,
      earlierAttemptUncertain: true,
    });
    expect(result.error?.message).toMatch(/refused after attempt 1 \(network_error\)/);
    expect(result.error?.message).toMatch(/most likely revoked it/);
    expect(result.history).toEqual([
      { type: "network_error", ms: expect.any(Number), uncertain: true },
      { type: "unauthenticated", status: 401, ms: expect.any(Number) },
    ]);
    expect(result.attempts).toBe(result.history.length);
    expect(isOutcomeUncertain(result)).toBe(true);
  });

  it("answer arrives after timeoutMs: the timeout is uncertain and the 401 says so", async () => {
    mock.inject({ kind: "slow-answer", ms: 400 });
    const result = await client({ timeoutMs: 150 }).authTokens.selfDelete(selfRevoke);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.error).toMatchObject({ type: "unauthenticated", earlierAttemptUncertain: true });
    expect(result.history.map((entry) => [entry.type, entry.uncertain])).toEqual([
      ["timeout", true],
      ["unauthenticated", undefined],
    ]);
  });

  it("a proxy's 502 after the upstream acted: the 401 carries earlierAttemptUncertain", async () => {
    const result = await client({ baseUrl: proxyUrl }).authTokens.selfDelete(selfRevoke);
    expect(alicePatsRevoked()).toBe(true);
    expect(result.error).toMatchObject({ type: "unauthenticated", earlierAttemptUncertain: true });
    expect(result.history.map((entry) => [entry.type, entry.status, entry.uncertain])).toEqual([
      ["unexpected_response", 502, true],
      ["unauthenticated", 401, undefined],
    ]);
  });

  it("a 500 then a 401 is uncertain too; a 503 or 429 then a 401 is a plain refusal", async () => {
    mock.inject({ kind: "error", status: 500 });
    mock.inject({ kind: "error", status: 401 });
    const after500 = await client().authTokens.selfDelete(selfRevoke);
    expect(after500.error).toMatchObject({ status: 401, earlierAttemptUncertain: true });

    for (const status of [503, 429] as const) {
      mock.inject({ kind: "error", status, retryAfter: 0 });
      mock.inject({ kind: "error", status: 401 });
      const result = await client().authTokens.selfDelete(selfRevoke);
      expect(result.error).toMatchObject({ type: "unauthenticated", status: 401 });
      expect(result.error).not.toHaveProperty("earlierAttemptUncertain");
      expect(isOutcomeUncertain(result)).toBe(false);
    }
  });

  it("a connection refused never reached a server: retried, and not uncertain", async () => {
    const port = await unusedPort();
    const result = await client({ baseUrl: `http://127.0.0.1:${port}` }).authTokens.selfDelete();
    expect(result.error?.type).toBe("network_error");
    expect(result.history).toHaveLength(2);
    expect(result.history.some((entry) => entry.uncertain)).toBe(false);
    expect(isOutcomeUncertain(result)).toBe(false);
  });

  it("a success after a lost answer is a success, with the lost attempt in its history", async () => {
    mock.inject({ kind: "lose-answer" });
    const devrev = createDevRevClient({ token: seeds.aliceSession.value, baseUrl: mock.url });
    const result = await devrev.authTokens.selfDelete(selfRevoke);
    expect(result.error).toBeUndefined();
    expect(result.history.map((entry) => entry.type)).toEqual(["network_error", "ok"]);
  });
});

describe("the token function is part of the attempt", () => {
  it("one that never settles ends with token_unavailable after timeoutMs, nothing sent", async () => {
    const devrev = createDevRevClient({
      token: () => new Promise<string>(() => {}),
      baseUrl: mock.url,
      timeoutMs: 100,
    });
    const started = performance.now();
    const result = await devrev.authTokens.selfDelete();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.error).toMatchObject({ type: "token_unavailable" });
    expect(result.error?.message).toMatch(/within 100 ms/);
    expect(result.attempts).toBe(1);
    expect(mock.requests).toHaveLength(0);
  });

  it("one that never settles ends promptly when the caller aborts", async () => {
    const devrev = createDevRevClient({
      token: () => new Promise<string>(() => {}),
      baseUrl: mock.url,
    });
    const result = await devrev.authTokens.selfDelete(undefined, {
      signal: AbortSignal.timeout(50),
    });
    expect(result.error?.type).toBe("aborted");
    expect(result.history).toEqual([{ type: "aborted", ms: expect.any(Number) }]);
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error("vault sealed");
      },
    ],
    ["rejects", () => Promise.reject(new Error("vault sealed"))],
  ])("one that %s resolves token_unavailable with the cause's message", async (_how, token) => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "token_unavailable", cause: "vault sealed" });
    expect(mock.requests).toHaveLength(0);
  });

  it("one that fails after a 503 keeps the attempts made", async () => {
    let calls = 0;
    mock.inject({ kind: "error", status: 503, retryAfter: 0 });
    const devrev = createDevRevClient({
      token: async () => {
        if (calls++ > 0) throw new Error("refresh failed");
        return seeds.alicePat.value;
      },
      baseUrl: mock.url,
    });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "token_unavailable", cause: "refresh failed" });
    expect(result.history.map((entry) => entry.type)).toEqual([
      "service_unavailable",
      "token_unavailable",
    ]);
    expect(result.attempts).toBe(2);
  });

  it("every token the call used is redacted, not only the last", async () => {
    const rotated = ["rotated-token-number-one", "rotated-token-number-two"];
    for (const value of rotated) mock.addToken({ value, user: users.bob, type: types.aat });
    mock.inject({
      kind: "error",
      status: 503,
      retryAfter: 0,
      body: { message: `upstream refused ${rotated[0]}` },
    });
    mock.inject({
      kind: "garbage",
      status: 400,
      body: JSON.stringify({ type: "bad_request", message: `you sent ${rotated[0]} before` }),
    });
    let next = 0;
    const devrev = createDevRevClient({ token: () => rotated[next++]!, baseUrl: mock.url });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "bad_request", status: 400 });
    expect(result.error?.message).toContain("[redacted]");
    for (const value of rotated) expectNoSecret({ ...result, response: undefined }, value);
  });
});

describe("success as servers really send it", () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body?: string; type?: string };
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(answer.status, answer.type ? { "content-type": answer.type } : {});
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const call = () =>
    createDevRevClient({
      token: seeds.alicePat.value,
      baseUrl: url,
      maxRetries: 0,
    }).authTokens.selfDelete();

  it.each([
    ["a 200 with {}", { status: 200, body: "{}", type: "application/json" }],
    ["a 200 with a JSON object", { status: 200, body: '{"ok":true}', type: "application/json" }],
    ["a 200 with no body and no length", { status: 200 }],
    ["a 204", { status: 204 }],
  ])("%s is success", async (_what, given) => {
    answer = given;
    const result = await call();
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.history).toEqual([{ type: "ok", status: given.status, ms: expect.any(Number) }]);
  });

  it.each([
    ["a captive portal's HTML", { status: 200, body: "<html>Sign in</html>", type: "text/html" }],
    ["a JSON array", { status: 200, body: "[]", type: "application/json" }],
    ["a JSON string", { status: 200, body: '"ok"', type: "application/json" }],
  ])("a 200 with %s stays unexpected_response", async (_what, given) => {
    answer = given;
    const { error } = await call();
    expect(error).toMatchObject({ type: "unexpected_response", reason: "body_on_empty_success" });
  });
});

describe("no bursts", () => {
  it("Retry-After: 0 waits at least the first backoff step", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 0 }, { times: 2 });
    const result = await client({ maxRetries: 10 }).authTokens.selfDelete();
    expect(result.error).toBeUndefined();
    expect(mock.requests).toHaveLength(3);
    const gaps = [1, 2].map((i) => mock.requests[i]!.receivedAt - mock.requests[i - 1]!.receivedAt);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(490);
  });
});
