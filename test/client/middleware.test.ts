// openapi-fetch middleware works on devrev.raw and selfDelete as openapi-fetch
// documents it, once per call around every attempt, never seeing the token, and whatever it
// returns the result keeps exactly one of data and error.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";
import { recordingLogger } from "../support/logger.ts";
import { seeds, types, useMockServer, users } from "../support/mock.ts";
import { expectNoSecret } from "../support/secrets.ts";
import { unusedPort } from "../support/ports.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const client = (maxRetries = 0) => createDevRevClient({ token, baseUrl: mock.url, maxRetries });
const revokeSessions = { requested_token_type: types.session } as const;

describe("openapi-fetch's documented middleware, unchanged, against devrev.raw", () => {
  it("onRequest adds a header, which every attempt carries", async () => {
    // From openapi-fetch's middleware documentation.
    const myMiddleware: Middleware = {
      async onRequest({ request }) {
        request.headers.set("foo", "bar");
        return request;
      },
    };
    const devrev = client(1);
    devrev.raw.use(myMiddleware);
    mock.inject({ kind: "error", status: 503, retryAfter: 0 });
    const { error, history } = await devrev.raw.POST("/auth-tokens.self.delete", {
      body: revokeSessions,
    });
    expect(error).toBeUndefined();
    expect(history.map((entry) => entry.type)).toEqual(["service_unavailable", "ok"]);
    expect(mock.requests.map((request) => request.headers.foo)).toEqual(["bar", "bar"]);
  });

  it("onResponse reads the status of the answer the call ended with, once per call", async () => {
    const statuses: number[] = [];
    const devrev = client(2);
    devrev.raw.use({
      async onResponse({ response }) {
        statuses.push(response.status);
      },
    });
    mock.inject({ kind: "error", status: 429, retryAfter: 0 });
    mock.inject({ kind: "error", status: 401 });
    const result = await devrev.raw.POST("/auth-tokens.self.delete", { body: revokeSessions });
    expect(result.error).toMatchObject({ type: "unauthenticated", status: 401 });
    expect(statuses).toEqual([401]);
    expect(result.attempts).toBe(2);
  });

  it("onError handles a failure without an answer; the call still resolves with the typed error", async () => {
    const seen: unknown[] = [];
    const devrev = createDevRevClient({
      token,
      baseUrl: `http://127.0.0.1:${await unusedPort()}`,
      maxRetries: 0,
    });
    devrev.raw.use({
      async onError({ error }) {
        seen.push(error);
        return new Error("Oops, fetch failed", { cause: error });
      },
    });
    const result = await devrev.raw.POST("/auth-tokens.self.delete", { body: {} });
    expect(result.error?.type).toBe("network_error");
    expect("data" in result && result.data !== undefined).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Error);
    expect((seen[0] as { error: { type: string } }).error.type).toBe("network_error");
  });
});

describe("what middleware sees and may change", () => {
  it("never the token: Authorization is added to each attempt after onRequest", async () => {
    const seen: (string | null)[] = [];
    const devrev = client();
    devrev.raw.use({
      onRequest: ({ request }) => void seen.push(request.headers.get("authorization")),
    });
    const result = await devrev.authTokens.selfDelete(revokeSessions);
    expect(result.error).toBeUndefined();
    expect(seen).toEqual([null]);
    expect(mock.requests[0]?.auth).toBe("bearer");
  });

  it("onRequest may return a new Request", async () => {
    const devrev = client();
    devrev.raw.use({
      onRequest: ({ request }) =>
        new Request(request, {
          headers: { "x-replaced": "yes", "content-type": "application/json" },
        }),
    });
    const result = await devrev.authTokens.selfDelete(revokeSessions);
    expect(result.error).toBeUndefined();
    expect(mock.requests[0]?.headers["x-replaced"]).toBe("yes");
    expect(mock.requests[0]?.json).toEqual(revokeSessions);
    expect(mock.listTokens(users.alice).find((t) => t.type === types.session)?.revoked).toBe(true);
  });

  it("not where the token goes: a Request moved to another origin is refused, and nothing is sent", async () => {
    const arrived: (string | undefined)[] = [];
    const elsewhere = createServer((request, response) => {
      arrived.push(request.headers.authorization);
      response.writeHead(200, { "content-length": "0" }).end();
    });
    await new Promise<void>((listening) => elsewhere.listen(0, "127.0.0.1", listening));
    const other = `http://localhost:${(elsewhere.address() as AddressInfo).port}`;
    try {
      const devrev = client();
      devrev.raw.use({ onRequest: ({ request }) => new Request(`${other}/collect`, request) });
      const thrown = await devrev.authTokens.selfDelete(revokeSessions).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(DevRevUsageError);
      expect(String(thrown)).toContain(`Refusing to send the token to ${other}`);
      expect(String(thrown)).toContain(new URL(mock.url).origin);
      expectNoSecret(thrown, token);
      expect(arrived).toEqual([]);
      expect(mock.requests).toHaveLength(0);
    } finally {
      await new Promise((closed) => elsewhere.close(closed));
    }
  });

  it("a Request moved within the origin goes (middleware may rewrite the path)", async () => {
    const devrev = client();
    devrev.raw.use({
      onRequest: ({ request }) => new Request(`${request.url}?trace=1`, request),
    });
    const result = await devrev.authTokens.selfDelete(revokeSessions);
    expect(result.error).toBeUndefined();
    expect(mock.requests[0]?.auth).toBe("bearer");
  });

  it("an answer onResponse puts in place of the server's is judged like any other", async () => {
    const devrev = client();
    devrev.raw.use({
      onResponse: () =>
        new Response("<html>proxy</html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    });
    const result = await devrev.authTokens.selfDelete(revokeSessions);
    expect(result.error).toMatchObject({ type: "unexpected_response", status: 502 });
    expect(result.data).toBeUndefined();
  });

  it("onError may answer a failure itself, and that answer is judged", async () => {
    const devrev = createDevRevClient({
      token,
      baseUrl: `http://127.0.0.1:${await unusedPort()}`,
      maxRetries: 0,
    });
    devrev.raw.use({ onError: () => new Response(null, { status: 200 }) });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toBeUndefined();
    expect(result.history.map((entry) => entry.type)).toEqual(["network_error"]);
  });

  it("onRequest may answer the call itself: nothing is sent, and the answer is judged", async () => {
    const devrev = client();
    devrev.raw.use({
      onRequest: () =>
        new Response(JSON.stringify({ type: "forbidden", message: "blocked here" }), {
          status: 403,
          headers: { "content-type": "application/json" },
        }),
    });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "forbidden", status: 403 });
    expect(result.attempts).toBe(0);
    expect(mock.requests).toHaveLength(0);
  });

  it("an answer echoing the token through middleware is redacted", async () => {
    const devrev = client();
    devrev.raw.use({
      onResponse: () =>
        new Response(JSON.stringify({ type: "forbidden", message: `no, ${token}` }), {
          status: 403,
          headers: { "content-type": "application/json" },
        }),
    });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error?.type).toBe("forbidden");
    expectNoSecret({ ...result, response: undefined }, token);
  });
});

