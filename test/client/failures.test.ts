import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import { seeds, useMockServer, users } from "../support/mock.ts";
import { unusedPort } from "../support/ports.ts";

const mock = useMockServer();
const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createDevRevClient({ token: seeds.alicePat.value, baseUrl: mock.url, maxRetries: 0, ...options });

describe("answers outside the contract become unexpected_response", () => {
  it("a proxy's HTML page on 502 keeps status, content type and a short snippet", async () => {
    mock.inject({ kind: "html", status: 502 });
    const { error } = await client().authTokens.selfDelete();
    if (error?.type !== "unexpected_response") throw new Error(`got ${error?.type}`);
    expect(error.reason).toBe("status_not_in_contract");
    expect(error.status).toBe(502);
    expect(error.contentType).toMatch(/^text\/html/);
    expect(error.bodySnippet).toMatch(/<html/i);
  });

  it("an HTML page on a status the contract lists is not_json", async () => {
    mock.inject({ kind: "html", status: 503 });
    const { error } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({ type: "unexpected_response", reason: "not_json", status: 503 });
  });

  it("a huge body is cut to a 1 KiB snippet without being read whole", async () => {
    mock.inject({ kind: "huge", status: 500, bytes: 50 * 1024 * 1024 });
    const started = performance.now();
    const { error } = await client().authTokens.selfDelete();
    if (error?.type !== "unexpected_response") throw new Error(`got ${error?.type}`);
    expect(error.reason).toBe("body_too_large");
    expect(new TextEncoder().encode(error.bodySnippet).byteLength).toBeLessThanOrEqual(1024);
    expect(error.bodySnippet.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a 200 with a body the contract does not have is not taken as success", async () => {
    mock.inject({
      kind: "garbage",
      status: 200,
      body: "<html>Sign in to the Wi-Fi</html>",
      contentType: "text/html",
    });
    const { error } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({
      type: "unexpected_response",
      reason: "body_on_empty_success",
      status: 200,
    });
  });

  it("a body whose type does not belong to its status is not labelled with a contract type", async () => {
    mock.inject({
      kind: "garbage",
      status: 401,
      body: JSON.stringify({ type: "forbidden", message: "m" }),
    });
    const { error } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({
      type: "unexpected_response",
      reason: "type_not_for_status",
      status: 401,
    });
  });

  it("JSON without a type is outside the contract", async () => {
    mock.inject({ kind: "garbage", status: 403, body: JSON.stringify({ error: "nope" }) });
    const { error } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({
      type: "unexpected_response",
      reason: "type_not_for_status",
      status: 403,
    });
  });

  it("a status the contract does not list", async () => {
    mock.inject({ kind: "garbage", status: 418, body: JSON.stringify({ type: "teapot" }) });
    const { error } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({
      type: "unexpected_response",
      reason: "status_not_in_contract",
      status: 418,
    });
  });
});

describe("redirects are never followed", () => {
  const seen: IncomingHttpHeaders[] = [];
  const elsewhere = createServer((req, res) => {
    seen.push(req.headers);
    res.end();
  });
  let elsewhereUrl = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

  it.each([301, 302, 307, 308] as const)(
    "%i to another origin: the token never gets there",
    async (status) => {
      mock.inject({ kind: "redirect", status, location: `${elsewhereUrl}/steal` });
      const { error, attempts } = await client({ maxRetries: 2 }).authTokens.selfDelete();
      expect(error).toMatchObject({
        type: "unexpected_response",
        reason: "redirect",
        status,
        location: `${elsewhereUrl}/steal`,
      });
      expect(attempts).toBe(1);
      expect(seen).toEqual([]);
      expect(mock.listTokens(users.alice).every((t) => !t.revoked)).toBe(true);
    },
  );
});

describe("transport failures", () => {
  it("a refused connection is a network_error", async () => {
    const port = await unusedPort();
    const devrev = createDevRevClient({
      token: "example-token",
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    const { error, response } = await devrev.authTokens.selfDelete();
    expect(error).toMatchObject({ type: "network_error" });
    if (error?.type === "network_error") expect(error.cause).toMatch(/ECONNREFUSED/);
    expect(response).toBeUndefined();
  });

  it.each(["headers", "body"] as const)(
    "a connection dropped during the %s is a network_error",
    async (during) => {
      mock.inject({ kind: "drop", during });
      const { error } = await client().authTokens.selfDelete();
      expect(error?.type).toBe("network_error");
    },
  );

  it("an attempt over timeoutMs is a timeout", async () => {
    mock.inject({ kind: "delay", ms: 5000 });
    const started = performance.now();
    const { error, attempts } = await client({ timeoutMs: 100 }).authTokens.selfDelete();
    expect(error).toMatchObject({ type: "timeout", timeoutMs: 100 });
    expect(attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a timed-out attempt is retried, and the retry can succeed", async () => {
    mock.inject({ kind: "delay", ms: 5000 });
    const { error, attempts } = await client({
      timeoutMs: 200,
      maxRetries: 1,
    }).authTokens.selfDelete();
    expect(error).toBeUndefined();
    expect(attempts).toBe(2);
  });
});

describe("aborting", () => {
  const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

  // The bounds below are the call ending at the abort, not at the 5 s answer or the 30 s wait;
  // wide enough for a worker that two busy cores hold up for a moment (typically 1–4 ms).
  it("during a request ends the call at once with aborted, not when the answer comes", async () => {
    mock.inject({ kind: "delay", ms: 5000 });
    const controller = new AbortController();
    const call = client().authTokens.selfDelete(undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = performance.now();
    controller.abort();
    const { error } = await call;
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(error?.type).toBe("aborted");
  });

  it("during a backoff wait ends the call at once and leaves no timer behind", async () => {
    const timersBefore = activeTimers();
    mock.inject({ kind: "error", status: 503, retryAfter: 30 });
    const controller = new AbortController();
    const call = client({ maxRetries: 2 }).authTokens.selfDelete(undefined, {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(mock.requests).toHaveLength(1);
    const abortedAt = performance.now();
    controller.abort();
    const { error, attempts } = await call;
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(error?.type).toBe("aborted");
    expect(attempts).toBe(1);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
  });

  it("an already aborted signal sends nothing", async () => {
    const { error, attempts } = await client().authTokens.selfDelete(undefined, {
      signal: AbortSignal.abort(),
    });
    expect(error?.type).toBe("aborted");
    // Nothing was attempted, so nothing is counted: the history is the truth about what was sent.
    expect(attempts).toBe(0);
    expect(mock.requests).toHaveLength(0);
  });

  it("a finished call leaves no timer behind", async () => {
    const before = activeTimers();
    await client({ timeoutMs: 60_000 }).authTokens.selfDelete();
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });
});
