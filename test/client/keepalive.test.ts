// `keepalive`: a declared per-call option, checked like the others, handed to `fetch` on every
// attempt and on nothing else. What a browser does with it is shown in test/browser.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError, type Middleware } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const body = { requested_token_type: types.pat };

/** A client whose fetch is the real one, noting what each attempt asked of it. */
function recordingClient(maxRetries = 0) {
  const inits: RequestInit[] = [];
  const devrev = createDevRevClient({
    token: seeds.alicePat.value,
    baseUrl: mock.url,
    maxRetries,
    fetch: (input, init) => {
      inits.push(init);
      return globalThis.fetch(input, init);
    },
  });
  return { devrev, inits };
}

describe("keepalive", () => {
  it("is handed to fetch when asked, and the revocation goes through", async () => {
    const { devrev, inits } = recordingClient();
    const { error } = await devrev.authTokens.selfDelete(body, { keepalive: true });
    expect(error).toBeUndefined();
    expect(inits.map((init) => init.keepalive)).toEqual([true]);
    expect(mock.listTokens(seeds.alicePat.user).filter((t) => t.revoked)).toHaveLength(2);
  });

  it("goes with every attempt, retries included", async () => {
    mock.inject({ kind: "error", status: 503 });
    const { devrev, inits } = recordingClient(1);
    const { error, attempts } = await devrev.authTokens.selfDelete(body, { keepalive: true });
    expect({ error, attempts }).toEqual({ error: undefined, attempts: 2 });
    expect(inits.map((init) => init.keepalive)).toEqual([true, true]);
  });

  it("goes with the attempts of a call that runs middleware, and of raw", async () => {
    const { devrev, inits } = recordingClient();
    const seen: string[] = [];
    const middleware: Middleware = {
      onResponse: ({ response }) => void seen.push(`${response.status}`),
    };
    await devrev.authTokens.selfDelete(body, { keepalive: true, middleware: [middleware] });
    await devrev.raw.POST("/auth-tokens.self.delete", { body, keepalive: true });
    expect(seen).toEqual(["200"]);
    expect(inits.map((init) => init.keepalive)).toEqual([true, true]);
  });

  it("is not in fetch's init unless asked (false and absent alike)", async () => {
    const { devrev, inits } = recordingClient();
    await devrev.authTokens.selfDelete(body);
    await devrev.authTokens.selfDelete(body, { keepalive: false });
    expect(inits.map((init) => "keepalive" in init)).toEqual([false, false]);
  });

  it.each([["yes"], [1], [null], [{}]])(
    "%j is refused before sending, saying what is allowed",
    async (value) => {
      const { devrev, inits } = recordingClient();
      const call = devrev.authTokens.selfDelete(body, { keepalive: value as never });
      await expect(call).rejects.toThrow(DevRevUsageError);
      // null is refused for every option, before its own check: "leave it out" is what it means.
      await expect(call).rejects.toThrow(
        value === null
          ? /keepalive is null; give a value, or leave it out/
          : /^keepalive must be true or false, got /,
      );
      const raw = devrev.raw.POST("/auth-tokens.self.delete", { body, keepalive: value as never });
      await expect(raw).rejects.toThrow(/keepalive (must be true or false|is null)/);
      expect(inits).toEqual([]);
      expect(mock.requests).toHaveLength(0);
    },
  );

  it("is among the options selfDelete lists when it refuses an unknown one", async () => {
    const { devrev } = recordingClient();
    await expect(devrev.authTokens.selfDelete(body, { keep_alive: true } as never)).rejects.toThrow(
      /allowed options: .*\bkeepalive\b/,
    );
  });
});

describe("keepalive's quota", () => {
  it("a body over the 64 KiB browsers allow keepalive is refused before sending, not failed as 'maybe sent'", async () => {
    const devrev = createDevRevClient({ token: seeds.alicePat.value, baseUrl: mock.url });
    const post = devrev.raw.POST as (path: string, init: object) => Promise<unknown>;
    await expect(
      post("/not-an-operation", { body: { padding: "x".repeat(64 * 1024) }, keepalive: true }),
    ).rejects.toThrow(/keepalive: the body is over the 65536 bytes/);
    // Whatever a serializer makes of it: bytes, a Blob, form fields.
    for (const made of [
      new Uint8Array(70_000),
      new Blob(["x".repeat(70_000)]),
      new URLSearchParams({ x: "y".repeat(70_000) }),
    ])
      await expect(
        post("/not-an-operation", { body: {}, bodySerializer: () => made, keepalive: true }),
      ).rejects.toThrow(/keepalive: the body is over/);
    expect(mock.requests).toHaveLength(0);
  });
});
