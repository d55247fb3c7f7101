// What an attempt leaves behind once it is over: an answer that arrives after the attempt gave
// up has its body cancelled (its connection is not held by a stream nobody reads), a late answer
// that has no body or is not a Response is dropped quietly, and a caller's signal keeps none of
// the attempt's listeners.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;
const client = (options: Record<string, unknown> = {}) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, ...options });

/** A fetch that ignores its signal and resolves with `late()` after `ms`. */
const lateFetch = (ms: number, late: () => unknown) => () =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(late() as Response), ms));

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
  unhandled.length = 0;
});

describe("an answer that arrives after the attempt's clock ran out", () => {
  it("has its body cancelled", async () => {
    let cancelled = false;
    const endless = () =>
      new Response(
        new ReadableStream({
          pull: () => new Promise(() => {}),
          cancel: () => void (cancelled = true),
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const result = await client({
      fetch: lateFetch(150, endless),
      timeoutMs: 50,
    }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "timeout" });
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 5_000, interval: 20 });
  });

  it("as well after the caller aborted", async () => {
    let cancelled = false;
    const endless = () =>
      new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), {
        status: 200,
      });
    const result = await client({ fetch: lateFetch(150, endless) }).authTokens.selfDelete(
      revokePats,
      { signal: AbortSignal.timeout(50) },
    );
    expect(result.error).toMatchObject({ type: "aborted" });
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 5_000, interval: 20 });
  });

  it.each([
    ["a Response without a body", () => new Response(null, { status: 204 })],
    ["null", () => null],
    ["a plain object", () => ({ status: 200 })],
  ])("is dropped quietly when it is %s", async (_what, late) => {
    process.on("unhandledRejection", onUnhandled);
    const result = await client({
      fetch: lateFetch(100, late),
      timeoutMs: 30,
    }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "timeout" });
    // Past the late answer, and a few turns of the event loop for a rejection to surface.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toStrictEqual([]);
  });
});

describe("a caller's signal keeps none of an attempt's listeners", () => {
  it("after twenty calls with one signal, it has no abort listener", async () => {
    const caller = new AbortController();
    const devrev = client();
    for (let i = 0; i < 20; i++) {
      mock.reset();
      await devrev.authTokens.selfDelete(revokePats, { signal: caller.signal });
    }
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});
