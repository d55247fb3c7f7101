// The testing kit behind MSW: the handlers answer with the mock they are given, so a suite that
// mocks with MSW gets the contract-faithful mock, its state, recording and faults, with the
// client under test unchanged (no baseUrl: DevRev's own, which the handlers serve).
import { readFileSync } from "node:fs";
import path from "node:path";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultBaseUrl, operations } from "../../generated/constants.ts";
import { createDevRevClient, isOutcomeUncertain } from "../../src/index.ts";
import { createMockDevRev, mswHandlers } from "../../src/testing/msw.ts";
import { defaultTokens, seeds, types, users } from "../support/mock.ts";

const root = path.resolve(import.meta.dirname, "../..");
const answers: { method: string; path: string; status: number; fault?: string }[] = [];
const devrev = createMockDevRev({ tokens: defaultTokens, onAnswer: (a) => void answers.push(a) });
const server = setupServer(...mswHandlers(devrev));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  devrev.reset();
  answers.length = 0;
});
afterAll(() => server.close());

const body = { requested_token_type: types.pat };
const client = (options: Parameters<typeof createDevRevClient>[0] = {}) =>
  createDevRevClient({ token: seeds.alicePat.value, maxRetries: 0, logLevel: "off", ...options });
const revokedOf = (user: string) => devrev.listTokens(user).map((token) => token.revoked);

