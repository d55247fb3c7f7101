// Middleware that stalls outside the attempts: the exact error and warning a person reads, when
// the watchdog's clock runs (only while middleware runs), and that a call which came to its end
// leaves no watchdog behind to speak later.
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createDevRevClient, type Logger } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";
import { recordingLogger } from "../support/logger.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;
const hang = () => new Promise<undefined>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function client(options: { timeoutMs: number; maxRetries?: number; logger?: Logger }) {
  return createDevRevClient({
    token,
    baseUrl: mock.url,
    maxRetries: options.maxRetries ?? 0,
    timeoutMs: options.timeoutMs,
    logLevel: options.logger ? "warn" : "off",
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

describe("middleware that stalls before anything is sent", () => {
  it("ends the call after timeoutMs with a timeout that says nothing was sent", async () => {
    const result = await client({ timeoutMs: 150 }).authTokens.selfDelete(revokePats, {
      middleware: [{ onRequest: hang }],
    });
    expect(result.error).toEqual({
      type: "timeout",
      message: "Middleware did not return within 150 ms; nothing was sent.",
      timeoutMs: 150,
    });
    expect(result.response).toBeUndefined();
    expect(result.attempts).toBe(0);
    expect(mock.requests).toHaveLength(0);
  });

  it("an already aborted signal ends the call at once, saying it was aborted while middleware ran", async () => {
    const started = performance.now();
    const result = await client({ timeoutMs: 10_000 }).authTokens.selfDelete(revokePats, {
      signal: AbortSignal.abort(),
      middleware: [{ onRequest: hang }],
    });
    expect(result.error).toEqual({
      type: "aborted",
      message: "The call was aborted by its signal before anything was sent, while middleware ran.",
    });
    expect(result.attempts).toBe(0);
    expect(mock.requests).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("the caller's abort while an attempt is in flight", () => {
  it("is told as the attempt's abort (the server may have acted), not as one before anything was sent", async () => {
    mock.inject({ kind: "delay", ms: 3_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const result = await client({ timeoutMs: 10_000 }).authTokens.selfDelete(revokePats, {
      signal: controller.signal,
      middleware: [{ onRequest: () => undefined }],
    });
    expect(result.error?.type).toBe("aborted");
    expect(result.error?.message).toBe(
      "The call was aborted by its signal while a request was in flight: the server may have received it and acted on it.",
    );
    expect(result.attempts).toBe(1);
  });
});

describe("middleware that stalls after the attempts: the outcome stands, and a person is told", () => {
  it("warns, naming the wait and the attempt's outcome, when timeoutMs runs out", async () => {
    const { logger, warnings } = recordingLogger();
    const result = await client({ timeoutMs: 1_000, logger }).authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: hang }],
    });
    expect(result.error).toBeUndefined();
    expect(result.history).toEqual([{ type: "ok", status: 200, ms: expect.any(Number) }]);
    expect(warnings()).toEqual([
      "warn devrev-auth-tokens: POST /auth-tokens.self.delete middleware did not return (within 1000 ms) after attempt 1 came to ok: that outcome stands.",
    ]);
  });

  it("warns that the call was aborted when the caller aborts while middleware runs", async () => {
    const { logger, warnings } = recordingLogger();
    const controller = new AbortController();
    const result = await client({ timeoutMs: 10_000, logger }).authTokens.selfDelete(revokePats, {
      signal: controller.signal,
      middleware: [
        {
          onResponse: () => {
            setTimeout(() => controller.abort(), 20);
            return hang();
          },
        },
      ],
    });
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(warnings()).toEqual([
      "warn devrev-auth-tokens: POST /auth-tokens.self.delete middleware did not return (the call was aborted) after attempt 1 came to ok: that outcome stands.",
    ]);
  });

  it("a failed attempt's error stands, with its answer, when middleware then stalls", async () => {
    mock.inject({ kind: "error", status: 503, retryAfter: 0 });
    const result = await client({ timeoutMs: 1_000 }).authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: hang }],
    });
    expect(result.error).toMatchObject({ type: "service_unavailable", status: 503 });
    expect(result.response?.status).toBe(503);
    expect(result.attempts).toBe(1);
  });
});

describe("the watchdog's clock runs only while middleware runs", () => {
  it("a retry wait longer than timeoutMs does not end the call: the second attempt's success is the outcome", async () => {
    mock.inject({ kind: "error", status: 503, retryAfter: 1 });
    const result = await client({ timeoutMs: 600, maxRetries: 1 }).authTokens.selfDelete(
      revokePats,
      { middleware: [{ onRequest: () => undefined }] },
    );
    expect(result.error).toBeUndefined();
    expect(result.history.map((entry) => entry.type)).toEqual(["service_unavailable", "ok"]);
  });

  it("middleware that stalls after a slow attempt gets the whole timeoutMs after that attempt ended", async () => {
    // The attempt takes 400 ms of the 1000: the watchdog, set again when the attempt ends, gives
    // middleware 1000 ms from then, so the call cannot end before 400 + 1000 ms.
    mock.inject({ kind: "delay", ms: 400 });
    const started = performance.now();
    const result = await client({ timeoutMs: 1_000 }).authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: hang }],
    });
    const took = performance.now() - started;
    expect(result.error).toBeUndefined();
    expect(took).toBeGreaterThanOrEqual(400 + 1_000 - 5);
    expect(took).toBeLessThan(10_000);
  });
});

describe("a call that came to its end leaves no watchdog behind", () => {
  it("no warning later, when the middleware returned in time and timeoutMs passes after the call", async () => {
    const { logger, warnings } = recordingLogger();
    const quiet: Middleware = { onResponse: () => undefined };
    const result = await client({ timeoutMs: 300, logger }).authTokens.selfDelete(revokePats, {
      middleware: [quiet],
    });
    expect(result.error).toBeUndefined();
    await sleep(900);
    expect(warnings()).toEqual([]);
  });

  it("no warning later, when the caller aborts its signal after the call ended", async () => {
    const { logger, warnings } = recordingLogger();
    const controller = new AbortController();
    const result = await client({ timeoutMs: 10_000, logger }).authTokens.selfDelete(revokePats, {
      signal: controller.signal,
      middleware: [{ onResponse: () => undefined }],
    });
    expect(result.error).toBeUndefined();
    controller.abort();
    await sleep(50);
    expect(warnings()).toEqual([]);
  });

  it("one warning only, when the caller aborts after timeoutMs already ended the call", async () => {
    const { logger, warnings } = recordingLogger();
    const controller = new AbortController();
    const result = await client({ timeoutMs: 1_000, logger }).authTokens.selfDelete(revokePats, {
      signal: controller.signal,
      middleware: [{ onResponse: hang }],
    });
    expect(result.error).toBeUndefined();
    controller.abort();
    await sleep(300);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain("(within 1000 ms)");
  });
});