describe("answers that end the body early, with middleware keeping a copy", () => {
  it("a 200 with content-length: 0 resolves (a cancelled body must not wait for its copy)", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.once("end", () => res.writeHead(200, { "content-length": "0" }).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const devrev = createDevRevClient({
        token,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        timeoutMs: 2_000,
      });
      devrev.raw.use({ onResponse: () => undefined });
      const result = await devrev.authTokens.selfDelete();
      expect(result.error).toBeUndefined();
      expect(result.history).toEqual([{ type: "ok", status: 200, ms: expect.any(Number) }]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a huge body is cut short and judged, not waited out", async () => {
    mock.inject({ kind: "huge", status: 500, bytes: 20 * 1024 * 1024 });
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      maxRetries: 0,
      timeoutMs: 5_000,
    });
    devrev.raw.use({ onRequest: () => undefined });
    const result = await devrev.authTokens.selfDelete();
    expect(result.error).toMatchObject({ type: "unexpected_response", reason: "body_too_large" });
  });
});

describe("middleware that throws", () => {
  it("before sending: the call rejects with its error, and nothing is sent", async () => {
    const devrev = client();
    const bug = new TypeError("tracer is not a function");
    devrev.raw.use({
      onRequest: () => {
        throw bug;
      },
    });
    await expect(devrev.authTokens.selfDelete(revokeSessions)).rejects.toBe(bug);
    expect(mock.requests).toHaveLength(0);
  });

  it("after the revocation: the call rejects with its error, and the log says the outcome stands", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      maxRetries: 0,
      logger,
      logLevel: "warn",
    });
    const bug = new SyntaxError("Unexpected end of JSON input");
    devrev.raw.use({
      onResponse: () => {
        throw bug; // e.g. response.json() on the empty 200
      },
    });
    await expect(devrev.authTokens.selfDelete(revokeSessions)).rejects.toBe(bug);
    expect(mock.listTokens(users.alice).find((t) => t.type === types.session)?.revoked).toBe(true);
    expect(lines).toEqual([
      "warn devrev-auth-tokens: POST /auth-tokens.self.delete middleware threw after attempt 1 came to ok: that outcome stands.",
    ]);
    for (const line of lines) expect(line).not.toContain(token);
  });
});

describe("registering middleware", () => {
  it("per call, on selfDelete and raw, after the client's", async () => {
    const order: string[] = [];
    const devrev = client();
    devrev.raw.use({ onRequest: () => void order.push("client") });
    await devrev.authTokens.selfDelete(revokeSessions, {
      middleware: [{ onRequest: () => void order.push("call") }],
    });
    await client().raw.request("post", "/auth-tokens.self.delete", {
      body: {},
      middleware: [{ onRequest: () => void order.push("raw call") }],
    });
    expect(order).toEqual(["client", "call", "raw call"]);
  });

  it("eject removes what use added", async () => {
    let calls = 0;
    const counting: Middleware = { onRequest: () => void calls++ };
    const devrev = client();
    devrev.raw.use(counting);
    await devrev.authTokens.selfDelete(revokeSessions);
    devrev.raw.eject(counting);
    await devrev.authTokens.selfDelete(revokeSessions);
    expect(calls).toBe(1);
  });

  it("something that is not middleware is refused before anything is sent", async () => {
    expect(() => client().raw.use({} as Middleware)).toThrow(DevRevUsageError);
    await expect(
      client().authTokens.selfDelete({}, { middleware: [42 as unknown as Middleware] }),
    ).rejects.toThrow(/onRequest, onResponse or onError/);
    expect(mock.requests).toHaveLength(0);
  });
});
