// What the transport tells, word by word and field by field: its log lines, the Error middleware's
// onError gets, the onRetry event, the keepalive quota's edge, and middleware's clock, which
// neither runs during the attempts nor lets a stalled call send anything afterwards.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError, type Middleware } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";
import { recordingLogger } from "../support/logger.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const body = { requested_token_type: types.pat };
const revoked = () => mock.listTokens(seeds.alicePat.user).filter((t) => t.revoked).length;

const call = "POST /auth-tokens.self.delete";
/** The whole milliseconds a line reports, given as `in N ms`. */
const msOf = (line: string | undefined) => Number(/ in (\d+) ms$/.exec(line ?? "")?.[1]);

describe("log lines", () => {
  it("a call's outcome reports the milliseconds it took, no more than the caller measured", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = createDevRevClient({ token, baseUrl: mock.url, logger, logLevel: "info" });
    const before = performance.now();
    await devrev.authTokens.selfDelete(body);
    const took = performance.now() - before;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^info devrev-auth-tokens: POST \/auth-tokens\.self\.delete ok after 1 attempt\(s\) in \d+ ms$/,
    );
    expect(msOf(lines[0])).toBeLessThanOrEqual(Math.ceil(took));
  });

  it("a failure with a status names its type and status, at info", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = createDevRevClient({
      token: "not-a-known-token",
      baseUrl: mock.url,
      logger,
      logLevel: "info",
    });
    const before = performance.now();
    const { error } = await devrev.authTokens.selfDelete(body);
    const took = performance.now() - before;
    expect(error?.type).toBe("unauthenticated");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^info devrev-auth-tokens: ${call} failed \\(unauthenticated 401\\) after 1 attempt\\(s\\) in \\d+ ms$`,
      ),
    );
    expect(msOf(lines[0])).toBeLessThanOrEqual(Math.ceil(took));
  });

  it("a failure without an answer names its type alone, and each attempt's line says so too", async () => {
    const { lines, logger } = recordingLogger();
    mock.inject({ kind: "delay", ms: 2000 });
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      logger,
      logLevel: "debug",
      maxRetries: 0,
      timeoutMs: 50,
    });
    const { error } = await devrev.authTokens.selfDelete(body);
    expect(error?.type).toBe("timeout");
    expect(lines.map((line) => line.replace(/ in \d+ ms/, " in N ms"))).toEqual([
      `debug devrev-auth-tokens: ${call} attempt 1 of 1: timeout in N ms`,
      `warn devrev-auth-tokens: ${call} attempt 1 (timeout) may have been acted on; its answer was lost.`,
      `info devrev-auth-tokens: ${call} failed (timeout) after 1 attempt(s) in N ms`,
    ]);
  });

  it("a token that cannot be had is logged at error", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = createDevRevClient({
      token: () => Promise.reject(new Error("vault sealed")),
      baseUrl: mock.url,
      logger,
      logLevel: "info",
    });
    const { error } = await devrev.authTokens.selfDelete(body);
    expect(error?.type).toBe("token_unavailable");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error devrev-auth-tokens: ${call} failed \\(token_unavailable\\) after 1 attempt\\(s\\) in \\d+ ms$`,
      ),
    );
  });

  it("a failure that is not retried for its own reasons warns of no long wait", async () => {
    const { lines, logger } = recordingLogger();
    const devrev = createDevRevClient({
      token: "not-a-known-token",
      baseUrl: mock.url,
      logger,
      logLevel: "debug",
    });
    const { error } = await devrev.authTokens.selfDelete(body);
    expect(error?.type).toBe("unauthenticated");
    // Nothing here is for a person to act on.
    expect(lines.filter((line) => line.startsWith("warn "))).toEqual([]);
    expect(lines).toHaveLength(2);
  });

  it("a retry after a failure without an answer waits the backoff, and the event has no status", async () => {
    const { lines, logger } = recordingLogger();
    const events: object[] = [];
    mock.inject({ kind: "drop" });
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      logger,
      logLevel: "debug",
      maxRetries: 1,
      onRetry: (event) => void events.push(event),
    });
    const { error, attempts } = await devrev.authTokens.selfDelete(body);
    expect({ error, attempts }).toEqual({ error: undefined, attempts: 2 });
    expect(events).toHaveLength(1);
    const [event] = events as { delayMs: number }[];
    expect(event).toStrictEqual({
      attempt: 2,
      maxAttempts: 2,
      delayMs: event!.delayMs,
      serverAsked: false,
      reason: "network_error",
      uncertain: true,
    });
    expect(lines).toContain(
      `debug devrev-auth-tokens: ${call} retrying in ${event!.delayMs} ms (backoff) after network_error`,
    );
  });

  it("a retry the server timed says so", async () => {
    const { lines, logger } = recordingLogger();
    mock.inject({ kind: "error", status: 503, retryAfter: 0 });
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      logger,
      logLevel: "debug",
      maxRetries: 1,
    });
    await devrev.authTokens.selfDelete(body);
    expect(lines).toContain(
      `debug devrev-auth-tokens: ${call} retrying in 500 ms (as the server asked) after service_unavailable`,
    );
  });
});

