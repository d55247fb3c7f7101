// `devrev-auth-tokens self-delete`, spawned as a process against a mock server of its own per
// test (so the tests can run concurrently without sharing faults or tokens). Usage errors and
// --help, decided before anything is sent, run the CLI's main() in process (runMain): a spawn
// costs ~0.5 s of CPU and proves nothing more there; every other test spawns the launcher.
import { describe, expect, it, type TestContext } from "vitest";
import { startMockServer, type MockServer } from "../../src/testing/index.ts";
import { shortTokenType, tokenTypes } from "../../src/token-types.ts";
import { contractBody } from "../support/bodies.ts";
import { onlyJson, runCli, runMain, type RunOptions, until } from "./run.ts";
import { unusedPort } from "../support/ports.ts";

const alice = "don:identity:dvrv-us-1:devo/cli:devu/1";
const urn = {
  pat: "urn:devrev:params:oauth:token-type:pat",
  session: "urn:devrev:params:oauth:token-type:session",
  onetime: "urn:devrev:params:oauth:token-type:session:onetime",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
} as const;
// Distinctive values, so a leak is found wherever it lands in the output.
const tokens = {
  pat: "cli-alice-pat-Zq7vX1",
  session: "cli-alice-session-Wm4pK8",
  jwt: "cli-alice-jwt-Hn2sR5",
  unknown: "cli-nobody-knows-this-Tq9bD3",
};

async function mock({ onTestFinished }: TestContext): Promise<MockServer> {
  const server = await startMockServer({
    tokens: [
      { value: tokens.pat, user: alice, type: urn.pat },
      { value: tokens.session, user: alice, type: urn.session },
      { value: tokens.jwt, user: alice, type: urn.jwt },
    ],
  });
  onTestFinished(() => server.close());
  return server;
}

const revoked = (server: MockServer, type: string) =>
  server.listTokens(alice).find((token) => token.type === type)?.revoked;

/**
 * Spawns the launcher; under `npm test` on the fresh build (see run.ts), for a third of the CPU
 * of loading the source through tsx. The first test below always runs the source.
 */
const cli = (args: string[], options: RunOptions = {}) =>
  runCli(args, { builtWhenFresh: true, ...options });

