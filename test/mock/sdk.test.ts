// DevRev's official TypeScript SDK (axios underneath), a client none of us wrote, against the mock.
import { client, publicSDK } from "@devrev/typescript-sdk";
import { describe, expect, it } from "vitest";
import { retryAfterInBody } from "../support/bodies.ts";
import { createContractValidator } from "../support/contract.ts";
import { operationPath, seeds, useMockServer, users } from "../support/mock.ts";

const contract = createContractValidator();
const mock = useMockServer();
const { AuthTokenRequestedTokenType: TokenType } = publicSDK;

const sdk = (token: string) => client.setup({ endpoint: mock.url, token });

/** The answer an axios rejection carries, checked against the contract. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.unreachable("the SDK call should have failed"),
    (e: { response?: { status: number; data: unknown; headers: Record<string, string> } }) => e,
  );
  const response = error.response!;
  const verdict = contract.response(
    operationPath,
    "post",
    response.status,
    response.data,
    response.headers,
  );
  expect(verdict.errors).toEqual([]);
  return response;
}

describe("the official DevRev SDK against the mock", () => {
  it("revokes the caller's tokens of the requested type with authTokensSelfDelete", async () => {
    const response = await sdk(seeds.aliceSession.value).authTokensSelfDelete({
      requested_token_type: TokenType.UrnDevrevParamsOauthTokenTypePat,
    });
    expect(response.status).toBe(200);
    expect(mock.listTokens(users.alice).map((t) => [t.type, t.revoked])).toEqual([
      [TokenType.UrnDevrevParamsOauthTokenTypePat, true],
      [TokenType.UrnDevrevParamsOauthTokenTypePat, true],
      [TokenType.UrnDevrevParamsOauthTokenTypeSession, false],
    ]);
    expect(mock.listTokens(users.bob)[0]?.revoked).toBe(false);
  });

  it("sends the token bare, which the mock accepts and records as bare, redacted", async () => {
    await sdk(seeds.alicePat.value).authTokensSelfDelete({});
    const [recorded] = mock.requests;
    expect(recorded).toMatchObject({ auth: "bare", json: {} });
    expect(recorded?.headers["authorization"]).toBe("[redacted]");
    expect(recorded?.headers["x-devrev-client-platform"]).toBe("Typescript-SDK");
  });

  it("gets a contract-shaped 400 invalid_enum_value for a token type DevRev does not know", async () => {
    const response = await failure(
      sdk(seeds.alicePat.value).authTokensSelfDelete({
        requested_token_type: "pat" as never,
      }),
    );
    expect(response.status).toBe(400);
    expect(response.data).toMatchObject({ type: "invalid_enum_value", value: "pat" });
  });

  it("gets a contract-shaped 401 for an unknown token", async () => {
    const response = await failure(sdk("not-a-token").authTokensSelfDelete({}));
    expect(response.status).toBe(401);
    expect(response.data).toMatchObject({ type: "unauthenticated" });
  });

  it("gets a 401 once its own token was revoked by its own call", async () => {
    const api = sdk(seeds.alicePat.value);
    await api.authTokensSelfDelete({
      requested_token_type: TokenType.UrnDevrevParamsOauthTokenTypePat,
    });
    expect((await failure(api.authTokensSelfDelete({}))).status).toBe(401);
  });

  it("sees an injected 429 with its Retry-After header", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 4 });
    const response = await failure(sdk(seeds.alicePat.value).authTokensSelfDelete({}));
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("4");
    expect(response.data).toMatchObject({
      type: "too_many_requests",
      retry_after: retryAfterInBody(4),
    });
  });
});
