// readBounded leaves nothing behind: the body's stream is unlocked once read, and a signal that
// outlives many reads (a caller's, shared by calls) gathers no listeners from them.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { maxErrorBodyBytes, readBounded } from "../src/body.ts";

const body = (text: string) =>
  new Response(text, { status: 500, headers: { "content-type": "text/plain" } });

describe("readBounded leaves nothing behind", () => {
  it.each([
    ["read whole", "a short error page", 1024],
    ["cut at the limit", "x".repeat(2048), 16],
  ])("a body %s: its stream is unlocked afterwards", async (_how, text, limit) => {
    const response = body(text);
    const read = await readBounded(response, limit);
    expect(read.text).toBe(text.slice(0, limit));
    expect(response.body!.locked).toBe(false);
  });

  it("a signal given to a hundred reads holds none of their listeners afterwards", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 100; i++)
      await readBounded(body(`page ${i}`), maxErrorBodyBytes, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
