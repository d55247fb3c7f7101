// `devrev-auth-tokens verify`, spawned as a process against a mock server of its own per test.
// Every run also checks (in run.ts) that the token appears in no output. Usage errors and --help,
// decided before anything is sent, run the CLI's main() in process (runMain): a spawn costs
// ~0.5 s of CPU and proves nothing more there; the other tests spawn the launcher.
import { describe, expect, it, type TestContext } from "vitest";
import { startMockServer, type MockServer } from "../../src/testing/index.ts";
import { isTokenType, tokenTypes } from "../../src/token-types.ts";
import { probeTokenType } from "../../src/cli/verify-probes.ts";
import { fakeNames } from "../support/fake-names.ts";
import { unusedPort } from "../support/ports.ts";
import { runCli, runMain, type RunOptions } from "./run.ts";

const users = {
  alice: "don:identity:dvrv-us-1:devo/v:devu/1",
  bob: "don:identity:dvrv-us-1:devo/v:devu/2",
};
const token = "verify-alice-pat-Kx8vQ2";
const types = {
  pat: "urn:devrev:params:oauth:token-type:pat",
  session: "urn:devrev:params:oauth:token-type:session",
} as const;

async function mock({ onTestFinished }: TestContext): Promise<MockServer> {
  const server = await startMockServer({
    // The mock's "same-as-caller" default would revoke alice's PATs on an omitted type: a
    // probe that sent one would show up below as a changed token.
    tokens: [
      { value: token, user: users.alice, type: types.pat },
      { value: "verify-alice-session-Lm3", user: users.alice, type: types.session },
      { value: "verify-bob-pat-Pq7", user: users.bob, type: types.pat },
    ],
  });
  onTestFinished(() => server.close());
  return server;
}

const everyToken = (server: MockServer) =>
  Object.values(users).flatMap((u) => server.listTokens(u));
/**
 * Matches the probe that carries the real token and an unknown type. The recorded request does
 * not show which token it carried, and the made-up token's probe (sent before it) has the same
 * body, so it is the second request with that body and a Bearer credential.
 */
const realTokenUnknownType = () => {
  let seen = 0;
  return (r: { json?: unknown; auth: string }) =>
    r.auth === "bearer" &&
    (r.json as { requested_token_type?: unknown } | undefined)?.requested_token_type ===
      probeTokenType &&
    ++seen === 2;
};

/**
 * Spawns the launcher; under `npm test` on the fresh build (see run.ts), for a third of the CPU
 * of loading the source through tsx. The first test below always runs the source.
 */
const cli = (args: string[], options: RunOptions = {}) =>
  runCli(args, { builtWhenFresh: true, ...options });

