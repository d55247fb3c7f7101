// Every answer the mock can give, held to the contract with the contract tests' own validator.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { type MockErrorStatus, type MockFault, startMockServer } from "../../src/testing/index.ts";
import { createContractValidator } from "../support/contract.ts";
import {
  type CallOptions,
  type CallResult,
  call,
  defaultTokens,
  operationPath,
  seeds,
  types,
  useMockServer,
} from "../support/mock.ts";

const contract = createContractValidator();
const mock = useMockServer();

function expectContractValid(result: CallResult) {
  const body = result.text === "" ? "" : JSON.parse(result.text);
  const verdict = contract.response(operationPath, "post", result.status, body, result.headers);
  expect(verdict.errors, `${result.status} ${result.text}`).toEqual([]);
  if (result.status !== 200) {
    expect(result.headers["content-type"]).toBe("application/json");
    expect(typeof (body as { message?: unknown }).message).toBe("string");
  }
}

const answers: [string, number, string | undefined, CallOptions][] = [
  ["a success", 200, undefined, { body: { requested_token_type: types.pat } }],
  ["a success, nothing to revoke", 200, undefined, { body: { requested_token_type: types.jwt } }],
  ["a success with the type omitted", 200, undefined, { body: {} }],
  [
    "a success, bare token",
    200,
    undefined,
    { bare: true, body: { requested_token_type: types.aat } },
  ],
  ["no token", 401, "unauthenticated", { token: null }],
  ["an unknown token", 401, "unauthenticated", { token: "unknown-token" }],
  ["malformed JSON", 400, "parse_error", { body: "{" }],
  ["an empty body", 400, "parse_error", { body: "" }],
  ["a body that is an array", 400, "unexpected_json_type", { body: "[]" }],
  ["a numeric token type", 400, "unexpected_json_type", { body: { requested_token_type: 7 } }],
  ["an unknown token type", 400, "invalid_enum_value", { body: { requested_token_type: "pat" } }],
  ["an unknown path", 404, "not_found", { path: "/works.list" }],
  ["GET on the path", 404, "not_found", { method: "GET" }],
  ["DELETE on the path", 404, "not_found", { method: "DELETE" }],
];

describe("every normal answer is valid under the contract", () => {
  it.each(answers)("%s → %i %s", async (_what, status, type, options) => {
    const result = await call(mock, options);
    expect(result.status).toBe(status);
    expect((result.json as { type?: string } | undefined)?.type).toBe(type);
    expectContractValid(result);
  });

  it("a revoked token → 401", async () => {
    await call(mock, { body: { requested_token_type: types.pat } });
    const result = await call(mock, { token: seeds.alicePat2.value });
    expect(result.status).toBe(401);
    expectContractValid(result);
  });

  it("the type omitted with omittedTokenType reject → 400 missing_required_field", async () => {
    const server = await startMockServer({ tokens: defaultTokens, omittedTokenType: "reject" });
    try {
      const result = await call(server, { body: {} });
      expect(result.json).toMatchObject({ type: "missing_required_field" });
      expectContractValid(result);
    } finally {
      await server.close();
    }
  });

  it("a body over 1 MiB → 400 bad_request", async () => {
    const result = await call(mock, { body: " ".repeat(1024 * 1024 + 1) });
    expect(result.json).toMatchObject({ type: "bad_request" });
    expectContractValid(result);
  });

  it("a request node cannot parse → 400 bad_request", async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(mock.url);
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(`POST ${operationPath} HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n`),
      );
      let data = "";
      socket.on("data", (chunk) => (data += chunk)).on("end", () => resolve(data));
      socket.on("error", reject);
    });
    const [head = "", text = ""] = raw.split("\r\n\r\n");
    const headers = Object.fromEntries(
      head
        .split("\r\n")
        .slice(1)
        .map((line) => [
          line.slice(0, line.indexOf(":")).toLowerCase(),
          line.slice(line.indexOf(":") + 1).trim(),
        ]),
    );
    expectContractValid({ status: Number(head.split(" ")[1]), headers, text, json: undefined });
  });
});

describe("every injected contract fault is valid under the contract", () => {
  const statuses = Object.keys(operations["auth-tokens-self-delete"].errorTypesByStatus).map(
    Number,
  ) as MockErrorStatus[];

  it("covers every error status the contract lists", () => {
    const responses = contract.spec.paths[operationPath]!.post.responses;
    expect(statuses.map(String)).toEqual(Object.keys(responses).filter((s) => !/^2/.test(s)));
  });

  it.each(statuses)("an error fault with status %i and its default body", async (status) => {
    mock.inject({ kind: "error", status });
    const result = await call(mock);
    expect(result.status).toBe(status);
    expectContractValid(result);
  });

  it.each(statuses)(
    "an error fault with status %i, a Retry-After and a body of its own",
    async (status) => {
      mock.inject({
        kind: "error",
        status,
        retryAfter: 2,
        body: { message: "from the test" } as never,
      });
      const result = await call(mock);
      expect(result.status).toBe(status);
      expect(result.json).toMatchObject({ message: "from the test" });
      expectContractValid(result);
    },
  );

  it.each<[string, MockFault]>([
    ["429 with Retry-After in seconds", { kind: "error", status: 429, retryAfter: 3 }],
    ["429 with Retry-After 0", { kind: "error", status: 429, retryAfter: 0 }],
    [
      "429 with Retry-After as an HTTP date",
      { kind: "error", status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() },
    ],
    ["503 with Retry-After", { kind: "error", status: 503, retryAfter: 10 }],
    ["500 with a custom message", { kind: "error", status: 500, body: { message: "boom" } }],
    ["a delayed 503", { kind: "delay", ms: 5, then: { kind: "error", status: 503 } }],
  ])("%s", async (_what, fault) => {
    mock.inject(fault);
    const result = await call(mock);
    expectContractValid(result);
  });

  it("a 429 with Retry-After in seconds has the header", async () => {
    mock.inject({ kind: "error", status: 429, retryAfter: 3 });
    expect((await call(mock)).headers["retry-after"]).toBe("3");
  });
});

describe("the validator is not a pushover", () => {
  it("rejects a mock answer with its status swapped", async () => {
    const result = await call(mock, { token: null });
    expect(
      contract.response(operationPath, "post", 403, JSON.parse(result.text), result.headers).valid,
    ).toBe(false);
  });
});
