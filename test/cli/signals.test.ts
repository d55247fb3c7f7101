// SIGTERM (timeout, kill, a cancelled CI job, a stopping pod) and SIGHUP (a closed terminal) are
// handled as Ctrl-C is: the call is aborted, the CLI says what is known of what it did, and it
// exits with 128 + the signal's number. A kill is never silent.
import { describe, expect, it, type TestContext } from "vitest";
import { startMockServer } from "../../src/testing/index.ts";
import { processIo, type StopSignal } from "../../src/cli/output.ts";
import { defaultTokens, seeds } from "../support/mock.ts";
import { runCli, runMain, until } from "./run.ts";

const token = seeds.alicePat.value;

async function mock({ onTestFinished }: TestContext) {
  const server = await startMockServer({ tokens: defaultTokens });
  onTestFinished(() => server.close());
  return server;
}

describe.concurrent("a signal with a request in flight: the outcome is unknown, and said", () => {
  it.for([
    ["SIGTERM", 143, "SIGTERM"],
    ["SIGHUP", 129, "SIGHUP \\(the terminal closed\\)"],
    ["SIGINT", 130, "Ctrl-C"],
  ] as const)("%s: exit %i", async ([signal, code, words], context) => {
    const server = await mock(context);
    server.inject({ kind: "delay", ms: 30_000 });
    let signalled = 0;
    const result = await runCli(["self-delete", "--type", "pat", "--base-url", server.url], {
      token,
      builtWhenFresh: true,
      onSpawn: (child) =>
        void until(() => server.requests.length > 0).then(() => {
          signalled = Date.now();
          child.kill(signal);
        }),
    });
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toMatch(
      new RegExp(`interrupted by ${words} while a request was in flight: the outcome is unknown`),
    );
    expect(result.stderr).toContain("run the same command again");
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });

  it("--json says it too: ok false, type aborted, outcomeUncertain true", async (context) => {
    const server = await mock(context);
    server.inject({ kind: "delay", ms: 30_000 });
    const result = await runCli(
      ["self-delete", "--type", "pat", "--json", "--base-url", server.url],
      {
        token,
        builtWhenFresh: true,
        onSpawn: (child) =>
          void until(() => server.requests.length > 0).then(() => child.kill("SIGTERM")),
      },
    );
    expect(result.code).toBe(143);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { type: "aborted", message: expect.stringContaining("interrupted by SIGTERM") },
      outcomeUncertain: true,
    });
  });
});

describe("a signal before anything was sent: nothing was revoked, said so", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s while waiting for --token-stdin: exit %i", async (signal, code) => {
    let listener: ((signal: StopSignal) => void) | undefined;
    let stderr = "";
    const { main } = await import("../../src/cli/main.ts");
    const running = main(["self-delete", "--type", "pat", "--token-stdin"], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      // A pipe that never delivers: the run waits on it until the signal.
      stdin: Object.assign(
        (async function* () {
          await new Promise(() => {});
        })(),
        { isTTY: false },
      ),
      env: {},
      onInterrupt: (handler) => {
        listener = handler;
        return () => (listener = undefined);
      },
    });
    await until(() => listener !== undefined);
    listener!(signal);
    expect(await running).toBe(code);
    expect(stderr).toMatch(/nothing was revoked by this run/);
    expect(stderr).toMatch(/No request had been sent/);
    expect(listener).toBeUndefined();
  });
});

it("--help lists an exit code for each signal", async () => {
  const { stdout } = await runMain(["self-delete", "--help"]);
  for (const text of [
    /129 +interrupted by SIGHUP/,
    /130 +interrupted by Ctrl-C/,
    /143 +interrupted by SIGTERM/,
  ])
    expect(stdout).toMatch(text);
});

describe.concurrent("a stopped run ends, and says so once", () => {
  it("SIGTERM while waiting on an open --token-stdin pipe: exit 143 at once, not when the pipe closes", async () => {
    let signalled = 0;
    let ready = false;
    const result = await runCli(["self-delete", "--type", "pat", "--token-stdin", "--verbose"], {
      keepStdinOpen: true,
      builtWhenFresh: true,
      onSpawn: (child) => {
        child.stderr?.on("data", (chunk: Buffer) => {
          if (ready || !chunk.toString().includes("reading the token from standard input")) return;
          ready = true;
          signalled = Date.now();
          child.kill("SIGTERM");
        });
      },
    });
    expect(result.code, result.stderr).toBe(143);
    expect(result.stderr).toContain("interrupted by SIGTERM: nothing was revoked by this run");
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });
});

describe("a second signal while a stopped run finishes", () => {
  // In this process, not a child's: a child races its own exit against the second signal
  // (one that lands while Node tears down is Node's default again), which would test timing.
  const ours = (name: StopSignal) => process.listeners(name);
  const drop = (before: Record<StopSignal, Function[]>) => {
    for (const name of ["SIGHUP", "SIGINT", "SIGTERM"] as const)
      for (const listener of ours(name))
        if (!before[name].includes(listener)) process.off(name, listener as () => void);
  };
  const snapshot = () =>
    ({ SIGHUP: ours("SIGHUP"), SIGINT: ours("SIGINT"), SIGTERM: ours("SIGTERM") }) as Record<
      StopSignal,
      Function[]
    >;

  it("is taken by the run, not by Node's default (which would exit with another code)", () => {
    const before = snapshot();
    const heard: StopSignal[] = [];
    try {
      const stop = processIo().onInterrupt((signal) => heard.push(signal));
      process.emit("SIGTERM");
      stop();
      expect(ours("SIGINT")).toHaveLength(before.SIGINT.length + 1);
      process.emit("SIGINT");
      expect(heard).toEqual(["SIGTERM", "SIGINT"]);
    } finally {
      drop(before);
    }
  });

  it("without a signal, the run gives the signals back to Node when it ends", () => {
    const before = snapshot();
    const stop = processIo().onInterrupt(() => {});
    expect(ours("SIGTERM")).toHaveLength(before.SIGTERM.length + 1);
    stop();
    expect(snapshot()).toEqual(before);
  });
});

it("verify stopped by SIGTERM during a probe says so: nothing was revoked (no probe can), exit 143", async (context) => {
  const server = await mock(context);
  server.inject({ kind: "delay", ms: 30_000 });
  const result = await runCli(["verify", "--base-url", server.url], {
    token,
    builtWhenFresh: true,
    onSpawn: (child) =>
      void until(() => server.requests.length > 0).then(() => child.kill("SIGTERM")),
  });
  expect(result.code, result.stderr).toBe(143);
  expect(result.stderr).toContain(
    "verify: interrupted by SIGTERM; no probe can revoke a token, so nothing was revoked.",
  );
});