describe.concurrent("devrev-auth-tokens verify", () => {
  it("exit 0 against the mock: every answer conforms, and no token changed", async (context) => {
    const server = await mock(context);
    const before = everyToken(server);
    const result = await runCli(["verify", "--base-url", server.url], { token });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `token types: the server allows the contract's ${tokenTypes.length}`,
    );
    expect(result.stdout).toMatch(/verify: every answer conforms to the contract\n$/);
    expect(result.stdout + result.stderr).not.toContain(token);
    // Nothing revoked: every token of every user is as it was.
    expect(everyToken(server)).toEqual(before);
    expect(before.every((t) => !t.revoked)).toBe(true);
    // Every request with the real token named a type, and never a known one.
    const withToken = server.requests.filter((r) => r.auth === "bearer" && r.headers.authorization);
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
    for (const request of server.requests) {
      expect(request.method).toBe("POST");
      expect(request.body).toContain('"requested_token_type":');
      const sent = (request.json as { requested_token_type?: unknown } | undefined)
        ?.requested_token_type;
      expect(isTokenType(sent)).toBe(false);
    }
    expect(withToken.length).toBeGreaterThan(0);
  });

  it("reads the token from --token-stdin", async (context) => {
    const server = await mock(context);
    const result = await cli(["verify", "--token-stdin", "--base-url", server.url], {
      stdin: `${token}\n`,
    });
    expect(result.code).toBe(0);
  });

  it("exit 1: reports token types the server allows that the contract lacks, and the reverse", async (context) => {
    const server = await mock(context);
    const added = fakeNames().tokenType();
    const [dropped, ...kept] = tokenTypes;
    server.inject(
      {
        kind: "error",
        status: 400,
        body: {
          type: "invalid_enum_value",
          field_name: "requested_token_type",
          value: probeTokenType,
          allowed_values: [...kept, added],
        },
      },
      { when: realTokenUnknownType() },
    );
    const result = await cli(["verify", "--base-url", server.url], { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`DRIFT +token type ${added}: the server allows it, the contract lacks it`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`DRIFT +token type ${dropped}: the contract has it, the server does not allow it`),
    );
    expect(result.stdout).toContain(
      "verify: 2 drift, 0 contract violation(s), 0 unexpected answer(s)",
    );
  });

  it("exit 1: an answer that breaks the contract, and one that is not the expected answer", async (context) => {
    const server = await mock(context);
    // A 401 whose type belongs to 403, for the probe without a token.
    server.inject(
      { kind: "error", status: 401, body: { type: "forbidden" } as never },
      { when: (r) => r.auth === "missing" },
    );
    // A proxy's HTML page for the unknown type.
    server.inject({ kind: "html" }, { when: realTokenUnknownType() });
    const result = await cli(["verify", "--base-url", server.url], { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /BROKEN +no token: 401 forbidden breaks the contract: body \/type/,
    );
    expect(result.stdout).toMatch(
      /BROKEN +an unknown token type: 502 breaks the contract: status 502 is not in the contract/,
    );
    expect(result.stdout).toMatch(
      /UNEXPECTED +an unknown token type: expected 400 invalid_enum_value, got 502/,
    );
    expect(everyToken(server).every((t) => !t.revoked)).toBe(true);
  });

  it("exit 1: a 200 to a probe meant to be refused may have been acted on; nothing more is sent with the token, and every check not made is listed as skipped", async (context) => {
    const server = await mock(context);
    // A server that accepts the unknown type: a 200 with no body, as the contract's success.
    server.inject({ kind: "garbage", status: 200, body: "" }, { when: realTokenUnknownType() });
    const result = await cli(["verify", "--base-url", server.url], { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /UNEXPECTED +an unknown token type: expected 400 invalid_enum_value, got 200: the server accepted a request meant to be refused and may have acted on it with your token: check your tokens/,
    );
    expect(result.stdout).toMatch(
      /SKIPPED +token types: not compared: "an unknown token type" was answered 200, not 400 invalid_enum_value with allowed_values, so the server named no types/,
    );
    const realProbes = ["a token type that is a number", "a body that is not JSON"];
    for (const name of realProbes)
      expect(result.stdout).toMatch(
        new RegExp(
          `SKIPPED +${name}: not sent: the server accepted "an unknown token type", which it should have refused`,
        ),
      );
    expect(result.stdout).toContain(
      "0 contract violation(s), 1 unexpected answer(s), 3 check(s) skipped",
    );
    // Nothing was sent after the accepted probe: two without the token, one with it.
    expect(server.requests).toHaveLength(3);
  });

  it("exit 1: a 2xx to a probe without the real token (no token, a made-up one): the real token is never sent", async (context) => {
    const server = await mock(context);
    // A server that acts on requests without a valid token.
    server.inject(
      { kind: "garbage", status: 200, body: "" },
      { times: 2, when: (r) => r.auth !== "bearer" || !r.headers.authorization?.includes(token) },
    );
    const result = await cli(["verify", "--base-url", server.url], { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /UNEXPECTED +no token: expected 401 unauthenticated, got 200: the server accepted a request meant to be refused and may have acted on it\n/,
    );
    for (const probe of [
      "an unknown token type",
      "a token type that is a number",
      "a body that is not JSON",
    ])
      expect(result.stdout).toMatch(
        new RegExp(
          `SKIPPED +${probe}: not sent: the server accepted "no token", which it should have refused`,
        ),
      );
    expect(result.stdout).toMatch(
      /SKIPPED +token types: not compared: "an unknown token type" was not sent/,
    );
    // The two probes without the real token, and nothing after them.
    expect(server.requests).toHaveLength(2);
  });

  it("exit 1: a server that reads a body that is not JSON anyway (no parse error) is flagged", async (context) => {
    const server = await mock(context);
    server.inject(
      {
        kind: "error",
        status: 400,
        body: {
          type: "invalid_enum_value",
          field_name: "requested_token_type",
          value: probeTokenType,
          allowed_values: [...tokenTypes],
        },
      },
      { when: (r) => r.json === undefined },
    );
    const result = await cli(["verify", "--base-url", server.url], { token });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /UNEXPECTED +a body that is not JSON: expected 400 parse_error, got 400 invalid_enum_value/,
    );
  });

  it("exit 2: no token; and --token is refused, its value never printed; nothing sent", async (context) => {
    const server = await mock(context);
    const none = await runMain(["verify", "--base-url", server.url]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("DEVREV_TOKEN is not set");
    const argument = await runMain(["verify", "--token", token, "--base-url", server.url], {
      secrets: [token],
    });
    expect(argument.code).toBe(2);
    expect(argument.stderr).toContain("--token is not accepted");
    const insecure = await runMain(["verify", "--base-url", "http://example.com"], {
      env: { DEVREV_TOKEN: token },
    });
    expect(insecure.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it("exit 3: the network fails", async () => {
    const port = await unusedPort();
    const result = await cli(["verify", "--base-url", `http://127.0.0.1:${port}`], { token });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("network failure");
    // The probes after the first and the token-type comparison are listed as not made, with why.
    expect(result.stdout).toMatch(
      /SKIPPED +a made-up token: not sent: the network failed on "no token"/,
    );
    expect(result.stdout).toMatch(
      /SKIPPED +token types: not compared: "an unknown token type" was not sent/,
    );
  });

  it("--help says what it sends and its exit codes; the main help lists it", async () => {
    const help = await runMain(["verify", "--help"]);
    expect(help.code).toBe(0);
    for (const text of [
      "--base-url <url>",
      "--token-stdin",
      "revokes",
      "never a known type",
      "3  ",
    ])
      expect(help.stdout).toContain(text);
    expect((await runMain(["--help"])).stdout).toContain("verify [--base-url <url>]");
  });
});
