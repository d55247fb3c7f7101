import { describe, expect, it } from "vitest";
import { maxBodyBytes } from "../../src/testing/index.ts";
import { call, operationPath, seeds, types, useMockServer, users } from "../support/mock.ts";
import { contractBody } from "../support/bodies.ts";

const mock = useMockServer();
const revokePats = { requested_token_type: types.pat };

/** Every string in a recording, keys included, however deep. */
const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
      : [];

describe("recorded requests", () => {
  it("records method, path, query, headers, body and parsed JSON, in order", async () => {
    const before = Date.now();
    await call(mock, { body: revokePats, path: `${operationPath}?a=1` });
    await call(mock, { method: "GET", path: "/other" });
    const [first, second] = mock.requests;
    expect(mock.requests).toHaveLength(2);
    expect(first).toMatchObject({
      method: "POST",
      path: operationPath,
      query: "a=1",
      auth: "bearer",
      body: JSON.stringify(revokePats),
      bodyTruncated: false,
      json: revokePats,
    });
    expect(first?.headers["content-type"]).toBe("application/json");
    expect(first?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(second).toMatchObject({ method: "GET", path: "/other" });
  });

  it("redacts the Bearer token and says it had the Bearer prefix", async () => {
    await call(mock, { body: revokePats });
    expect(mock.requests[0]?.headers["authorization"]).toBe("Bearer [redacted]");
    expect(mock.requests[0]?.auth).toBe("bearer");
  });

  it("redacts a bare token and says it was bare", async () => {
    await call(mock, { bare: true });
    expect(mock.requests[0]?.headers["authorization"]).toBe("[redacted]");
    expect(mock.requests[0]?.auth).toBe("bare");
  });

  it("records a missing token as missing", async () => {
    await call(mock, { token: null });
    expect(mock.requests[0]?.auth).toBe("missing");
    expect(mock.requests[0]?.headers).not.toHaveProperty("authorization");
  });

  it("never holds a token value anywhere, wherever the client put it", async () => {
    const secret = seeds.alicePat.value;
    const unknown = "an-unknown-but-secret-token";
    await call(mock, {
      body: { requested_token_type: types.pat, note: `leaked ${secret}` },
      path: `${operationPath}?token=${secret}`,
      headers: { "x-debug": secret, cookie: `t=${secret}` },
    });
    await call(mock, { token: unknown, bare: true, body: { also: unknown } });
    await call(mock, { token: seeds.bobPat.value, body: "{ not json " + seeds.bobPat.value });
    const everything = strings(mock.requests);
    expect(everything.length).toBeGreaterThan(20);
    for (const value of [secret, unknown, seeds.bobPat.value])
      expect(everything.filter((s) => s.includes(value))).toEqual([]);
    expect(mock.requests[0]?.headers["x-debug"]).toBe("[redacted]");
  });

  it("cuts a recorded body to 64 KiB", async () => {
    const body = JSON.stringify({ requested_token_type: types.pat, pad: "x".repeat(100_000) });
    expect((await call(mock, { body })).status).toBe(200);
    const [recorded] = mock.requests;
    expect(recorded?.body).toHaveLength(64 * 1024);
    expect(recorded?.bodyTruncated).toBe(true);
    expect(recorded?.json).toMatchObject({ requested_token_type: types.pat });
  });

  it("leaves json out when the body is not JSON", async () => {
    await call(mock, { body: "{" });
    expect(mock.requests[0]).not.toHaveProperty("json");
    expect(mock.requests[0]?.body).toBe("{");
  });

  it("records requests that got a fault, and clears them on reset", async () => {
    mock.inject({ kind: "error", status: 503 });
    await call(mock);
    expect(mock.requests).toHaveLength(1);
    mock.reset();
    expect(mock.requests).toEqual([]);
  });

  it("hands out recordings that cannot be changed behind the mock's back", async () => {
    await call(mock);
    const [recorded] = mock.requests;
    expect(Object.isFrozen(recorded)).toBe(true);
    expect(Object.isFrozen(recorded?.headers)).toBe(true);
  });

  it("keeps arrival order when an earlier body arrives more slowly", async () => {
    let push!: () => void;
    const slowBody = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"slow":'));
        push = () => {
          controller.enqueue(new TextEncoder().encode("true}"));
          controller.close();
        };
      },
    });
    const slow = fetch(`${mock.url}/first`, {
      method: "POST",
      body: slowBody,
      duplex: "half",
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await call(mock, { path: "/second" });
    push();
    await slow;
    expect(mock.requests.map((r) => r.path)).toEqual(["/first", "/second"]);
  });
});

describe("CORS", () => {
  it("answers a preflight without authentication: 204 with the methods, headers and max age", async () => {
    const response = await fetch(`${mock.url}${operationPath}`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-request-id",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(response.headers.get("access-control-allow-methods")).toBe("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "authorization, content-type, x-request-id",
    );
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("does not spend a fault on a preflight", async () => {
    mock.inject({ kind: "error", status: 503 });
    const preflight = await fetch(`${mock.url}${operationPath}`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect((await call(mock)).status).toBe(503);
  });

  it.each([
    ["a success", {}],
    ["a 401", { token: "unknown-token" }],
    ["a 404", { path: "/nope" }],
  ])("puts the CORS headers on %s", async (_what, options) => {
    const result = await call(mock, { ...options, headers: { origin: "https://app.example" } });
    expect(result.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(result.headers["access-control-expose-headers"]).toBe("Retry-After");
  });

  it("allows any origin when the request names none", async () => {
    const result = await call(mock);
    expect(result.headers["access-control-allow-origin"]).toBe("*");
  });

  it.each([
    { kind: "error", status: 429, retryAfter: 1 },
    { kind: "html" },
    { kind: "garbage" },
    { kind: "redirect", location: "https://elsewhere.example/" },
  ] as const)("puts the CORS headers on a %j fault", async (fault) => {
    mock.inject(fault);
    const result = await call(mock, { headers: { origin: "https://app.example" } });
    expect(result.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(result.headers["access-control-expose-headers"]).toBe("Retry-After");
  });
});

describe("oversized bodies", () => {
  const twoMiB = () => new Uint8Array(2 * 1024 * 1024).fill(0x20);
  const refused = contractBody("bad_request", { message: expect.stringContaining("1 MiB") });

  it("refuses a 2 MiB body announced by Content-Length with 400 bad_request and closes", async () => {
    const response = await fetch(`${mock.url}${operationPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${seeds.alicePat.value}` },
      body: twoMiB(),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.json()).toEqual(refused);
    expect(mock.requests[0]?.bodyTruncated).toBe(true);
    expect(mock.listTokens(users.alice).some((t) => t.revoked)).toBe(false);
  });

  it("refuses a streamed 2 MiB body (no Content-Length) with 400 bad_request", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 2 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${mock.url}${operationPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${seeds.alicePat.value}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(refused);
    expect(mock.requests[0]?.headers["transfer-encoding"]).toBe("chunked");
  });

  it("accepts a body of exactly 1 MiB", async () => {
    const body = JSON.stringify(revokePats).padEnd(maxBodyBytes, " ");
    const result = await call(mock, { body });
    expect(result.status).toBe(200);
  });

  it("still answers normally on a new connection after refusing", async () => {
    await fetch(`${mock.url}${operationPath}`, { method: "POST", body: twoMiB() });
    expect((await call(mock, { body: revokePats })).status).toBe(200);
  });
});
