import { describe, expect, it } from "vitest";
import {
  backoffMs,
  baseBackoffMs,
  decideRetry,
  isRetryableStatus,
  parseRetryAfter,
  serverAskedMs,
  sleep,
} from "../src/retry.ts";

describe("parseRetryAfter reads both forms RFC 9110 allows", () => {
  const now = Date.parse("Wed, 25 Nov 2026 12:00:00 GMT");
  it.each([
    ["3", 3000],
    ["0", 0],
    [" 120 ", 120_000],
    ["Wed, 25 Nov 2026 12:00:05 GMT", 5000], // IMF-fixdate
    ["Wednesday, 25-Nov-26 12:00:02 GMT", 2000], // RFC 850
    ["Wed Nov 25 12:00:01 2026", 1000], // asctime (read as UTC by the RFC, local by Date.parse in some zones)
    ["Wed, 25 Nov 2026 11:59:00 GMT", 0], // a date in the past means now
  ])("%j → %i ms", (value, expected) => {
    const parsed = parseRetryAfter(value, now);
    if (value.startsWith("Wed Nov")) {
      expect(parsed).toBeTypeOf("number");
    } else {
      expect(parsed).toBe(expected);
    }
  });

  it.each([null, undefined, "", "-1", "1.5", "soon", "2026-11-25"])("ignores %j", (value) => {
    expect(parseRetryAfter(value as string | null | undefined, now)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("starts near 0.5 s and doubles", () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 1)).toBe(500);
    expect(backoffMs(2, () => 1)).toBe(1000);
    expect(backoffMs(3, () => 1)).toBe(2000);
  });
  it("is capped at 8 s", () => {
    expect(backoffMs(10, () => 1)).toBe(8000);
    expect(backoffMs(30, () => 0.999)).toBeLessThanOrEqual(8000);
  });
  it("jitters within the upper half of the step", () => {
    for (let i = 0; i < 100; i++) {
      const wait = backoffMs(2);
      expect(wait).toBeGreaterThanOrEqual(500);
      expect(wait).toBeLessThanOrEqual(1000);
    }
  });
});

describe("what is retried", () => {
  it.each([429, 500, 502, 503, 504])("retries %i", (status) =>
    expect(isRetryableStatus(status)).toBe(true),
  );
  it.each([200, 301, 400, 401, 403, 404, 418, 501])("does not retry %i", (status) =>
    expect(isRetryableStatus(status)).toBe(false),
  );
});

describe("sleep", () => {
  it("ends early, resolving false, when the signal aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(sleep(10_000, controller.signal)).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
  it("resolves true after the wait", async () => {
    await expect(sleep(5)).resolves.toBe(true);
  });

  it("an abort clears its timer: nothing is left to keep the process alive", async () => {
    const controller = new AbortController();
    const cleared: unknown[] = [];
    const clear = globalThis.clearTimeout;
    globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
      cleared.push(id);
      clear(id);
    }) as typeof clearTimeout;
    try {
      const waiting = sleep(60_000, controller.signal);
      controller.abort();
      await expect(waiting).resolves.toBe(false);
      expect(cleared).toHaveLength(1);
    } finally {
      globalThis.clearTimeout = clear;
    }
  });

  it("a signal aborted before the wait starts: false at once, no timer set", async () => {
    const set = globalThis.setTimeout;
    let timers = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      timers++;
      return set(...args);
    }) as typeof setTimeout;
    try {
      await expect(sleep(60_000, AbortSignal.abort())).resolves.toBe(false);
      expect(timers).toBe(0);
    } finally {
      globalThis.setTimeout = set;
    }
  });

  it("a wait longer than a timer holds is cut to the longest it holds, not fired at once", async () => {
    const set = globalThis.setTimeout;
    const delays: unknown[] = [];
    globalThis.setTimeout = ((handler: () => void, delay?: number) => {
      delays.push(delay);
      return set(handler, 0);
    }) as typeof setTimeout;
    // Replaced only while sleep() runs (it sets its timer at once): a timer set by anything
    // else in this worker during the wait is neither recorded nor cut to 0.
    let waited: Promise<boolean>;
    try {
      waited = sleep(2 ** 40);
    } finally {
      globalThis.setTimeout = set;
    }
    expect(delays).toEqual([2 ** 31 - 1]);
    expect(await waited).toBe(true);
  });
});

describe("decideRetry: the whole retry policy, as one pure function", () => {
  const settings = { maxRetries: 2, maxRetryDelayMs: 60_000 };

  it.each([400, 401, 403, 404])("a %i is never retried", (status) => {
    expect(decideRetry({ type: "x", status }, 1, settings, undefined)).toEqual({
      retry: false,
      why: "not_retryable",
    });
  });

  it("an answer outside the contract on a status that is not retryable is not retried", () => {
    expect(
      decideRetry({ type: "unexpected_response", status: 302 }, 1, settings, undefined),
    ).toEqual({ retry: false, why: "not_retryable" });
  });

  it.each(["network_error", "timeout"])("%s is retried while attempts are left", (type) => {
    expect(decideRetry({ type }, 2, settings, undefined, () => 0)).toEqual({
      retry: true,
      delayMs: 500,
      serverAsked: false,
    });
    expect(decideRetry({ type }, 3, settings, undefined)).toEqual({
      retry: false,
      why: "attempts_used",
    });
  });

  it("waits what the server asked, in ms", () => {
    expect(decideRetry({ type: "too_many_requests", status: 429 }, 1, settings, 5000)).toEqual({
      retry: true,
      delayMs: 5000,
      serverAsked: true,
    });
  });

  it("a server asking for 0 still gets the first backoff step", () => {
    expect(decideRetry({ type: "service_unavailable", status: 503 }, 1, settings, 0)).toEqual({
      retry: true,
      delayMs: baseBackoffMs,
      serverAsked: true,
    });
  });

  it("a server asking for more than maxRetryDelayMs is not slept through", () => {
    expect(decideRetry({ type: "too_many_requests", status: 429 }, 1, settings, 60_001)).toEqual({
      retry: false,
      why: "wait_too_long",
    });
    expect(
      decideRetry({ type: "too_many_requests", status: 429 }, 1, settings, 60_000),
    ).toMatchObject({ retry: true, delayMs: 60_000 });
  });

  it("reads the body's retry_after as seconds", () => {
    expect(serverAskedMs(undefined, { retry_after: 5 })).toBe(5000);
    expect(
      serverAskedMs(new Response(null, { headers: { "retry-after": "2" } }), { retry_after: 5 }),
    ).toBe(2000);
    expect(serverAskedMs(undefined, { retry_after: -1 })).toBeUndefined();
    // The contract types it as an integer: anything else is not a wait the server asked for.
    expect(serverAskedMs(undefined, { retry_after: "7" })).toBeUndefined();
  });
});
