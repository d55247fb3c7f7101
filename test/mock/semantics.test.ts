import { describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { startMockServer } from "../../src/testing/index.ts";
import { contractBody as answer } from "../support/bodies.ts";
import { call, operationPath, seeds, types, useMockServer, users } from "../support/mock.ts";
import { nothingListensOn } from "../support/ports.ts";

const mock = useMockServer();
const revokePats = { requested_token_type: types.pat };
const revokedOf = (user: string) => mock.listTokens(user).map((t) => [t.type, t.revoked] as const);

describe("revoking tokens", () => {
  it("revokes every live token of the requested type of the caller and answers 200 with no body", async () => {
    const result = await call(mock, { token: seeds.aliceSession.value, body: revokePats });
    expect(result.status).toBe(200);
    expect(result.text).toBe("");
    expect(revokedOf(users.alice)).toEqual([
      [types.pat, true],
      [types.pat, true],
      [types.session, false],
    ]);
  });

  it("leaves other users' tokens alone", async () => {
    await call(mock, { body: revokePats });
    expect(revokedOf(users.bob)).toEqual([[types.pat, false]]);
  });

  it("is idempotent: a second call with nothing left to revoke also answers 200", async () => {
    const body = { requested_token_type: types.jwt };
    expect((await call(mock, { body })).status).toBe(200);
    expect((await call(mock, { body })).status).toBe(200);
    expect(revokedOf(users.alice).every(([, revoked]) => !revoked)).toBe(true);
  });

  it("revokes the calling token when it is of the requested type, so it then gets 401", async () => {
    expect((await call(mock, { body: revokePats })).status).toBe(200);
    const again = await call(mock, { body: revokePats });
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ type: "unauthenticated" });
  });

  it("accepts the bare token in Authorization, as DevRev's own SDK sends it", async () => {
    const result = await call(mock, { bare: true, body: revokePats });
    expect(result.status).toBe(200);
    expect(mock.listTokens(users.alice)[0]?.revoked).toBe(true);
  });

  it("ignores a query string and unknown body fields", async () => {
    const result = await call(mock, {
      path: `${operationPath}?trace=1`,
      body: { ...revokePats, also: "ignored" },
    });
    expect(result.status).toBe(200);
  });

  it("authenticates a token added at run time", async () => {
    const added = mock.addToken({ value: "carol-jwt-secret", user: "carol", type: types.jwt });
    expect(added).toEqual({
      id: expect.any(String),
      user: "carol",
      type: types.jwt,
      revoked: false,
    });
    const result = await call(mock, {
      token: "carol-jwt-secret",
      body: { requested_token_type: types.jwt },
    });
    expect(result.status).toBe(200);
    expect(mock.listTokens("carol")).toEqual([{ ...added, revoked: true }]);
  });

  it("forgets run-time tokens and revocations on reset", async () => {
    mock.addToken({ value: "carol-jwt-secret", user: "carol", type: types.jwt });
    await call(mock, { body: revokePats });
    mock.reset();
    expect(mock.listTokens("carol")).toEqual([]);
    expect(revokedOf(users.alice).some(([, revoked]) => revoked)).toBe(false);
  });

  it("refuses a seed it could not authenticate", () => {
    expect(() => mock.addToken({ ...seeds.alicePat })).toThrow(/exists already/);
    expect(() => mock.addToken({ value: "x-secret", user: "u", type: "pat" as never })).toThrow(
      /not a token type/,
    );
    expect(() => mock.addToken({ value: "", user: "u", type: types.pat })).toThrow(TypeError);
  });
});

describe("listTokens", () => {
  it("tells id, user, type and revoked, never the secret value", () => {
    const listed = mock.listTokens(users.alice);
    expect(listed).toHaveLength(3);
    for (const token of listed) {
      expect(Object.keys(token).sort()).toEqual(["id", "revoked", "type", "user"]);
      expect(JSON.stringify(token)).not.toContain("secret");
    }
    expect(mock.listTokens("nobody")).toEqual([]);
  });
});

describe("authentication", () => {
  it.each([
    ["there is no Authorization header", { token: null }],
    ["the token is unknown", { token: "not-a-known-token" }],
    [
      "the header says Bearer but has no token",
      { headers: { authorization: "Bearer " }, token: null },
    ],
  ])("answers 401 unauthenticated when %s", async (_case, options) => {
    const result = await call(mock, { ...options, body: revokePats });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(answer("unauthenticated", { message: expect.any(String) }));
    expect(revokedOf(users.alice).some(([, revoked]) => revoked)).toBe(false);
  });

  it("answers 401 unauthenticated when the token was revoked", async () => {
    await call(mock, { token: seeds.aliceSession.value, body: revokePats });
    const result = await call(mock, { token: seeds.alicePat2.value, body: revokePats });
    expect(result.status).toBe(401);
    expect(result.json).toMatchObject({ type: "unauthenticated" });
  });

  it("checks the token before the body: a bad body with a bad token is a 401", async () => {
    const result = await call(mock, { token: "unknown-token", body: "{not json" });
    expect(result.status).toBe(401);
  });

  it("never echoes the token in an error", async () => {
    const result = await call(mock, { token: "unknown-secret-token", body: revokePats });
    expect(result.text).not.toContain("unknown-secret-token");
  });
});

