// A logger with levels. debug tells each attempt and wait, info each call's outcome,
// warn what a person should act on; DEVREV_LOG sets the level where a process exists; no line
// ever holds a token.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDevRevClient, DevRevUsageError, type Logger } from "../../src/index.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";
import { defaultMaxRetries } from "../../src/retry.ts";

/** Attempts a call makes by default: the first and its retries. */
const attempts = defaultMaxRetries + 1;

const mock = useMockServer();
const token = seeds.alicePat.value;

/** A logger that keeps every line with its level. */
function recorder() {
  const lines: { level: string; message: string }[] = [];
  const logger: Logger = {
    debug: (message) => void lines.push({ level: "debug", message }),
    info: (message) => void lines.push({ level: "info", message }),
    warn: (message) => void lines.push({ level: "warn", message }),
    error: (message) => void lines.push({ level: "error", message }),
  };
  return { lines, logger };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("log levels", () => {
  it("debug: each attempt with method, path, status or failure, duration, and each wait and why", async () => {
    const { lines, logger } = recorder();
    mock.inject({ kind: "error", status: 429, retryAfter: 0 });
    const devrev = createDevRevClient({ token, baseUrl: mock.url, logger, logLevel: "debug" });
    await devrev.authTokens.selfDelete({ requested_token_type: types.session });
    const text = lines.map((line) => `${line.level} ${line.message}`);
    expect(text[0]).toMatch(
      new RegExp(
        `^debug devrev-auth-tokens: POST /auth-tokens\\.self\\.delete attempt 1 of ${attempts}: too_many_requests 429 in \\d+ ms$`,
      ),
    );
    expect(text[1]).toMatch(
      /^debug .* retrying in 500 ms \(as the server asked\) after too_many_requests$/,
    );
    expect(text[2]).toMatch(new RegExp(`^debug .* attempt 2 of ${attempts}: ok 200 in \\d+ ms$`));
    expect(text[3]).toMatch(/^info .* ok after 2 attempt\(s\) in \d+ ms$/);
  });

  it("warn (the default): an uncertain attempt and a refused long wait, nothing else", async () => {
    vi.stubEnv("DEVREV_LOG", undefined);
    const { lines, logger } = recorder();
    mock.inject({ kind: "lose-answer" });
    mock.inject({ kind: "error", status: 429, retryAfter: 120 });
    const devrev = createDevRevClient({ token, baseUrl: mock.url, logger });
    await devrev.authTokens.selfDelete({ requested_token_type: types.session });
    expect(lines.map((line) => line.level)).toEqual(["warn", "warn"]);
    expect(lines[0]!.message).toMatch(
      /attempt 1 \(network_error\) may have been acted on; its answer was lost/,
    );
    expect(lines[1]!.message).toMatch(
      /asked to wait 120000 ms, over maxRetryDelayMs: not retrying/,
    );
  });

  it("off logs nothing; DEVREV_LOG sets the level when the option does not", async () => {
    const quiet = recorder();
    mock.inject({ kind: "lose-answer" });
    await createDevRevClient({
      token,
      baseUrl: mock.url,
      logger: quiet.logger,
      logLevel: "off",
    }).authTokens.selfDelete({ requested_token_type: types.session });
    expect(quiet.lines).toEqual([]);

    vi.stubEnv("DEVREV_LOG", "info");
    const fromEnv = recorder();
    await createDevRevClient({
      token,
      baseUrl: mock.url,
      logger: fromEnv.logger,
    }).authTokens.selfDelete({ requested_token_type: types.session });
    expect(fromEnv.lines.map((line) => line.level)).toEqual(["info"]);
  });

  it("an unknown level or a logger without the four methods is refused", () => {
    expect(() => createDevRevClient({ token, logLevel: "loud" as never })).toThrow(
      /logLevel must be one of debug, info, warn, error, off/,
    );
    vi.stubEnv("DEVREV_LOG", "verbose");
    expect(() => createDevRevClient({ token })).toThrow(/DEVREV_LOG must be one of/);
    vi.unstubAllEnvs();
    expect(() => createDevRevClient({ token, logger: { debug() {} } as never })).toThrow(
      DevRevUsageError,
    );
  });

  it("a logger that throws does not fail the call", async () => {
    const throwing: Logger = {
      debug: () => {
        throw new Error("disk full");
      },
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      logger: throwing,
      logLevel: "debug",
    });
    const result = await devrev.authTokens.selfDelete({ requested_token_type: types.session });
    expect(result.error).toBeUndefined();
  });
});

describe("the token never reaches a log line", () => {
  it("at debug, through retries, echoes, a rotating token and a token function that fails", async () => {
    const rotated = ["logged-rotating-token-one", "logged-rotating-token-two"];
    for (const value of rotated)
      mock.addToken({ value, user: "don:identity:dvrv-us-1:devo/1:devu/9", type: types.aat });
    mock.inject({
      kind: "error",
      status: 503,
      retryAfter: 0,
      body: { message: `refused ${rotated[0]}` },
    });
    mock.inject({ kind: "html", status: 502, body: `<p>${rotated[1]}</p>` });
    const { lines, logger } = recorder();
    let next = 0;
    const devrev = createDevRevClient({
      token: () => {
        if (next === 2) throw new Error(`vault gave ${rotated[0]}`);
        return rotated[next++]!;
      },
      baseUrl: mock.url,
      logger,
      logLevel: "debug",
    });
    await devrev.authTokens.selfDelete();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.at(-1)?.level).toBe("error");
    for (const line of lines)
      for (const value of [...rotated, token]) expect(line.message).not.toContain(value);
  });
});