describe.concurrent("devrev-auth-tokens self-delete", () => {
  it("exit 0: revokes the type given in short form, sending its URN", async (context) => {
    const server = await mock(context);
    const result = await runCli(["self-delete", "--type", "pat", "--base-url", server.url], {
      token: tokens.session,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Revoked every pat token you created.");
    expect(server.requests.map((request) => request.json)).toEqual([
      { requested_token_type: urn.pat },
    ]);
    expect(revoked(server, urn.pat)).toBe(true);
    expect(revoked(server, urn.session)).toBe(false);
  });

  it("exit 0 with a full URN and --json: exactly one JSON object on stdout", async (context) => {
    const server = await mock(context);
    const result = await cli(
      ["self-delete", "--type", urn.onetime, "--json", "--base-url", server.url],
      { token: tokens.pat },
    );
    expect(result.code).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({
      ok: true,
      type: urn.onetime,
      attempts: 1,
      history: [{ type: "ok", status: 200, ms: expect.any(Number) }],
    });
    expect(result.stderr).toBe("");
    expect(server.requests[0]?.json).toEqual({ requested_token_type: urn.onetime });
  });

  it("--token-stdin reads the token from a pipe, less a trailing newline, over DEVREV_TOKEN", async (context) => {
    const server = await mock(context);
    const result = await cli(
      ["self-delete", "--type", "jwt", "--token-stdin", "--base-url", server.url],
      { stdin: `${tokens.jwt}\n`, token: tokens.unknown },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(server.requests[0]?.auth).toBe("bearer");
    expect(revoked(server, urn.jwt)).toBe(true);
  });

  it("exit 1: a refusal by the API prints its type and message", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "error", status: 403, body: { message: "Not in this org, you don't." } });
    const result = await cli(["self-delete", "--type", "pat", "--base-url", server.url], {
      token: tokens.pat,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("the API refused after 1 attempt: forbidden (HTTP 403)");
    expect(result.stderr).toContain("Not in this org, you don't.");
    expect(revoked(server, urn.pat)).toBe(false);
  });

  it("exit 1 with --json: the narrowed error and the attempts", async (context) => {
    const server = await mock(context);
    const result = await cli(["self-delete", "--type", "pat", "--json", "--base-url", server.url], {
      token: tokens.unknown,
    });
    expect(result.code).toBe(1);
    expect(onlyJson(result.stdout)).toEqual({
      ok: false,
      type: urn.pat,
      error: contractBody("unauthenticated", { status: 401, message: expect.any(String) }),
      attempts: 1,
      history: [{ type: "unauthenticated", status: 401, ms: expect.any(Number) }],
      outcomeUncertain: false,
    });
  });

  it("exit 2: an unknown type is a usage error naming every type and short form; nothing is sent", async (context) => {
    const server = await mock(context);
    const result = await runMain(["self-delete", "--type", "personal", "--base-url", server.url], {
      env: { DEVREV_TOKEN: tokens.pat },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('--type "personal" is not a token type');
    expect(tokenTypes.length).toBeGreaterThan(0);
    for (const type of tokenTypes) {
      expect(result.stderr).toMatch(new RegExp(`\\n +${shortTokenType(type)} +${type}\\n`));
    }
    expect(server.requests).toHaveLength(0);
  });

  it("exit 2: --token is refused, its value never printed, nothing sent", async (context) => {
    const server = await mock(context);
    const result = await runMain(
      ["self-delete", "--type", "pat", "--token", tokens.pat, "--base-url", server.url],
      { secrets: [tokens.pat] },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--token is not accepted");
    expect(result.stderr).toContain("shell history");
    expect(server.requests).toHaveLength(0);
  });

  it("exit 2: no token anywhere is a usage error naming DEVREV_TOKEN", async (context) => {
    const server = await mock(context);
    const result = await runMain(["self-delete", "--type", "pat", "--base-url", server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DEVREV_TOKEN is not set");
    expect(server.requests).toHaveLength(0);
  });

  it("exit 3: the network fails (nothing listens on the port)", async () => {
    const port = await unusedPort();
    const result = await cli(
      [
        "self-delete",
        "--type",
        "pat",
        "--max-retries",
        "0",
        "--base-url",
        `http://127.0.0.1:${port}`,
      ],
      { token: tokens.pat },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("network error after 1 attempt");
  });

  it("exit 3: an answer outside the contract (a proxy's HTML page on 403), with --json", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "html", status: 403 });
    const result = await cli(
      ["self-delete", "--type", "pat", "--max-retries", "0", "--json", "--base-url", server.url],
      { token: tokens.pat },
    );
    expect(result.code).toBe(3);
    const output = onlyJson(result.stdout);
    expect(output).toMatchObject({
      ok: false,
      attempts: 1,
      error: { type: "unexpected_response", status: 403 },
      outcomeUncertain: false,
    });
    expect((output.error as { contentType: string }).contentType).toContain("text/html");
    expect(server.requests).toHaveLength(1);
  });

  it("a 429 is waited out: progress on stderr, stdout still one JSON object", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "error", status: 429, retryAfter: 1 });
    const result = await cli(["self-delete", "--type", "pat", "--json", "--base-url", server.url], {
      token: tokens.session,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("rate limited by the server; retrying in 1 s (attempt 2 of 3)\n");
    expect(onlyJson(result.stdout)).toEqual({
      ok: true,
      type: urn.pat,
      attempts: 2,
      history: [
        { type: "too_many_requests", status: 429, ms: expect.any(Number) },
        { type: "ok", status: 200, ms: expect.any(Number) },
      ],
    });
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it("--quiet prints no progress and no success message", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "error", status: 503, retryAfter: 1 });
    const result = await cli(
      ["self-delete", "--type", "pat", "--quiet", "--base-url", server.url],
      { token: tokens.session },
    );
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toBe("");
    expect(server.requests).toHaveLength(2);
  });

  it("Ctrl-C during the call aborts it: exit 130", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "delay", ms: 30_000 });
    let signalled = 0;
    const result = await cli(["self-delete", "--type", "pat", "--base-url", server.url], {
      token: tokens.session,
      onSpawn: (child) =>
        void until(() => server.requests.length > 0).then(() => {
          signalled = Date.now();
          child.kill("SIGINT");
        }),
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupted");
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });

  it("--help lists the options, the types and the exit codes", async () => {
    const result = await runMain(["self-delete", "--help"]);
    expect(result.code).toBe(0);
    for (const text of ["--type <type>", "--token-stdin", "--base-url", "--timeout <duration>"])
      expect(result.stdout).toContain(text);
    for (const text of ["--max-retries <n>", "--json", "--quiet", "session:onetime", "130"])
      expect(result.stdout).toContain(text);
    expect(result.stdout).toMatch(/^ {2}3 +failed, and surely revoked nothing/m);
    expect(result.stdout).toMatch(/^ {2}4 +outcome uncertain/m);
  });

  it("exit 4: a self-revoke whose answer was lost, then a 401, says the tokens are most likely revoked", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "lose-answer" });
    const result = await cli(["self-delete", "--type", "pat", "--base-url", server.url], {
      token: tokens.pat,
    });
    expect(revoked(server, urn.pat)).toBe(true);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("outcome uncertain after 2 attempts");
    expect(result.stderr).toContain("Most likely attempt 1 revoked your pat tokens");
    expect(result.stderr).toContain("To check:");
    expect(result.stderr).not.toContain("the API refused");
  });

  it("exit 4 with --json: earlierAttemptUncertain, outcomeUncertain and the history", async (context) => {
    const server = await mock(context);
    // A second attempt (a new connection, a 401) that takes longer than --timeout would make a
    // third: 1 s leaves room for busy cores, and the answer comes well after it.
    server.inject({ kind: "slow-answer", ms: 4_000 });
    const result = await cli(
      ["self-delete", "--type", "pat", "--json", "--timeout", "1s", "--base-url", server.url],
      { token: tokens.pat },
    );
    expect(result.code).toBe(4);
    expect(onlyJson(result.stdout)).toMatchObject({
      ok: false,
      outcomeUncertain: true,
      error: { type: "unauthenticated", status: 401, earlierAttemptUncertain: true },
      attempts: 2,
      history: [
        { type: "timeout", uncertain: true },
        { type: "unauthenticated", status: 401 },
      ],
    });
  });
});
