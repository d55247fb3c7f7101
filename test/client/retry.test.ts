import { describe, expect, it } from "vitest";
import { createDevRevClient, type RetryEvent } from "../../src/index.ts";
import { baseBackoffMs } from "../../src/retry.ts";
import { seeds, useMockServer, users } from "../support/mock.ts";

const mock = useMockServer();
const client = (options: { maxRetries?: number; maxRetryDelayMs?: number } = {}) => {
  const events: RetryEvent[] = [];
  const devrev = createDevRevClient({
    token: seeds.alicePat.value,
    baseUrl: mock.url,
    maxRetries: 2,
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { devrev, events };
};
const gapMs = (first: number, second: number) =>
  mock.requests[second]!.receivedAt - mock.requests[first]!.receivedAt;

describe("retries honour the server", () => {
  it("waits Retry-After seconds before the second attempt", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 1 });
    const { devrev, events } = client();
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toBeUndefined();
    expect(attempts).toBe(2);
    expect(gapMs(0, 1)).toBeGreaterThanOrEqual(990);
    // Generous: on two loaded cores the answer and the second request each take their time.
    expect(gapMs(0, 1)).toBeLessThan(2500);
    expect(events).toEqual([
      {
        attempt: 2,
        maxAttempts: 3,
        delayMs: 1000,
        serverAsked: true,
        reason: "too_many_requests",
        status: 429,
      },
    ]);
    expect(mock.listTokens(users.alice)[0]?.revoked).toBe(true);
  });

  it("waits until a Retry-After HTTP date", async () => {
    // A whole second, so the HTTP date (which has no milliseconds) says exactly this instant.
    const at = (Math.floor(Date.now() / 1000) + 2) * 1000;
    mock.inject({ kind: "error", status: 503, retryAfter: new Date(at).toUTCString() });
    const { devrev, events } = client();
    const { error } = await devrev.authTokens.selfDelete();
    expect(error).toBeUndefined();
    // Judged against the server's clock (this machine's), not against how long things took: the
    // client read the date after the first request arrived, and sent the second at that instant.
    const [first, second] = mock.requests;
    expect(events[0]?.delayMs).toBeGreaterThan(0);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(at - first!.receivedAt);
    expect(second!.receivedAt).toBeGreaterThanOrEqual(at - 20);
  });

  it("uses the body's retry_after when there is no header, and a 0 as the first backoff step", async () => {
    mock.inject({
      kind: "garbage",
      status: 429,
      body: JSON.stringify({ type: "too_many_requests", retry_after: 0 }),
    });
    const { devrev, events } = client();
    const { error } = await devrev.authTokens.selfDelete();
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ delayMs: baseBackoffMs, serverAsked: true });
    expect(gapMs(0, 1)).toBeGreaterThanOrEqual(baseBackoffMs - 10);
  });

  it("returns the 429 at once when the server asks for more than maxRetryDelayMs", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 120 });
    const { devrev, events } = client({ maxRetryDelayMs: 60_000 });
    const started = performance.now();
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toMatchObject({ type: "too_many_requests", status: 429, retryAfterMs: 120_000 });
    expect(attempts).toBe(1);
    expect(events).toEqual([]);
    // Not the 120 s asked for; the bound leaves room for busy cores around one HTTP round trip.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("backs off about 0.5 s when the server does not say", async () => {
    mock.inject({ kind: "error", status: 500 });
    const { devrev, events } = client();
    await devrev.authTokens.selfDelete();
    expect(events[0]).toMatchObject({
      attempt: 2,
      serverAsked: false,
      reason: "internal_error",
      status: 500,
    });
    expect(events[0]!.delayMs).toBeGreaterThanOrEqual(250);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(500);
  });
});

describe("what is retried", () => {
  it.each([
    ["429", { kind: "error", status: 429, retryAfter: 0 }],
    ["500", { kind: "error", status: 500 }],
    ["503", { kind: "error", status: 503, retryAfter: 0 }],
    ["a 502 HTML page", { kind: "html", status: 502 }],
    ["a 504", { kind: "garbage", status: 504, body: "gateway timeout", contentType: "text/plain" }],
    ["a dropped connection", { kind: "drop" }],
  ] as const)("%s is retried", async (_what, fault) => {
    mock.inject(fault);
    const { devrev } = client();
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toBeUndefined();
    expect(attempts).toBe(2);
  });

  it.each([400, 401, 403, 404] as const)("%i is not retried", async (status) => {
    mock.inject({ kind: "error", status }, { times: Infinity });
    const { devrev, events } = client();
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toMatchObject({ status });
    expect(attempts).toBe(1);
    expect(events).toEqual([]);
    expect(mock.requests).toHaveLength(1);
  });

  it("gives up after maxRetries and returns the last error", async () => {
    mock.inject({ kind: "error", status: 503, retryAfter: 0 }, { times: Infinity });
    const { devrev, events } = client({ maxRetries: 3 });
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toMatchObject({ type: "service_unavailable", status: 503 });
    expect(attempts).toBe(4);
    expect(events.map((e) => `${e.attempt}/${e.maxAttempts}`)).toEqual(["2/4", "3/4", "4/4"]);
  });

  it("a per-call maxRetries overrides the client's", async () => {
    mock.inject({ kind: "error", status: 503, retryAfter: 0 }, { times: Infinity });
    const { devrev } = client({ maxRetries: 3 });
    const { attempts } = await devrev.authTokens.selfDelete(undefined, { maxRetries: 0 });
    expect(attempts).toBe(1);
  });

  it("a throwing onRetry hook does not lose the call", async () => {
    mock.inject({ kind: "error", status: 503, retryAfter: 0 });
    const devrev = createDevRevClient({
      token: seeds.alicePat.value,
      baseUrl: mock.url,
      onRetry: () => {
        throw new Error("progress display broke");
      },
    });
    const { error, attempts } = await devrev.authTokens.selfDelete();
    expect(error).toBeUndefined();
    expect(attempts).toBe(2);
  });
});
