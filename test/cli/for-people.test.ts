// The CLI is forgiving where it is safe (reading a type), strict where it revokes
// (repeats, positionals), speaks in its own words, takes durations with units, tells what a
// Ctrl-C left behind, and the mock shows its traffic.
import { describe, expect, it, type TestContext } from "vitest";
import { startMockServer, trafficLine, runStandaloneMock } from "../../src/testing/index.ts";
import { shortTokenType, tokenTypes, type TokenType } from "../../src/token-types.ts";
import { matchTokenType, readTokenTypeArg } from "../../src/cli/token-type-arg.ts";
import { editDistance } from "../../src/suggest.ts";
import { call } from "../support/mock.ts";
import { onlyJson, runCli, runMain, until } from "./run.ts";
import { unusedPort } from "../support/ports.ts";
import { defaultMaxRetries } from "../../src/retry.ts";

/** Attempts a call makes by default: the first and its retries. */
const attempts = defaultMaxRetries + 1;

const alice = "don:identity:dvrv-us-1:devo/people:devu/1";
const pat = tokenTypes.find((type) => shortTokenType(type) === "pat")!;
const session = tokenTypes.find((type) => shortTokenType(type) === "session")!;
const token = "people-alice-pat-Kx8wQ2";

async function mock({ onTestFinished }: TestContext) {
  const server = await startMockServer({ tokens: [{ value: token, user: alice, type: pat }] });
  onTestFinished(() => server.close());
  return server;
}

/** self-delete against a mock of its own, run in process (the launcher is spawned elsewhere). */
const revokeWith = async (context: TestContext, ...args: string[]) => {
  const server = await mock(context);
  const result = await runMain(["self-delete", ...args, "--base-url", server.url], {
    env: { DEVREV_TOKEN: token },
  });
  return { server, result };
};

describe("reading --type (pure)", () => {
  it("matches every type case-insensitively, short form and URN", () => {
    for (const type of tokenTypes) {
      expect(readTokenTypeArg(shortTokenType(type).toUpperCase()).type).toBe(type);
      expect(readTokenTypeArg(type.toUpperCase()).type).toBe(type);
    }
  });

  it.each([
    ["patt", "pat"],
    ["sesion", "session"],
    ["PAT:ACTAS", "pat:act-as"],
    ["urn:devrev:params:oauth:token-type:pt", "pat"],
  ])("suggests %s → %s first", (typed, nearest) => {
    const read = readTokenTypeArg(typed);
    expect(read.type).toBeUndefined();
    expect(read.type === undefined && read.suggestions.map(shortTokenType)[0]).toBe(nearest);
  });

  it("suggests only the nearest: patt is pat, not aat, gat or rat", () => {
    const read = readTokenTypeArg("patt");
    expect(read.type === undefined && read.suggestions.map(shortTokenType)).toEqual(["pat"]);
  });

  it("never repeats a value that does not look like a type", () => {
    const read = readTokenTypeArg("ghp_8f$Qz!tokenish/value+with=odd");
    expect(read.type === undefined && read.shown).toBeUndefined();
  });

  it("counts edits", () => {
    expect(editDistance("patt", "pat")).toBe(1);
    expect(editDistance("sesion", "session")).toBe(1);
    expect(editDistance("", "aat")).toBe(3);
  });
});

describe.concurrent("forgiving where it is safe", () => {
  it("--type PAT revokes PATs", async (context) => {
    const { server, result } = await revokeWith(context, "--type", "PAT");
    expect(result.code).toBe(0);
    expect(server.requests[0]?.json).toEqual({ requested_token_type: pat });
  });

  it("--type with an upper-case URN revokes that type", async (context) => {
    const { server, result } = await revokeWith(context, "--type", session.toUpperCase());
    expect(result.code).toBe(0);
    expect(server.requests[0]?.json).toEqual({ requested_token_type: session });
  });

  it("--type patt names what was typed, suggests pat, then lists every type; nothing sent", async (context) => {
    const { server, result } = await revokeWith(context, "--type", "patt");
    expect(result.code).toBe(2);
    const [first] = result.stderr.split("\n");
    expect(first).toContain('--type "patt" is not a token type. Did you mean: pat');
    for (const type of tokenTypes) expect(result.stderr).toContain(type);
    expect(server.requests).toHaveLength(0);
  });
});

