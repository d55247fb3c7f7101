import { describe, expect, it } from "vitest";
import { errorBodies } from "../../generated/error-bodies.ts";
import { operations } from "../../generated/constants.ts";
import bundled from "../../generated/openapi.json" with { type: "json" };
import { errorBodies as errorBodiesOf } from "../../scripts/error-bodies.ts";
import { defaultBody } from "../../src/testing/contract-bodies.ts";
import { createMockDevRev } from "../../src/testing/index.ts";
import { retryAfterInBody } from "../support/bodies.ts";
import { call, operationPath, seeds, types, useMockServer, users } from "../support/mock.ts";

const mock = useMockServer();
const revokePats = { requested_token_type: types.pat };
const anyRevoked = () => mock.listTokens(users.alice).some((t) => t.revoked);

describe("error faults", () => {
  it("answers the next request with the injected error, then normally again", async () => {
    mock.inject({ kind: "error", status: 503 });
    const faulted = await call(mock, { body: revokePats });
    expect(faulted.status).toBe(503);
    // The contract's own 503 body (its example, else the smallest its schema allows).
    expect(faulted.json).toEqual(errorBodies["auth-tokens-self-delete"].byStatus["503"]);
    expect(anyRevoked()).toBe(false);
    expect((await call(mock, { body: revokePats })).status).toBe(200);
  });

  it("gives a 500 a fresh reference_id each time", async () => {
    mock.inject({ kind: "error", status: 500 }, { times: 2 });
    const first = (await call(mock)).json as { reference_id: string };
    const second = (await call(mock)).json as { reference_id: string };
    expect(first).toMatchObject({ type: "internal_error", reference_id: expect.any(String) });
    expect(first.reference_id).not.toBe(second.reference_id);
  });

  it("sends Retry-After in seconds and retry_after in the 429 body", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 2.2 });
    const result = await call(mock);
    expect(result.status).toBe(429);
    expect(result.headers["retry-after"]).toBe("3");
    // In the type the contract gives retry_after (seconds as a number, or as a string).
    expect(result.json).toMatchObject({
      type: "too_many_requests",
      retry_after: retryAfterInBody(3),
    });
  });

  it("writes retry_after as the contract types it: a string when DevRev makes it one", () => {
    const { path, method } = operations["auth-tokens-self-delete"];
    const spec = structuredClone(bundled) as any;
    const own = spec.components.schemas["error-too-many-requests"].allOf.find(
      (part: any) => part.properties?.retry_after,
    );
    own.properties.retry_after = { type: "string", description: "Seconds, as digits." };
    for (const example of Object.values<any>(
      spec.components.responses["too-many-requests"].content["application/json"].examples,
    ))
      example.value.retry_after = String(example.value.retry_after);
    const asString = errorBodiesOf(spec, spec.paths[path][method]);
    expect(defaultBody(429, 3, asString)).toMatchObject({ retry_after: "3" });
    expect(defaultBody(429, 3)).toMatchObject({ retry_after: retryAfterInBody(3) });
  });

  it("sends Retry-After as an HTTP date, as a proxy may, without retry_after in the body", async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    mock.inject({ kind: "error", status: 429, retryAfter: date });
    const result = await call(mock);
    expect(result.headers["retry-after"]).toBe(date);
    expect(result.json).not.toHaveProperty("retry_after");
  });

  it("merges the given body over the default one", async () => {
    mock.inject({ kind: "error", status: 403, body: { message: "nope", detail: "why" } });
    expect((await call(mock)).json).toEqual({ type: "forbidden", message: "nope", detail: "why" });
  });

  it("refuses a status the contract does not list, and other nonsense, at inject time", () => {
    expect(() => mock.inject({ kind: "error", status: 418 as never })).toThrow(RangeError);
    expect(() => mock.inject({ kind: "html", status: 204 })).toThrow(RangeError);
    expect(() => mock.inject({ kind: "delay", ms: -1 })).toThrow(RangeError);
    expect(() => mock.inject({ kind: "huge", bytes: 1.5 })).toThrow(RangeError);
    expect(() => mock.inject({ kind: "error", status: 500 }, { times: 0 })).toThrow(RangeError);
    expect(() => mock.inject({ kind: "teapot" } as never)).toThrow(TypeError);
  });
});

