import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, parseRetryAfter, sleep } from "../src/retry.ts";

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
});
