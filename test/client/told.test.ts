// What a call tells, exactly: the words a person reads after an attempt whose answer was lost,
// what onRetry receives, and how long each attempt took.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError, type RetryEvent } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const client = (options: Record<string, unknown> = {}) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 1, ...options });

describe("after an attempt whose answer was lost", () => {
  it("a 401 says the lost attempt most likely revoked the token, the server's words last", async () => {
    mock.inject({ kind: "lose-answer" });
    const { error } = await client().authTokens.selfDelete({ requested_token_type: types.pat });
    expect(error?.message).toBe(
      "The token was refused after attempt 1 (network_error), whose answer was lost: that attempt most likely revoked it (if of the type being revoked), so this 401 is its result, not a refusal. (The server said: The authentication token is invalid or has been revoked.)",
    );
  });

  it("any other error keeps its own words, then says what came before", async () => {
    mock.inject({ kind: "drop" });
    mock.inject({ kind: "error", status: 403, body: { message: "No." } });
    const { error } = await client().authTokens.selfDelete({ requested_token_type: types.session });
    expect(error?.message).toBe(
      "No. Before this, attempt 1 (network_error) may have been acted on (its answer was lost).",
    );
    expect(error?.earlierAttemptUncertain).toBe(true);
  });

  it("onRetry is told the failed attempt may have been acted on; a refusal that changed nothing is not", async () => {
    const events: RetryEvent[] = [];
    mock.inject({ kind: "drop" });
    await client({ onRetry: (event: RetryEvent) => events.push(event) }).authTokens.selfDelete({
      requested_token_type: types.session,
    });
    mock.inject({ kind: "error", status: 429, retryAfter: 0 });
    await client({ onRetry: (event: RetryEvent) => events.push(event) }).authTokens.selfDelete({
      requested_token_type: types.session,
    });
    expect(events.map((event) => event.uncertain)).toEqual([true, undefined]);
    expect(events[0]).toMatchObject({ reason: "network_error", attempt: 2, maxAttempts: 2 });
    expect(events[1]).toMatchObject({
      reason: "too_many_requests",
      status: 429,
      serverAsked: true,
    });
  });
});

describe("success as gateways write it", () => {
  it.each(["\n", " \r\n ", "{}", '{"ok":true}'])(
    "a 200 whose body is %j is the contract's bodiless success",
    async (body) => {
      mock.inject({ kind: "garbage", status: 200, body, contentType: "application/json" });
      const { error, data } = await client({ maxRetries: 0 }).authTokens.selfDelete();
      expect(error).toBeUndefined();
      expect(data).toBeUndefined();
    },
  );
});

describe("history", () => {
  it("each attempt's ms is how long it took: within the call, and at least the server's delay", async () => {
    mock.inject({ kind: "delay", ms: 200 });
    const started = performance.now();
    const { history } = await client({ maxRetries: 0 }).authTokens.selfDelete();
    const elapsed = performance.now() - started;
    expect(history).toHaveLength(1);
    expect(history[0]!.ms).toBeGreaterThanOrEqual(190);
    expect(history[0]!.ms).toBeLessThanOrEqual(Math.ceil(elapsed));
  });
});

describe("option values are checked exactly", () => {
  it.each([
    [{ maxRetries: 11 }, "maxRetries must be a whole number from 0 to 10, got 11."],
    [{ maxRetries: 1.5 }, "maxRetries must be a whole number from 0 to 10, got 1.5."],
    [{ maxRetries: -1 }, "maxRetries must be a whole number from 0 to 10, got -1."],
    [
      { timeoutMs: "5000" },
      "timeoutMs must be a number of milliseconds from 1 to 2147483647, got string.",
    ],
    [{ timeoutMs: 0 }, "timeoutMs must be a number of milliseconds from 1 to 2147483647, got 0."],
    [
      { maxRetryDelayMs: -1 },
      "maxRetryDelayMs must be a number of milliseconds from 0 to 2147483647, got -1.",
    ],
    [{ onRetry: "log" }, "onRetry must be a function, got string."],
    [{ fetch: {} }, "fetch must be a function, got object."],
    [{ allowInsecureHttp: "yes" }, "allowInsecureHttp must be true or false, got string."],
  ])("%o", (options, message) => {
    let thrown: unknown;
    try {
      createDevRevClient({ token, baseUrl: mock.url, ...options } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it("the boundaries themselves are accepted", () => {
    expect(() =>
      createDevRevClient({
        token,
        baseUrl: mock.url,
        maxRetries: 10,
        timeoutMs: 1,
        maxRetryDelayMs: 0,
      }),
    ).not.toThrow();
    expect(() =>
      createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, timeoutMs: 2 ** 31 - 1 }),
    ).not.toThrow();
  });
});