describe("non-contract faults", () => {
  it("answers with a proxy's HTML page, 502 by default", async () => {
    mock.inject({ kind: "html" });
    const result = await call(mock);
    expect(result.status).toBe(502);
    expect(result.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(result.text).toContain("<html>");
  });

  it("answers 200 with a body that claims to be JSON and is not", async () => {
    mock.inject({ kind: "garbage" });
    const result = await call(mock);
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json");
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it("streams a huge body a client can stop reading after a few bytes", async () => {
    mock.inject({ kind: "huge", bytes: 512 * 1024 * 1024 });
    const response = await fetch(`${mock.url}${operationPath}`, { method: "POST", body: "{}" });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-length")).toBeNull();
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"type":"internal_error"/);
    await reader.cancel();
  });

  it("streams exactly the bytes asked for, a valid error body when read whole", async () => {
    mock.inject({ kind: "huge", bytes: 300_000 });
    const result = await call(mock);
    expect(result.text).toHaveLength(300_000);
    expect(result.json).toMatchObject({ type: "internal_error" });
  });

  it("redirects, with a Location, to another origin", async () => {
    mock.inject({ kind: "redirect", location: "https://elsewhere.example/steal" });
    const result = await call(mock);
    expect(result.status).toBe(307);
    expect(result.headers["location"]).toBe("https://elsewhere.example/steal");
  });

  it("drops the connection after the status line: a real fetch rejects with TypeError", async () => {
    mock.inject({ kind: "drop" });
    await expect(call(mock, { body: revokePats })).rejects.toThrow(
      expect.objectContaining({ name: "TypeError", message: "fetch failed" }),
    );
    expect(anyRevoked()).toBe(false);
    expect((await call(mock)).status).toBe(200);
  });

  it("drops the connection mid-body: fetch resolves and reading the body rejects", async () => {
    mock.inject({ kind: "drop", during: "body" });
    const response = await fetch(`${mock.url}${operationPath}`, { method: "POST", body: "{}" });
    expect(response.status).toBe(500);
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});

describe("delays", () => {
  it("waits before answering normally", async () => {
    mock.inject({ kind: "delay", ms: 150 });
    const started = Date.now();
    const result = await call(mock, { body: revokePats });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(result.status).toBe(200);
    expect(anyRevoked()).toBe(true);
  });

  it("waits, then answers with the fault in then", async () => {
    mock.inject({ kind: "delay", ms: 50, then: { kind: "error", status: 429, retryAfter: 1 } });
    const result = await call(mock);
    expect(result.status).toBe(429);
  });

  it("stops waiting when the client aborts, and changes nothing", async () => {
    mock.inject({ kind: "delay", ms: 60_000 });
    const started = Date.now();
    await expect(
      call(mock, { body: revokePats, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(anyRevoked()).toBe(false);
  });

  it("ends a pending delay on reset, so no request outlives its test", async () => {
    mock.inject({ kind: "delay", ms: 60_000 });
    const pending = call(mock).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    mock.reset();
    expect(await pending).toBeInstanceOf(TypeError);
  });
});

describe("answers lost after acting", () => {
  it("lose-answer revokes, then closes the connection before any byte of the answer", async () => {
    mock.inject({ kind: "lose-answer" });
    await expect(call(mock, { body: revokePats })).rejects.toThrow(TypeError);
    expect(mock.listTokens(users.alice).filter((t) => t.type === types.pat)).toEqual(
      expect.arrayContaining([expect.objectContaining({ revoked: true })]),
    );
    expect(mock.requests).toHaveLength(1);
    // The caller's token is gone, so the same request is now refused.
    expect((await call(mock, { body: revokePats })).status).toBe(401);
  });

  it("slow-answer revokes at once and holds the 200 for ms", async () => {
    mock.inject({ kind: "slow-answer", ms: 300 });
    const started = performance.now();
    const answered = call(mock, { body: revokePats });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(anyRevoked()).toBe(true);
    expect((await answered).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("slow-answer's client giving up leaves the tokens revoked", async () => {
    mock.inject({ kind: "slow-answer", ms: 5_000 });
    await expect(
      call(mock, { body: revokePats, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(anyRevoked()).toBe(true);
  });

  it("the in-process fetch rejects like a real one on a lost answer, after acting", async () => {
    const inProcess = createMockDevRev({ tokens: [seeds.alicePat] });
    inProcess.inject({ kind: "lose-answer" });
    await expect(
      inProcess.fetch(`https://mock.invalid${operationPath}`, {
        method: "POST",
        headers: { authorization: `Bearer ${seeds.alicePat.value}` },
        body: "{}",
      }),
    ).rejects.toThrow(/fetch failed/);
    expect(inProcess.listTokens(users.alice)[0]?.revoked).toBe(true);
  });

  it("refuses a slow-answer without a usable ms at inject time", () => {
    expect(() => mock.inject({ kind: "slow-answer", ms: -1 })).toThrow(RangeError);
  });
});

describe("which requests get a fault", () => {
  it("applies a fault to as many requests as times says", async () => {
    mock.inject({ kind: "error", status: 503 }, { times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(mock)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("applies a fault with times: Infinity until clearFaults", async () => {
    mock.inject({ kind: "error", status: 500 }, { times: Infinity });
    for (let i = 0; i < 5; i++) expect((await call(mock)).status).toBe(500);
    mock.clearFaults();
    expect((await call(mock)).status).toBe(200);
  });

  it("applies a fault only to requests its predicate matches, and those use up times", async () => {
    mock.inject({ kind: "error", status: 403 }, { when: (r) => r.auth === "bare" });
    expect((await call(mock, { token: seeds.aliceSession.value })).status).toBe(200);
    expect((await call(mock, { bare: true })).status).toBe(403);
    expect((await call(mock, { bare: true })).status).toBe(200);
  });

  it("lets a predicate look at the parsed body", async () => {
    mock.inject(
      { kind: "error", status: 500 },
      {
        when: (r) =>
          (r.json as { requested_token_type?: string })?.requested_token_type === types.jwt,
      },
    );
    expect((await call(mock, { body: { requested_token_type: types.aat } })).status).toBe(200);
    expect((await call(mock, { body: { requested_token_type: types.jwt } })).status).toBe(500);
  });

  it("treats a predicate that throws as not matching", async () => {
    mock.inject(
      { kind: "error", status: 500 },
      {
        when: () => {
          throw new Error("bug");
        },
      },
    );
    expect((await call(mock)).status).toBe(200);
  });

  it("uses faults in the order they were injected", async () => {
    mock.inject({ kind: "error", status: 503 });
    mock.inject({ kind: "error", status: 429 });
    expect([(await call(mock)).status, (await call(mock)).status]).toEqual([503, 429]);
  });

  it("clears faults on reset", async () => {
    mock.inject({ kind: "error", status: 503 }, { times: Infinity });
    mock.reset();
    expect((await call(mock)).status).toBe(200);
  });
});

describe("the in-process fetch adapter", () => {
  const inProcess = () => createMockDevRev({ tokens: Object.values(seeds) });
  const post = (m: ReturnType<typeof inProcess>, init: RequestInit = {}) =>
    m.fetch(`https://api.devrev.ai${operationPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${seeds.alicePat.value}` },
      body: JSON.stringify(revokePats),
      ...init,
    });

  it("answers like the server, whatever the origin", async () => {
    const m = inProcess();
    expect((await post(m)).status).toBe(200);
    expect(m.listTokens(users.alice)[0]?.revoked).toBe(true);
  });

  it("rejects with TypeError fetch failed on a drop, like a real fetch", async () => {
    const m = inProcess();
    m.inject({ kind: "drop" });
    await expect(post(m)).rejects.toThrow(
      expect.objectContaining({ name: "TypeError", message: "fetch failed" }),
    );
  });

  it("resolves and then fails reading the body on a drop during the body", async () => {
    const m = inProcess();
    m.inject({ kind: "drop", during: "body" });
    const response = await post(m);
    expect(response.status).toBe(500);
    await expect(response.text()).rejects.toThrow(
      expect.objectContaining({ name: "TypeError", message: "terminated" }),
    );
  });

  it("hands the handler's network error to handle() callers as Response.error()", async () => {
    const m = inProcess();
    m.inject({ kind: "drop" });
    const response = await m.handle(new Request(`https://api.devrev.ai${operationPath}`));
    expect([response.type, response.status]).toEqual(["error", 0]);
  });

  it("rejects with the signal's reason when aborted during a delay", async () => {
    const m = inProcess();
    m.inject({ kind: "delay", ms: 60_000 });
    const controller = new AbortController();
    const pending = post(m, { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
    m.reset();
  });

  it("does not follow redirects, and honours redirect: error", async () => {
    const m = inProcess();
    m.inject({ kind: "redirect", location: "https://elsewhere.example/" }, { times: 2 });
    expect((await post(m)).headers.get("location")).toBe("https://elsewhere.example/");
    await expect(post(m, { redirect: "error" })).rejects.toThrow(TypeError);
  });
});
