import { describe, expect, expectTypeOf, it } from "vitest";
import { createDevRevClient, tokenTypes, type DevRevError } from "../../src/index.ts";
import { seeds, types, useMockServer, users } from "../support/mock.ts";

const mock = useMockServer();
const client = (token: string | (() => string | Promise<string>) = seeds.alicePat.value) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });

describe("selfDelete revokes the caller's tokens of one type", () => {
  it("revokes every PAT of the caller and nothing else", async () => {
    const result = await client(seeds.aliceSession.value).authTokens.selfDelete({
      requested_token_type: types.pat,
    });
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.attempts).toBe(1);
    expect(result.response?.status).toBe(200);
    const alice = mock.listTokens(users.alice);
    expect(alice.filter((t) => t.type === types.pat).map((t) => t.revoked)).toEqual([true, true]);
    expect(alice.find((t) => t.type === types.session)?.revoked).toBe(false);
    expect(mock.listTokens(users.bob).every((t) => !t.revoked)).toBe(true);
  });

  it("sends {} when called with no argument", async () => {
    await client().authTokens.selfDelete();
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.json).toEqual({});
    expect(mock.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  it("sends the token as a Bearer credential, and does not double a given Bearer prefix", async () => {
    const first = await client(`Bearer ${seeds.aliceSession.value}`).authTokens.selfDelete({
      requested_token_type: types.jwt,
    });
    expect(first.error).toBeUndefined();
    expect(mock.requests[0]?.auth).toBe("bearer");
    expect(mock.requests[0]?.headers.authorization).toBe("Bearer [redacted]");
  });

  it("is idempotent: revoking again succeeds", async () => {
    const devrev = client(seeds.aliceSession.value);
    await devrev.authTokens.selfDelete({ requested_token_type: types.pat });
    const again = await devrev.authTokens.selfDelete({ requested_token_type: types.pat });
    expect(again.error).toBeUndefined();
  });

  it("calls a token function for every attempt, so a refreshed token is used", async () => {
    const handed: string[] = [];
    const tokens = [seeds.alicePat.value, seeds.aliceSession.value];
    mock.inject({ kind: "error", status: 503 });
    const devrev = createDevRevClient({
      baseUrl: mock.url,
      token: async () => {
        const token = tokens[handed.length] ?? "none";
        handed.push(token);
        return token;
      },
      maxRetries: 1,
      onRetry: () => {},
    });
    const result = await devrev.authTokens.selfDelete(
      { requested_token_type: types.session },
      { maxRetryDelayMs: 60_000 },
    );
    expect(result.error).toBeUndefined();
    expect(result.attempts).toBe(2);
    expect(handed).toEqual(tokens);
  });

  it("reads DEVREV_TOKEN when no token is given", async () => {
    const previous = process.env.DEVREV_TOKEN;
    process.env.DEVREV_TOKEN = seeds.bobPat.value;
    try {
      const result = await createDevRevClient({ baseUrl: mock.url }).authTokens.selfDelete({
        requested_token_type: types.pat,
      });
      expect(result.error).toBeUndefined();
      expect(mock.listTokens(users.bob)[0]?.revoked).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.DEVREV_TOKEN;
      else process.env.DEVREV_TOKEN = previous;
    }
  });
});

describe("contract errors arrive narrowed, with their literal status and fields", () => {
  it("401 unauthenticated for an unknown token", async () => {
    const { error } = await client("not-a-real-token").authTokens.selfDelete();
    expect(error?.type).toBe("unauthenticated");
    if (error?.type !== "unauthenticated") throw new Error("not narrowed");
    expectTypeOf(error.status).toEqualTypeOf<401>();
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/\w/);
  });

  it("400 invalid_enum_value with every allowed value, when the server is sent an unknown type", async () => {
    // raw is typed but does not re-check bodies, so the server's own answer can be seen.
    const { error } = await client().raw.POST("/auth-tokens.self.delete", {
      body: { requested_token_type: "pat" } as never,
    });
    if (error?.type !== "invalid_enum_value") throw new Error(`got ${error?.type}`);
    expect(error.status).toBe(400);
    expect(error.field_name).toBe("requested_token_type");
    expect(error.value).toBe("pat");
    expect(error.allowed_values).toEqual(tokenTypes);
  });

  it.each([
    [403, "forbidden"],
    [404, "not_found"],
    [500, "internal_error"],
    [503, "service_unavailable"],
    [429, "too_many_requests"],
  ] as const)("%i %s", async (status, type) => {
    mock.inject({ kind: "error", status });
    const { error, attempts, response } = await client().authTokens.selfDelete();
    expect(error).toMatchObject({ type, status });
    expect(attempts).toBe(1);
    expect(response?.status).toBe(status);
  });

  it("500 keeps its reference_id", async () => {
    mock.inject({ kind: "error", status: 500, body: { reference_id: "ref-123" } });
    const { error } = await client().authTokens.selfDelete();
    if (error?.type !== "internal_error") throw new Error(`got ${error?.type}`);
    expect(error.reference_id).toBe("ref-123");
  });

  it("429 keeps retry_after and the wait it asked for", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 7 });
    const { error } = await client().authTokens.selfDelete();
    if (error?.type !== "too_many_requests") throw new Error(`got ${error?.type}`);
    expect(error.retry_after).toBe(7);
    expect(error.retryAfterMs).toBe(7000);
  });

  it("each 400 variant the server sends keeps its own fields", async () => {
    mock.inject({
      kind: "error",
      status: 400,
      body: {
        type: "unexpected_json_type",
        field_name: "requested_token_type",
        expected: "string",
        actual: "number",
      } as never,
    });
    const { error } = await client().authTokens.selfDelete();
    if (error?.type !== "unexpected_json_type") throw new Error(`got ${error?.type}`);
    expect([error.expected, error.actual, error.status]).toEqual(["string", "number", 400]);
  });

  it("a wrong path under the base URL is a narrowed 404 from the server", async () => {
    const devrev = createDevRevClient({
      token: seeds.alicePat.value,
      baseUrl: `${mock.url}/v0`,
      maxRetries: 0,
    });
    const { error } = await devrev.authTokens.selfDelete();
    expect(error).toMatchObject({ type: "not_found", status: 404 });
  });
});

describe("raw: the typed openapi-fetch client with the same behaviour", () => {
  it("authenticates, retries and narrows like selfDelete", async () => {
    mock.inject({ kind: "error", status: 503 });
    const devrev = createDevRevClient({
      token: seeds.alicePat.value,
      baseUrl: mock.url,
      maxRetries: 1,
    });
    const result = await devrev.raw.POST("/auth-tokens.self.delete", {
      body: { requested_token_type: types.pat },
      maxRetryDelayMs: 60_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.attempts).toBe(2);
    expect(mock.listTokens(users.alice)[0]?.revoked).toBe(true);
    const error: DevRevError | undefined = result.error;
    expect(error).toBeUndefined();
  });
});
