import { describe, expect, it } from "vitest";
import { readBounded, snippetOf } from "../src/body.ts";

describe("bounded reading", () => {
  it("reads a small body whole", async () => {
    await expect(readBounded(new Response("hello"), 10)).resolves.toEqual({
      text: "hello",
      truncated: false,
    });
  });
  it("stops at the limit and says so", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(120));
      },
    });
    const { text, truncated } = await readBounded(new Response(endless), 4096);
    expect(truncated).toBe(true);
    expect(text).toHaveLength(4096);
    expect(pulled).toBeLessThan(10);
  });
  it("keeps snippets within 1 KiB without splitting a character", () => {
    const text = "é".repeat(2000);
    const snippet = snippetOf(text);
    expect(new TextEncoder().encode(snippet).byteLength).toBeLessThanOrEqual(1024);
    expect(snippet).toBe("é".repeat(512));
    expect(snippetOf("short")).toBe("short");
  });
});

/** A body that arrives in the given chunks, recording whether it was cancelled. */
function chunked(chunks: Uint8Array[]) {
  const seen = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[seen.pulled++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { response: new Response(stream), seen };
}

describe("bounded reading, at its edges", () => {
  it("a character split across two chunks is kept whole", async () => {
    const bytes = new TextEncoder().encode("€uro");
    const { response } = chunked([bytes.subarray(0, 2), bytes.subarray(2)]);
    await expect(readBounded(response, 64)).resolves.toEqual({ text: "€uro", truncated: false });
  });

  it("a body of exactly the limit is whole; one byte more is cut", async () => {
    const exact = chunked([new Uint8Array(10).fill(97)]);
    await expect(readBounded(exact.response, 10)).resolves.toEqual({
      text: "a".repeat(10),
      truncated: false,
    });
    const over = chunked([new Uint8Array(11).fill(97)]);
    await expect(readBounded(over.response, 10)).resolves.toEqual({
      text: "a".repeat(10),
      truncated: true,
    });
  });

  it("the rest of an oversized body is cancelled, not drained", async () => {
    const { response, seen } = chunked([new Uint8Array(8), new Uint8Array(8), new Uint8Array(8)]);
    await readBounded(response, 10);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(3);
  });

  it("a body read whole is not cancelled", async () => {
    const { response, seen } = chunked([new Uint8Array(4)]);
    await readBounded(response, 10);
    expect(seen.cancelled).toBe(false);
  });

  it("an abort cancels the body and rejects with its reason", async () => {
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const controller = new AbortController();
    const reading = readBounded(new Response(never), 10, controller.signal);
    controller.abort(new Error("the attempt's clock"));
    await expect(reading).rejects.toThrow("the attempt's clock");
  });
});
