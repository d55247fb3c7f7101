// What cannot work is refused before anything is sent, and a bug in a caller's fetch
// is thrown back instead of being retried as a network error.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";
import { seeds, useMockServer } from "../support/mock.ts";
import { expectNoSecret } from "../support/secrets.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;

describe("a baseUrl that cannot work is refused", () => {
  it.each([
    ["credentials", "https://user:hunter2-password@api.devrev.ai"],
    ["a user alone", "https://someone@api.devrev.ai"],
    ["a query", "https://api.devrev.ai/?x=1"],
    ["a fragment", "https://api.devrev.ai/#top"],
  ])("with %s, and the message never repeats a password", (_what, baseUrl) => {
    let thrown: unknown;
    try {
      createDevRevClient({ token, baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toMatch(/baseUrl must/);
    expectNoSecret(thrown, "hunter2-password");
  });
});

describe("a per-call baseUrl (raw) is checked as the client's is, before sending", () => {
  const devrev = () => createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });

  it.each([
    ["credentials", "https://user:hunter2-password@api.devrev.ai", /baseUrl must/],
    ["a query", "https://api.devrev.ai/?x=1", /baseUrl must/],
    ["plain http to another host", "http://api.devrev.ai", /https only/],
  ])("with %s", async (_what, baseUrl, message) => {
    const call = devrev().raw.POST("/auth-tokens.self.delete", { body: {}, baseUrl });
    const thrown = await call.catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toMatch(message);
    expectNoSecret(thrown, "hunter2-password");
    expectNoSecret(thrown, token);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("per-call options", () => {
  const devrev = () => createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });

  it.each([
    ["bodySerializer", { bodySerializer: () => "{}" }],
    ["Request", { Request: globalThis.Request }],
    ["fetch", { fetch: globalThis.fetch }],
    ["an unknown option", { retries: 3 }],
  ])(
    "%s is refused by selfDelete, naming what is allowed; nothing is sent",
    async (_what, options) => {
      await expect(devrev().authTokens.selfDelete({}, options as never)).rejects.toThrow(
        /does not take the option .*allowed options: signal, timeoutMs/,
      );
      expect(mock.requests).toHaveLength(0);
    },
  );

  it("raw refuses options that would bypass the client (fetch)", async () => {
    await expect(
      devrev().raw.POST("/auth-tokens.self.delete", { body: {}, fetch: globalThis.fetch } as never),
    ).rejects.toThrow(/does not take the option "fetch"/);
    expect(mock.requests).toHaveLength(0);
  });

  it("per-call headers are sent, over the client's", async () => {
    const client = createDevRevClient({
      token,
      baseUrl: mock.url,
      headers: { "x-trace": "client", "x-app": "a" },
    });
    const { error } = await client.authTokens.selfDelete({}, { headers: { "x-trace": "call-7" } });
    expect(error).toBeUndefined();
    expect(mock.requests[0]?.headers).toMatchObject({ "x-trace": "call-7", "x-app": "a" });
  });

  it.each([
    ["Authorization", { authorization: `Bearer ${token}` }, /must not hold Authorization/],
    ["a bad name", { "bad name": "x" }, /not a valid header name/],
    ["a CRLF in a value", { "x-a": "1\r\nx-b: 2" }, /without CR, LF or NUL/],
    ["a number value", { "x-a": 1 }, /must be a string/],
  ])("per-call headers with %s are refused", async (_what, headers, message) => {
    await expect(devrev().authTokens.selfDelete({}, { headers: headers as never })).rejects.toThrow(
      message,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a bug in a custom fetch is the caller's, not the network's", () => {
  it("a ReferenceError rejects the call at once, without retrying", async () => {
    let calls = 0;
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      maxRetries: 3,
      fetch: async () => {
        calls++;
        // @ts-expect-error: the bug under test
        return agent.fetch();
      },
    });
    await expect(devrev.authTokens.selfDelete()).rejects.toThrow(ReferenceError);
    expect(calls).toBe(1);
  });

  it("resolving with something that is not a Response rejects with a usage error", async () => {
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      fetch: async () => ({ ok: true }) as unknown as Response,
    });
    await expect(devrev.authTokens.selfDelete()).rejects.toThrow(/not a Response/);
  });

  it("a network failure from a custom fetch is still a retried network_error", async () => {
    let calls = 0;
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      maxRetries: 1,
      fetch: async (input, init) => {
        if (calls++ === 0) throw new TypeError("fetch failed");
        return fetch(input, init);
      },
    });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toBeUndefined();
    expect(result.history.map((entry) => entry.type)).toEqual(["network_error", "ok"]);
  });
});
