// The exact words and fields of an attempt that failed: what a person reads and a program
// switches on, word for word, for each way an attempt can end without a judged answer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;
const client = (options: Record<string, unknown> = {}) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, ...options });

/** A fetch that ignores its signal and never answers. */
const silentFetch = () => new Promise<Response>(() => {});

/** What a call resolved with, or "hung" when it had not within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"hung">((resolve) => setTimeout(resolve, ms, "hung"))]);

describe("a token function that fails: nothing was sent, in words", () => {
  it("one that never settles: 'did not return within 100 ms; nothing was sent.', no cause", async () => {
    const result = await client({
      token: () => new Promise<string>(() => {}),
      timeoutMs: 100,
    }).authTokens.selfDelete();
    expect(result.error).toStrictEqual({
      type: "token_unavailable",
      message: "The token function did not return within 100 ms; nothing was sent.",
    });
    expect(mock.requests).toHaveLength(0);
  });

  it("one that throws: 'failed or returned an unusable token; nothing was sent.', with its cause", async () => {
    const result = await client({
      token: () => {
        throw new Error("vault sealed");
      },
    }).authTokens.selfDelete();
    expect(result.error).toStrictEqual({
      type: "token_unavailable",
      message: "The token function failed or returned an unusable token; nothing was sent.",
      cause: "vault sealed",
    });
  });

  it("one that aborts the caller's signal itself ends at once, aborted before the request was sent", async () => {
    const caller = new AbortController();
    const devrev = client({
      token: () => {
        caller.abort();
        return new Promise<string>(() => {});
      },
      timeoutMs: 60_000,
    });
    const result = await within(
      devrev.authTokens.selfDelete(undefined, { signal: caller.signal }),
      5_000,
    );
    expect(result).not.toBe("hung");
    if (result === "hung") return;
    expect(result.error).toStrictEqual({
      type: "aborted",
      message: "The call was aborted by its signal before the request was sent.",
    });
    expect(result.history).toStrictEqual([{ type: "aborted", ms: expect.any(Number) }]);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a fetch that failed or did not answer: the exact error, and no status in the history", () => {
  it("no answer within timeoutMs: 'No answer within 300 ms.', no cause, uncertain", async () => {
    const result = await client({ fetch: silentFetch, timeoutMs: 300 }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.error).toStrictEqual({
      type: "timeout",
      message: "No answer within 300 ms.",
      timeoutMs: 300,
    });
    expect(result.history).toStrictEqual([
      { type: "timeout", ms: expect.any(Number), uncertain: true },
    ]);
  });

  it("a connection reset: 'The connection failed or dropped before a whole answer arrived.', uncertain", async () => {
    const reset = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
      });
    };
    const result = await client({ fetch: reset }).authTokens.selfDelete(revokePats);
    expect(result.error).toStrictEqual({
      type: "network_error",
      message: "The connection failed or dropped before a whole answer arrived.",
      cause: "UND_ERR_SOCKET: other side closed",
    });
    expect(result.history).toStrictEqual([
      { type: "network_error", ms: expect.any(Number), uncertain: true },
    ]);
  });

  it("a refused connection: the same words, its cause, and not uncertain (nothing was sent)", async () => {
    const refused = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
          code: "ECONNREFUSED",
        }),
      });
    };
    const result = await client({ fetch: refused }).authTokens.selfDelete(revokePats);
    expect(result.error).toStrictEqual({
      type: "network_error",
      message: "The connection failed or dropped before a whole answer arrived.",
      cause: "connect ECONNREFUSED 127.0.0.1:1",
    });
    expect(result.history).toStrictEqual([{ type: "network_error", ms: expect.any(Number) }]);
  });

  it("Response.error(): a network_error whose cause names it", async () => {
    const result = await client({ fetch: async () => Response.error() }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.error).toStrictEqual({
      type: "network_error",
      message: "The connection failed or dropped before a whole answer arrived.",
      cause: "network error (Response.error())",
    });
  });

  it("an answer whose body then fails is uncertain, whatever the failure's words say", async () => {
    // Words that, before an answer, would mean the connection was never made.
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
        code: "ECONNREFUSED",
      }),
    });
    const failingBody = () =>
      new Response(
        new ReadableStream({
          pull: (controller) => controller.error(refused),
        }),
        { status: 500, headers: { "content-type": "application/json" } },
      );
    const result = await client({ fetch: async () => failingBody() }).authTokens.selfDelete(
      revokePats,
    );
    expect(result.error).toMatchObject({ type: "network_error" });
    expect(result.history).toStrictEqual([
      { type: "network_error", status: 500, ms: expect.any(Number), uncertain: true },
    ]);
  });
});

describe("a fetch option that resolves with something that is not a Response", () => {
  const rejection = async (value: unknown) => {
    const thrown = await client({ fetch: async () => value })
      .authTokens.selfDelete(revokePats)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    return (thrown as Error).message;
  };

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["number", 200],
    ["string", "ok"],
  ])("with %s: the message names what it was", async (what, value) => {
    expect(await rejection(value)).toBe(`The fetch option resolved with ${what}, not a Response.`);
  });

  const get = () => null;
  it.each([
    ["no headers", { status: 200, body: null }],
    ["headers without get", { headers: {}, status: 200, body: null }],
    ["no status", { headers: { get }, body: null }],
    ["a status that is not a number", { headers: { get }, status: "200", body: null }],
    ["no body", { headers: { get }, status: 200 }],
    ["only headers", { headers: { get } }],
    ["only a body", { body: null }],
  ])("an object with %s is not a Response", async (_what, value) => {
    expect(await rejection(value)).toBe("The fetch option resolved with object, not a Response.");
  });
});

describe("a custom fetch that followed a redirect: the exact error", () => {
  let elsewhere: Server;
  let elsewhereUrl = "";
  beforeAll(async () => {
    elsewhere = createServer((_request, response) =>
      response.writeHead(418, { "content-type": "text/plain", "x-from": "elsewhere" }).end("tea"),
    );
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

  const following = (url: string, init: RequestInit) => fetch(url, { ...init, redirect: "follow" });

  it("names the status and the origin it came from, with no body snippet", async () => {
    mock.inject({ kind: "redirect", location: `${elsewhereUrl}/auth-tokens.self.delete` });
    const result = await client({ fetch: following }).authTokens.selfDelete(revokePats);
    expect(result.error).toStrictEqual({
      type: "unexpected_response",
      reason: "redirect",
      status: 418,
      contentType: "text/plain",
      bodySnippet: "",
      message: `The fetch option followed a redirect (this client never does): the 418 came from ${elsewhereUrl}, which may have acted on the request.`,
    });
    expect(result.history).toStrictEqual([
      { type: "unexpected_response", status: 418, ms: expect.any(Number), uncertain: true },
    ]);
  });

  it("middleware's onResponse sees the redirected answer's status and headers", async () => {
    mock.inject({ kind: "redirect", location: `${elsewhereUrl}/auth-tokens.self.delete` });
    const seen: { status: number; from: string | null }[] = [];
    const devrev = client({ fetch: following });
    devrev.raw.use({
      onResponse: ({ response }) =>
        void seen.push({ status: response.status, from: response.headers.get("x-from") }),
    });
    const result = await devrev.authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({ reason: "redirect", status: 418 });
    expect(seen).toStrictEqual([{ status: 418, from: "elsewhere" }]);
  });

  it("redirected on the base's own origin is still a redirect, named by that origin", async () => {
    const marked = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      Object.defineProperty(answer, "redirected", { value: true });
      return answer;
    };
    const result = await client({ fetch: marked }).authTokens.selfDelete(revokePats);
    expect(result.error).toMatchObject({
      type: "unexpected_response",
      reason: "redirect",
      message: `The fetch option followed a redirect (this client never does): the 200 came from ${new URL(mock.url).origin}, which may have acted on the request.`,
    });
  });

  it.each([
    ["an empty url", ""],
    ["a url that is not a string", new URL("https://elsewhere.example/x")],
  ])("redirected with %s: it came from 'elsewhere'", async (_what, url) => {
    const marked = async () => {
      const answer = new Response(null, { status: 200 });
      Object.defineProperty(answer, "redirected", { value: true });
      Object.defineProperty(answer, "url", { value: url });
      return answer;
    };
    const result = await client({ fetch: marked }).authTokens.selfDelete(revokePats);
    expect(result.error?.message).toBe(
      "The fetch option followed a redirect (this client never does): the 200 came from elsewhere, which may have acted on the request.",
    );
  });

  it("an answer whose url is not a string, not redirected, is the base's own answer", async () => {
    const odd = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      Object.defineProperty(answer, "url", { value: new URL(url) });
      return answer;
    };
    const result = await client({ fetch: odd }).authTokens.selfDelete(revokePats);
    expect(result.error).toBeUndefined();
    expect(result.history).toStrictEqual([{ type: "ok", status: 200, ms: expect.any(Number) }]);
  });

  it("an answer built in place (its url empty) is the base's own answer, not a redirect", async () => {
    const rebuilt = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      return new Response(await answer.text(), { status: answer.status, headers: answer.headers });
    };
    const result = await client({ fetch: rebuilt }).authTokens.selfDelete(revokePats);
    expect(result.error).toBeUndefined();
    expect(result.history).toStrictEqual([{ type: "ok", status: 200, ms: expect.any(Number) }]);
  });
});