describe("bad bodies", () => {
  it("answers 400 parse_error for malformed JSON", async () => {
    const result = await call(mock, { body: '{"requested_token_type": ' });
    expect(result.status).toBe(400);
    expect(result.json).toEqual(answer("parse_error", { message: expect.stringMatching(/JSON/) }));
  });

  it("answers 400 parse_error for an empty body", async () => {
    const result = await call(mock, { body: "" });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({
      type: "parse_error",
      message: expect.stringMatching(/empty/),
    });
  });

  it.each([
    ["[]", "array"],
    ['"x"', "string"],
    ["3", "number"],
    ["true", "bool"],
    ["null", "null"],
  ])("answers 400 unexpected_json_type when the body is %s", async (body, actual) => {
    const result = await call(mock, { body });
    expect(result.status).toBe(400);
    expect(result.json).toEqual(
      answer("unexpected_json_type", {
        message: expect.any(String),
        field_name: "",
        expected: "object",
        actual,
      }),
    );
  });

  it.each([
    [1, "number"],
    [null, "null"],
    [["x"], "array"],
    [{}, "object"],
    [false, "bool"],
  ])("answers 400 unexpected_json_type when requested_token_type is %j", async (value, actual) => {
    const result = await call(mock, { body: { requested_token_type: value } });
    expect(result.status).toBe(400);
    expect(result.json).toEqual(
      answer("unexpected_json_type", {
        message: expect.stringContaining("requested_token_type"),
        field_name: "requested_token_type",
        expected: "string",
        actual,
      }),
    );
  });

  it("answers 400 invalid_enum_value with every allowed value for an unknown type", async () => {
    const result = await call(mock, { body: { requested_token_type: "pat" } });
    expect(result.status).toBe(400);
    expect(result.json).toEqual(
      answer("invalid_enum_value", {
        message: expect.stringContaining("pat"),
        field_name: "requested_token_type",
        value: "pat",
        allowed_values: [
          ...operations["auth-tokens-self-delete"].requestEnums.requested_token_type,
        ],
      }),
    );
  });

  it("revokes nothing when the body is refused", async () => {
    await call(mock, { body: { requested_token_type: "pat" } });
    await call(mock, { body: "[]" });
    expect(revokedOf(users.alice).some(([, revoked]) => revoked)).toBe(false);
  });
});

describe("routing", () => {
  it("answers 404 not_found for an unknown path, even without a token", async () => {
    const result = await call(mock, { path: "/auth-tokens.self.delet", token: null });
    expect(result.status).toBe(404);
    expect(result.json).toEqual(
      answer("not_found", {
        message: "No operation at POST /auth-tokens.self.delet.",
      }),
    );
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])(
    "answers %s on the path with 404 not_found, Allow: POST and a message saying only POST is allowed",
    async (method) => {
      const result = await call(mock, { method });
      expect(result.status).toBe(404);
      expect(result.headers["allow"]).toBe("POST");
      expect(result.json).toMatchObject({
        type: "not_found",
        message: expect.stringContaining("Only POST is allowed"),
      });
    },
  );

  it("answers HEAD on the path with 404 and Allow: POST (and no body, as HEAD must)", async () => {
    const result = await call(mock, { method: "HEAD" });
    expect([result.status, result.headers["allow"], result.text]).toEqual([404, "POST", ""]);
  });

  it("sends every error body as application/json", async () => {
    for (const options of [{ token: null }, { path: "/nope" }, { body: "{" }]) {
      const result = await call(mock, options);
      expect(result.headers["content-type"]).toBe("application/json");
    }
  });
});

describe("when requested_token_type is omitted", () => {
  it("by default revokes the caller's tokens of the calling token's type", async () => {
    const result = await call(mock, { token: seeds.aliceSession.value, body: {} });
    expect(result.status).toBe(200);
    expect(revokedOf(users.alice)).toEqual([
      [types.pat, false],
      [types.pat, false],
      [types.session, true],
    ]);
  });

  it('with omittedTokenType "all" revokes every token of the caller', async () => {
    const server = await startMockServer({
      tokens: Object.values(seeds),
      omittedTokenType: "all",
    });
    try {
      expect((await call(server, { body: {} })).status).toBe(200);
      expect(server.listTokens(users.alice).every((t) => t.revoked)).toBe(true);
      expect(server.listTokens(users.bob).some((t) => t.revoked)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('with omittedTokenType "reject" answers 400 missing_required_field and revokes nothing', async () => {
    const server = await startMockServer({
      tokens: Object.values(seeds),
      omittedTokenType: "reject",
    });
    try {
      const result = await call(server, { body: {} });
      expect(result.status).toBe(400);
      expect(result.json).toEqual(
        answer("missing_required_field", {
          message: expect.any(String),
          field_name: "requested_token_type",
        }),
      );
      expect(server.listTokens(users.alice).some((t) => t.revoked)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("refuses an unknown omittedTokenType option", async () => {
    await expect(startMockServer({ omittedTokenType: "some" as never })).rejects.toThrow(TypeError);
  });
});

describe("the server itself", () => {
  it("listens on 127.0.0.1 and gives its URL without a trailing slash", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("closes idle keep-alive connections on close(), and close() can be called twice", async () => {
    const server = await startMockServer({ tokens: Object.values(seeds) });
    await call(server, { body: revokePats });
    const closing = Promise.race([
      server.close().then(() => "closed"),
      new Promise((resolve) => setTimeout(() => resolve("timed out"), 2000)),
    ]);
    expect(await closing).toBe("closed");
    await server.close();
    // Bound, not called: a request to a released port could reach a server another test was
    // just given it for.
    expect(await nothingListensOn(Number(new URL(server.url).port))).toBe(true);
  });

  it("answers a request node cannot parse with a contract-shaped 400", async () => {
    const { connect } = await import("node:net");
    const port = Number(new URL(mock.url).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({
      type: "bad_request",
    });
  });
});
