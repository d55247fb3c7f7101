// Runs the CLI as users do, as a separate process, and checks every run for a leaked secret.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { capture } from "../../scripts/spawn.ts";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const launcher = path.join(root, "bin", "devrev-auth-tokens.js");

/**
 * True under `npm test`: scripts/test.ts has just built dist/ from this source (check:package)
 * and says so with DEVREV_AUTH_TOKENS_DIST_BUILT=1. Anywhere else dist/ may be stale or absent.
 */
export const distIsFresh = process.env.DEVREV_AUTH_TOKENS_DIST_BUILT === "1";

export interface RunOptions {
  /** Set as DEVREV_TOKEN (which is otherwise removed from the environment). */
  token?: string;
  /** Written to the child's standard input, which is then closed (unless `keepStdinOpen`). */
  stdin?: string;
  /** Leave standard input open (a pipe nobody writes to yet). */
  keepStdinOpen?: boolean;
  /** More values that must appear in no output, such as a token passed as an argument. */
  secrets?: string[];
  /** Called once the child is started, e.g. to signal it. */
  onSpawn?: (child: ChildProcess) => void;
  /** The child is killed after this long; default 60 s (generous: a loaded CI machine starts a CLI slowly). */
  timeoutMs?: number;
  /**
   * When `distIsFresh`, the launcher runs the build (DEVREV_AUTH_TOKENS_FROM_DIST=1), as an
   * installed package does, instead of loading the source through tsx: ~0.13 s of CPU a run
   * instead of ~0.36 s. Otherwise (dist/ possibly stale) the source runs, as by default.
   */
  builtWhenFresh?: boolean;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

/**
 * Runs `command args` from the project root and resolves when it exits. Before resolving it
 * asserts that no secret it knows of (DEVREV_TOKEN, stdin, `secrets`) is in stdout or stderr,
 * so every test of the CLI also tests that the token is never printed.
 */
export async function run(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  // In this checkout the launcher runs the source, never a possibly stale dist/.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.DEVREV_AUTH_TOKENS_FROM_DIST;
  if (options.builtWhenFresh && distIsFresh) env.DEVREV_AUTH_TOKENS_FROM_DIST = "1";
  delete env.DEVREV_TOKEN;
  if (options.token !== undefined) env.DEVREV_TOKEN = options.token;
  const ran = await capture(command, args, {
    cwd: root,
    env,
    // A pipe, as a user's `… | devrev-auth-tokens --token-stdin` gives it; empty unless set.
    stdin: options.stdin ?? "",
    keepStdinOpen: options.keepStdinOpen,
    timeoutMs: options.timeoutMs ?? 60_000,
    onSpawn: options.onSpawn,
  });
  if (ran.error) throw ran.error;
  const { code, stdout, stderr } = ran;

  const secrets = [options.token, options.stdin?.trim(), ...(options.secrets ?? [])].filter(
    (secret): secret is string => !!secret,
  );
  for (const secret of secrets) {
    expect(stdout, `stdout of ${args.join(" ")}`).not.toContain(secret);
    expect(stderr, `stderr of ${args.join(" ")}`).not.toContain(secret);
  }
  return { code, stdout, stderr, ms: ran.ms };
}

/** Runs `node bin/devrev-auth-tokens.js args`. */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [launcher, ...args], options);
}

/** Parses stdout that must hold exactly one JSON object (and a final newline). */
export function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split("\n").filter((line) => line !== "");
  expect(lines).toHaveLength(1);
  const value: unknown = JSON.parse(lines[0] ?? "");
  expect(value).toBeTypeOf("object");
  return value as Record<string, unknown>;
}

/** Resolves once `check` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs the CLI's `main` in this process with captured streams: for tests of what the CLI says
 * before it sends anything (usage errors), where a spawned process costs a second of start-up
 * and proves nothing more. Like `run`, it checks that no secret reached the output.
 */
export async function runMain(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string; secrets?: string[] } = {},
): Promise<Omit<RunResult, "ms">> {
  const { main } = await import("../../src/cli/main.ts");
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Object.assign(
      (async function* () {
        if (options.stdin !== undefined) yield options.stdin;
      })(),
      { isTTY: false },
    ),
    env: options.env ?? {},
    onInterrupt: () => () => {},
  });
  const secrets = [options.env?.DEVREV_TOKEN, ...(options.secrets ?? [])].filter(
    (secret): secret is string => !!secret && secret.length >= 4,
  );
  for (const secret of secrets) {
    expect(stdout, `stdout of ${args.join(" ")}`).not.toContain(secret);
    expect(stderr, `stderr of ${args.join(" ")}`).not.toContain(secret);
  }
  return { code, stdout, stderr };
}
