// The wait a server asks for when its body says nothing usable, and a wait that leaves nothing
// behind on the caller's signal.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { serverAskedMs, sleep } from "../src/retry.ts";

describe("the wait a body asks for", () => {
  it("no body, or a body that is null, asks for nothing", () => {
    expect(serverAskedMs(undefined, undefined)).toBeUndefined();
    expect(serverAskedMs(undefined, null)).toBeUndefined();
  });
  it("retry_after must be a finite number of seconds, not less than 0", () => {
    expect(serverAskedMs(undefined, { retry_after: 2.5 })).toBe(2500);
    expect(serverAskedMs(undefined, { retry_after: 0 })).toBe(0);
    // JSON.parse reads 1e400 as Infinity.
    expect(serverAskedMs(undefined, JSON.parse('{"retry_after": 1e400}'))).toBeUndefined();
    expect(serverAskedMs(undefined, { retry_after: -1 })).toBeUndefined();
    expect(serverAskedMs(undefined, { retry_after: "5" })).toBeUndefined();
  });
});

describe("a wait on the caller's signal", () => {
  it("that ends leaves no listener on the signal (a long-lived signal does not collect one per retry)", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) expect(await sleep(1, controller.signal)).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
  it("that is aborted resolves false and leaves no listener on the signal", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