describe("what middleware's onError gets", () => {
  it("an Error named DevRevCallFailed whose message is the typed error's", async () => {
    mock.inject({ kind: "delay", ms: 2000 });
    let seen: unknown;
    const middleware: Middleware = { onError: ({ error }) => void (seen = error) };
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, timeoutMs: 50 });
    const { error } = await devrev.authTokens.selfDelete(body, { middleware: [middleware] });
    expect(error?.type).toBe("timeout");
    expect(seen).toBeInstanceOf(Error);
    expect((seen as Error).name).toBe("DevRevCallFailed");
    expect((seen as Error).message).toBe("No answer within 50 ms.");
    expect((seen as { error: unknown }).error).toEqual(error);
  });
});

describe("a custom fetch that throws a bug", () => {
  it("is recorded with the milliseconds its attempt took, no more than the caller measured", async () => {
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      fetch: () => {
        throw new RangeError("bug in the caller's fetch");
      },
    });
    const before = performance.now();
    const thrown = await devrev.authTokens.selfDelete(body).catch((error: unknown) => error);
    const took = performance.now() - before;
    expect(thrown).toBeInstanceOf(RangeError);
    const { history } = (thrown as { result: { history: { type: string; ms: number }[] } }).result;
    expect(history.map((record) => record.type)).toEqual(["fetch_threw"]);
    expect(history[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(history[0]!.ms).toBeLessThanOrEqual(Math.ceil(took));
  });
});

describe("the token stays under the base URL", () => {
  it("a raw path that climbs out of the base path is refused, naming where it led", async () => {
    const base = `${mock.url}/api`;
    const devrev = createDevRevClient({ token, baseUrl: base, maxRetries: 0 });
    const call = devrev.raw.POST("/../auth-tokens.self.delete" as never, { body } as never);
    await expect(call).rejects.toThrow(
      new DevRevUsageError(
        `Refusing to send the token to ${mock.url}: the request's URL is not under ${base}.`,
      ),
    );
    expect(mock.requests).toHaveLength(0);
  });

  it("middleware that moves the request elsewhere is refused, and told so", async () => {
    const mover: Middleware = {
      onRequest: ({ request }) =>
        new Request("https://elsewhere.example/steal", {
          method: "POST",
          headers: request.headers,
          body: "{}",
        }),
    };
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const call = devrev.authTokens.selfDelete(body, { middleware: [mover] });
    await expect(call).rejects.toThrow(
      new DevRevUsageError(
        `Refusing to send the token to https://elsewhere.example: the request's URL is not under ${mock.url} (middleware moved it).`,
      ),
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("keepalive's 64 KiB quota", () => {
  /** Middleware that replaces the request's body with `size` bytes. */
  const bodyOf = (size: number): Middleware => ({
    onRequest: ({ request }) =>
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: "x".repeat(size),
      }),
  });

  it("a body of exactly 65536 bytes is sent", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    await devrev.authTokens.selfDelete(body, { keepalive: true, middleware: [bodyOf(65536)] });
    expect(mock.requests).toHaveLength(1);
  });

  it("a body of 65537 bytes is refused, nothing sent", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const call = devrev.authTokens.selfDelete(body, {
      keepalive: true,
      middleware: [bodyOf(65537)],
    });
    await expect(call).rejects.toThrow(
      "keepalive: the body is over the 65536 bytes browsers allow keepalive requests; send it without keepalive.",
    );
    expect(mock.requests).toHaveLength(0);
  });

  it("a Blob body is measured by its size", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const call = devrev.raw.POST("/auth-tokens.self.delete", {
      body,
      keepalive: true,
      bodySerializer: () => new Blob(["x".repeat(65537)]),
    });
    await expect(call).rejects.toThrow(DevRevUsageError);
    expect(mock.requests).toHaveLength(0);
  });

  it("a keepalive request without a body is sent", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const { response } = await devrev.raw.POST("/auth-tokens.self.delete", {
      keepalive: true,
    } as never);
    expect(response?.status).toBeGreaterThan(0);
    expect(mock.requests).toHaveLength(1);
  });
});