describe("MSW handlers backed by the mock", () => {
  it("run on the MSW this suite was given (the project's, or the runtimes' MSW 3)", async () => {
    const dir = process.env["DEVREV_AUTH_TOKENS_MSW_DIR"] ?? path.join(root, "node_modules/msw");
    const installed = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
    const loaded = await import("msw/package.json", { with: { type: "json" } });
    expect(loaded.default.version).toBe(installed);
  });

  it("one handler, for the base URL's whole origin", () => {
    const handled = mswHandlers(devrev).map((handler) => String(handler.info.path));
    expect(handled).toHaveLength(1);
    expect(new RegExp(handled[0]!.slice(1, -1)).test(`${defaultBaseUrl}/anything`)).toBe(true);
  });

  it("a client with no baseUrl revokes through them; the mock's state and recording show it", async () => {
    const { data, error, response, attempts } = await client().authTokens.selfDelete(body);
    expect({ data, error, status: response?.status, attempts }).toEqual({
      data: undefined,
      error: undefined,
      status: 200,
      attempts: 1,
    });
    expect(revokedOf(users.alice)).toEqual([true, true, false]);
    expect(revokedOf(users.bob)).toEqual([false]);
    expect(devrev.requests).toHaveLength(1);
    expect(devrev.requests[0]).toMatchObject({
      method: "POST",
      path: "/auth-tokens.self.delete",
      auth: "bearer",
      json: body,
      headers: { authorization: "Bearer [redacted]" },
    });
    expect(answers).toEqual([expect.objectContaining({ method: "POST", status: 200 })]);
  });

  it("share one state with the mock's in-memory fetch: a token revoked through MSW is refused there", async () => {
    await client().authTokens.selfDelete(body);
    const { error } = await client({ fetch: devrev.fetch }).authTokens.selfDelete(body);
    expect(error).toMatchObject({ type: "unauthenticated", status: 401 });
  });

  it("answer with injected faults: a 429 with Retry-After, read by the client", async () => {
    devrev.inject({ kind: "error", status: 429, retryAfter: 3 });
    const { error } = await client().authTokens.selfDelete(body);
    expect(error).toMatchObject({ type: "too_many_requests", status: 429, retryAfterMs: 3000 });
    expect(revokedOf(users.alice)).toEqual([false, false, false]);
  });

  it("lose an answer after revoking: the client sees a network error and says the outcome is uncertain", async () => {
    devrev.inject({ kind: "lose-answer" });
    const result = await client().authTokens.selfDelete(body);
    expect(result.error).toMatchObject({ type: "network_error" });
    expect(isOutcomeUncertain(result)).toBe(true);
    expect(revokedOf(users.alice)).toEqual([true, true, false]);
    expect(answers).toEqual([
      expect.objectContaining({ method: "POST", status: 0, fault: "lose-answer" }),
    ]);
  });

  it("a retry after a lost answer meets the revoked token: told as the lost attempt's result", async () => {
    devrev.inject({ kind: "lose-answer" });
    const { error, history } = await client({ maxRetries: 1 }).authTokens.selfDelete(body);
    expect(history.map((attempt) => attempt.type)).toEqual(["network_error", "unauthenticated"]);
    expect(error).toMatchObject({ status: 401, earlierAttemptUncertain: true });
  });

  it("drop the connection mid-body, redirect, and hold an answer past the client's timeout", async () => {
    devrev.inject({ kind: "drop", during: "body" });
    expect((await client().authTokens.selfDelete(body)).error?.type).toBe("network_error");

    devrev.inject({ kind: "redirect", location: "https://elsewhere.example/steal" });
    const redirected = await client().authTokens.selfDelete(body);
    expect(redirected.error).toMatchObject({ type: "unexpected_response", reason: "redirect" });

    devrev.inject({ kind: "delay", ms: 5_000 });
    const slow = await client({ timeoutMs: 100 }).authTokens.selfDelete(body);
    expect(slow.error).toMatchObject({ type: "timeout", timeoutMs: 100 });
    // The hold ended with the client's abort, as a server's does when the client goes away.
    await expect.poll(() => answers.at(-1)).toMatchObject({ status: 0, fault: "delay" });
    expect(revokedOf(users.alice)).toEqual([false, false, false]);
  });

  it("answer every other path and method under the base URL as the mock does", async () => {
    const other = await fetch(`${defaultBaseUrl}/works.list`, { method: "POST", body: "{}" });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ type: "not_found" });
    const get = await fetch(`${defaultBaseUrl}/auth-tokens.self.delete`);
    expect({ status: get.status, allow: get.headers.get("allow") }).toEqual({
      status: 404,
      allow: "POST",
    });
  });

  it("serve another base URL when told: its origin, and nothing leaves it", async () => {
    const baseUrl = "https://devrev.example.test/api";
    server.use(...mswHandlers(devrev, { baseUrl }));
    const { error } = await client({ baseUrl }).authTokens.selfDelete(body);
    expect(error).toBeUndefined();
    expect(revokedOf(users.alice)).toEqual([true, true, false]);
    // Elsewhere on that origin, in any case or encoding: the mock's 404, never the network,
    // and never a revocation.
    for (const path of [
      "",
      "/",
      "/auth-tokens.self.delete",
      "/API/auth-tokens.self.delete",
      "/api%2Fauth-tokens.self.delete",
    ]) {
      const answer = await fetch(`https://devrev.example.test${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${seeds.bobPat.value}` },
        body: JSON.stringify(body),
      });
      expect(answer.status, path).toBe(404);
    }
    expect(revokedOf(users.bob)).not.toContain(true);
    // Another origin is not theirs: MSW refuses it (onUnhandledRequest: "error").
    const outside = await fetch("https://elsewhere.example.test/auth-tokens.self.delete", {
      method: "POST",
    }).then(
      () => "answered",
      () => "refused: no handler",
    );
    expect(outside).toBe("refused: no handler");
  });

  it("check their options as the client does: a misspelt name is refused, naming the one meant", () => {
    expect(() => mswHandlers(devrev, { baseURL: "https://x.test" } as never)).toThrow(
      /does not take the option "baseURL" \(did you mean "baseUrl"\?\)/,
    );
    expect(() => mswHandlers(devrev, { baseUrl: undefined })).toThrow(/baseUrl is undefined/);
    expect(() => mswHandlers(devrev, "https://x.test" as never)).toThrow(/plain object/);
  });

  it("come after handlers of your own for the same base URL", async () => {
    server.use(http.post(`${defaultBaseUrl}/works.list`, () => HttpResponse.json({ works: [] })));
    const own = await fetch(`${defaultBaseUrl}/works.list`, { method: "POST" });
    expect(await own.json()).toEqual({ works: [] });
  });

  it.each([
    ["a relative URL", "/api"],
    ["a query", "https://api.devrev.ai/?x=1"],
    ["another scheme", "ftp://api.devrev.ai"],
  ])("refuse a baseUrl with %s, naming what is allowed", (_what, baseUrl) => {
    expect(() => mswHandlers(devrev, { baseUrl })).toThrow(
      /baseUrl must be an absolute http\(s\) URL/,
    );
  });

  it("refuse what is not a mock", () => {
    expect(() => mswHandlers({} as never)).toThrow(/expects the mock from createMockDevRev/);
  });
});