describe.concurrent("strict where it revokes", () => {
  it("a repeated --type is a usage error; nothing is sent", async (context) => {
    const { server, result } = await revokeWith(context, "--type", "dev:connect", "--type", "pat");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--type was given more than once");
    expect(server.requests).toHaveLength(0);
  });

  it("any repeated single-value option is refused", async (context) => {
    const { server, result } = await revokeWith(
      context,
      "--type",
      "pat",
      "--max-retries",
      "1",
      "--max-retries",
      "2",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--max-retries was given more than once");
    expect(server.requests).toHaveLength(0);
  });

  it("a positional argument says to use --type, without echoing it", async (context) => {
    const server = await mock(context);
    const pasted = "maybe-a-secret-Lp3vN9";
    const result = await runCli(["self-delete", pasted, "--base-url", server.url], {
      token,
      secrets: [pasted],
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("use --type <type>");
    expect(server.requests).toHaveLength(0);
  });
});

// What a CLI user must never be told: the library's option names.
const libraryWords =
  /createDevRevClient|allowInsecureHttp|baseUrl|timeoutMs|maxRetries|`token`|by its signal/;

describe.concurrent("CLI words in every usage error", () => {
  it("as a real process too: plain http to another host names --allow-insecure-http", async () => {
    const result = await runCli(
      ["self-delete", "--type", "pat", "--base-url", "http://api.devrev.ai"],
      { token },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--allow-insecure-http/);
    expect(result.stderr).not.toMatch(libraryWords);
  });

  it.each([
    ["an empty DEVREV_TOKEN", ["--type", "pat"], "", /DEVREV_TOKEN is empty/],
    ["a token with a newline", ["--type", "pat"], "abc\ndef", /DEVREV_TOKEN holds whitespace/],
    ["no DEVREV_TOKEN", ["--type", "pat"], undefined, /DEVREV_TOKEN is not set/],
    [
      "plain http to another host",
      ["--type", "pat", "--base-url", "http://api.devrev.ai"],
      token,
      /--allow-insecure-http/,
    ],
    [
      "an ftp URL",
      ["--type", "pat", "--base-url", "ftp://x"],
      token,
      /--base-url must be an absolute http\(s\) URL.*its scheme is ftp:/,
    ],
    [
      "credentials in the URL",
      ["--type", "pat", "--base-url", "https://me:hunter2pass@api.devrev.ai"],
      token,
      /--base-url must be .*without credentials.*it holds credentials/,
    ],
    ["not a URL", ["--type", "pat", "--base-url", "api"], token, /--base-url must be an absolute/],
    ["a bare --timeout", ["--type", "pat", "--timeout", "30"], token, /--timeout needs a unit/],
    ["a wordy --timeout", ["--type", "pat", "--timeout", "soon"], token, /with a unit/],
    ["--max-retries 11", ["--type", "pat", "--max-retries", "11"], token, /--max-retries must/],
    ["no --type", [], token, /--type is required/],
    ["an unknown option", ["--type", "pat", "--retries", "3"], token, /unknown option --retries/],
  ])("%s", async (_what, args, given, expected) => {
    // In process: a usage error is decided before anything is sent (one spawned run below).
    const env = given === undefined ? {} : { DEVREV_TOKEN: given };
    const result = await runMain(["self-delete", ...args], { env, secrets: ["hunter2pass"] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(libraryWords);
    const json = await runMain(["self-delete", ...args, "--json"], {
      env,
      secrets: ["hunter2pass"],
    });
    expect(json.code).toBe(2);
    expect(JSON.stringify(onlyJson(json.stdout))).not.toMatch(libraryWords);
  });
});

describe.concurrent("verify speaks the same words", () => {
  it.each([
    [
      "plain http to another host",
      ["--base-url", "http://api.devrev.ai"],
      token,
      /--allow-insecure-http/,
    ],
    ["an empty DEVREV_TOKEN", [], "", /DEVREV_TOKEN is empty/],
    ["a bare --timeout", ["--timeout", "30"], token, /--timeout needs a unit/],
  ])("%s", async (_what, args, given, expected) => {
    const result = await runMain(["verify", ...args], { env: { DEVREV_TOKEN: given } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(libraryWords);
  });
});

describe.concurrent("durations with units", () => {
  it.each(["500ms", "2s", "1.5s", "1m"])("--timeout %s is accepted", async (duration) => {
    const server = await startMockServer({ tokens: [{ value: token, user: alice, type: pat }] });
    try {
      const result = await runCli(
        ["self-delete", "--type", "pat", "--timeout", duration, "--base-url", server.url],
        { token },
      );
      expect(result.code).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("--timeout 300ms ends an attempt after 300 ms", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "delay", ms: 5_000 }, { times: Infinity });
    const timed = await runCli(
      [
        "self-delete",
        "--type",
        "pat",
        "--timeout",
        "300ms",
        "--max-retries",
        "0",
        "--json",
        "--base-url",
        server.url,
      ],
      { token },
    );
    expect(onlyJson(timed.stdout)).toMatchObject({ error: { type: "timeout", timeoutMs: 300 } });
  });
});

describe.concurrent("Ctrl-C tells what is known", () => {
  it("before any request reached a server: nothing was revoked by this run", async () => {
    const port = await unusedPort();
    let started = false;
    const result = await runCli(
      [
        "self-delete",
        "--type",
        "pat",
        "--max-retries",
        "5",
        "--base-url",
        `http://127.0.0.1:${port}`,
      ],
      {
        token,
        onSpawn: (child) => {
          child.stderr?.on("data", (chunk: Buffer) => {
            if (!started && chunk.toString().includes("retrying")) {
              started = true;
              child.kill("SIGINT");
            }
          });
        },
      },
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("nothing was revoked by this run");
    expect(result.stderr).not.toMatch(/may or may not/);
  });

  it("with a request in flight: the outcome is unknown, and how to check; --json in CLI words", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "delay", ms: 30_000 });
    const result = await runCli(
      ["self-delete", "--type", "pat", "--json", "--base-url", server.url],
      {
        token,
        onSpawn: (child) =>
          void until(() => server.requests.length > 0).then(() => child.kill("SIGINT")),
      },
    );
    expect(result.code).toBe(130);
    const output = onlyJson(result.stdout);
    expect(output).toMatchObject({ ok: false, error: { type: "aborted" } });
    const message = (output.error as { message: string }).message;
    expect(message).toContain("interrupted by Ctrl-C while a request was in flight");
    expect(message).not.toMatch(libraryWords);
  });
});

describe("the mock shows its traffic", () => {
  it("prints one line per request: time, method, path, status, type, whose token — never the token", async () => {
    const lines: string[] = [];
    const running = await runStandaloneMock({
      port: 0,
      log: (line) => lines.push(line),
      handleSignals: false,
      tokens: [{ value: token, user: alice, type: pat }],
    });
    try {
      const before = lines.length;
      await call(running.server, { token, body: { requested_token_type: pat } });
      await call(running.server, { token, body: { requested_token_type: pat } });
      await call(running.server, { token: null, body: {} });
      const traffic = lines.slice(before);
      expect(traffic).toHaveLength(3);
      expect(traffic[0]).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} {2}POST \/auth-tokens\.self\.delete {2}200 {2}- {2}user don:identity:dvrv-us-1:devo\/people:devu\/1$/,
      );
      expect(traffic[1]).toContain("401  unauthenticated  user " + alice);
      expect(traffic[2]).toContain("401  unauthenticated  no known token");
      // The banner lists the demo tokens on purpose; a traffic line never shows one.
      for (const line of traffic) expect(line).not.toContain(token);
    } finally {
      await running.stop();
    }
  });

  it("logs a huge JSON body's answer without reading it whole, and a dropped one", async () => {
    const lines: string[] = [];
    const running = await runStandaloneMock({
      port: 0,
      log: (line) => lines.push(line),
      handleSignals: false,
    });
    try {
      const before = lines.length;
      running.server.inject({ kind: "huge", bytes: 4 * 1024 * 1024 });
      const huge = await call(running.server, { body: {} });
      expect(huge.text.length).toBe(4 * 1024 * 1024);
      running.server.inject({ kind: "drop", during: "body" });
      await expect(call(running.server, { body: {} })).rejects.toThrow();
      const traffic = lines.slice(before);
      expect(traffic[0]).toMatch(/ {2}500 {2}- {2}no known token {2}\[fault: huge\]$/);
      expect(traffic[1]).toMatch(/ {2}500 {2}- {2}no known token {2}\[fault: drop\]$/);
    } finally {
      await running.stop();
    }
  });

  it("names the fault that shaped an answer, and --quiet (traffic: false) prints none", async () => {
    const lines: string[] = [];
    const running = await runStandaloneMock({
      port: 0,
      log: (line) => lines.push(line),
      handleSignals: false,
      traffic: false,
    });
    try {
      const before = lines.length;
      await call(running.server, { body: {} });
      expect(lines.slice(before)).toEqual([]);
    } finally {
      await running.stop();
    }
    expect(
      trafficLine({
        at: new Date(0),
        method: "POST",
        path: "/auth-tokens.self.delete",
        status: 0,
        fault: "lose-answer",
      }),
    ).toBe(
      "00:00:00.000  POST /auth-tokens.self.delete  ---  -  no known token  [fault: lose-answer]",
    );
  });
});

describe.concurrent("--verbose", () => {
  it("prints each attempt and wait on stderr through the same logger, never the token", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "error", status: 503, retryAfter: 0 });
    const result = await runCli(
      ["self-delete", "--type", "pat", "--verbose", "--base-url", server.url],
      { token },
    );
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        `^devrev-auth-tokens: POST /auth-tokens\\.self\\.delete attempt 1 of ${attempts}: service_unavailable 503 in \\d+ ms$`,
      ),
    );
    expect(lines[1]).toMatch(
      /retrying in 500 ms \(as the server asked\) after service_unavailable$/,
    );
    expect(lines[2]).toMatch(new RegExp(`attempt 2 of ${attempts}: ok 200 in \\d+ ms$`));
    expect(lines[3]).toMatch(/ok after 2 attempt\(s\) in \d+ ms$/);
  });

  it("is refused with --quiet", async () => {
    const both = await runCli(["self-delete", "--type", "pat", "--quiet", "--verbose"], { token });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--quiet and --verbose cannot go together");
  });
});

describe("--type never picks a type other than the one named", () => {
  const pat = "urn:devrev:params:oauth:token-type:pat" as TokenType;
  const loud = "urn:devrev:params:oauth:token-type:PAT" as TokenType;
  const both = [pat, loud];

  it("names typed exactly win over a type that differs only in case", () => {
    expect(matchTokenType(loud, both)).toBe(loud);
    expect(matchTokenType("PAT", both)).toBe(loud);
    expect(matchTokenType("pat", both)).toBe(pat);
  });

  it("any case, only when that names one type: two alike are not guessed between", () => {
    expect(matchTokenType("Pat", both)).toBeUndefined();
    expect(matchTokenType("Pat", [pat])).toBe(pat);
  });

  it("a URN of another shape has no short form of its own", () => {
    const odd = "urn:devrev:params:oauth:grant-type:svc" as TokenType;
    expect(shortTokenType(odd)).toBe(odd);
  });
});