describe("middleware's clock", () => {
  /** An onRequest that does not return until `release()` is called. */
  function stallingOnRequest() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    return { release, onRequest: () => released.then(() => undefined) };
  }

  it("does not run while the attempts do: retries past timeoutMs still come to their outcome", async () => {
    // Each attempt well inside timeoutMs; the two waits (at least 500 ms each) take the call past it.
    mock.inject({ kind: "error", status: 503, retryAfter: 0 }, { times: 2 });
    const middleware: Middleware = { onResponse: () => undefined };
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 2, timeoutMs: 800 });
    const { error, attempts } = await devrev.authTokens.selfDelete(body, {
      middleware: [middleware],
    });
    expect({ error, attempts }).toEqual({ error: undefined, attempts: 3 });
    expect(revoked()).toBe(2);
  });

  it("a call that ended because middleware stalled sends nothing when it returns", async () => {
    const seen: string[] = [];
    const { release, onRequest } = stallingOnRequest();
    const slow: Middleware = {
      onRequest,
      onResponse: ({ response }) => void seen.push(`onResponse ${response.status}`),
      onError: ({ error }) => void seen.push(`onError ${(error as Error).message}`),
    };
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, timeoutMs: 50 });
    const { error, attempts } = await devrev.authTokens.selfDelete(body, { middleware: [slow] });
    expect(error).toEqual({
      type: "timeout",
      message: "Middleware did not return within 50 ms; nothing was sent.",
      timeoutMs: 50,
    });
    expect(attempts).toBe(0);
    release();
    await expect.poll(() => seen).toHaveLength(1);
    expect(seen).toEqual([
      "onError The call already ended (middleware did not return in time) before anything was sent; nothing is sent now.",
    ]);
    expect(mock.requests).toHaveLength(0);
    expect(revoked()).toBe(0);
  });

  it("a call aborted while middleware stalled sends nothing when it returns", async () => {
    const seen: string[] = [];
    const { release, onRequest } = stallingOnRequest();
    const slow: Middleware = {
      onRequest,
      onError: ({ error }) => void seen.push((error as Error).message),
    };
    const controller = new AbortController();
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const pending = devrev.authTokens.selfDelete(body, {
      middleware: [slow],
      signal: controller.signal,
    });
    controller.abort();
    const { error, attempts } = await pending;
    expect({ type: error?.type, attempts }).toEqual({ type: "aborted", attempts: 0 });
    release();
    await expect.poll(() => seen).toHaveLength(1);
    expect(seen).toEqual([
      "The call already ended (aborted) before anything was sent; nothing is sent now.",
    ]);
    expect(mock.requests).toHaveLength(0);
  });
});
