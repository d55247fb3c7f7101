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
