// With middleware, the answer a failed call ended with is shown to onResponse again: its status,
// its headers and what was read of its body, word for word; an answer with no body shows none;
// a browser's opaque redirect (status 0, which no Response can be built with) is shown as it came.
import { describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;

/** A client with middleware that records what onResponse was shown. */
function watched(options: Record<string, unknown> = {}) {
  const seen: { status: number; type: string; contentType: string | null; body: string | null }[] =
    [];
  const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, ...options });
  devrev.raw.use({
    async onResponse({ response }) {
      seen.push({
        status: response.status,
        type: response.type,
        contentType: response.headers.get("content-type"),
        body: response.body === null ? null : await response.text(),
      });
    },
  });
  return { devrev, seen };
}

describe("onResponse sees a failed call's answer again", () => {
  it("a 501 with a JSON body: its status, content type and the body's exact text", async () => {
    mock.inject({ kind: "garbage", status: 501, body: '{"error":"not implemented"}' });
    const { devrev, seen } = watched();
    const result = await devrev.authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 501 });
    expect(seen).toStrictEqual([
      {
        status: 501,
        type: "default",
        contentType: "application/json",
        body: '{"error":"not implemented"}',
      },
    ]);
  });

  it("an empty 504: no body at all, and no content type made up for one", async () => {
    mock.inject({ kind: "garbage", status: 504, contentType: "text/plain", body: "" });
    const { devrev, seen } = watched();
    const result = await devrev.authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 504 });
    expect(seen).toStrictEqual([
      { status: 504, type: "default", contentType: "text/plain", body: null },
    ]);
  });

  it("an empty answer without a content type stays without one", async () => {
    const bare = async () => new Response(null, { status: 502 });
    const { devrev, seen } = watched({ fetch: bare });
    const result = await devrev.authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 502 });
    expect(seen).toStrictEqual([{ status: 502, type: "default", contentType: null, body: null }]);
  });

  it("a browser's opaque redirect is judged a redirect and shown as it came (status 0)", async () => {
    const opaque = async () => {
      const answer = new Response(null, { status: 302 });
      Object.defineProperty(answer, "type", { value: "opaqueredirect" });
      Object.defineProperty(answer, "status", { value: 0 });
      return answer;
    };
    const { devrev, seen } = watched({ fetch: opaque });
    const result = await devrev.authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ type: "unexpected_response", reason: "redirect" });
    expect(seen).toStrictEqual([
      { status: 0, type: "opaqueredirect", contentType: null, body: null },
    ]);
  });
});
