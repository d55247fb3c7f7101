/**
 * Starting a process from a script, a benchmark or a test harness, and capturing what it
 * printed, in one place. Each stream is kept apart and both in the order they came, a time limit
 * may end it, and a process that cannot start is reported the same way everywhere instead of as
 * a hang or a throw.
 *
 * @example
 * const ran = await capture("npm", ["run", "--silent", "size"], { timeoutMs: 60_000 });
 * if (ran.code !== 0) console.error(ran.output);
 */
import { type ChildProcess, spawn } from "node:child_process";

/**
 * This process's environment without npm's own variables (`npm_*`), and `extra` on top: a child
 * that runs npm then acts on its own folder, not on the script that started it.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

export interface CaptureOptions {
  /** @default the current working directory */
  cwd?: string;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * Written to the child's standard input, which is then closed (unless `keepStdinOpen`).
   * @default undefined: the child's standard input is /dev/null
   */
  stdin?: string;
  /** Leave standard input open, a pipe nobody writes to (after `stdin`, if given). @default false */
  keepStdinOpen?: boolean;
  /** The child is killed (SIGKILL) after this long. @default undefined: no limit */
  timeoutMs?: number;
  /** Called once the child is started, e.g. to signal it or to watch its output as it comes. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface Captured {
  /** The exit code; null when a signal ended it (see `signal`) or it never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in the order their chunks arrived. */
  output: string;
  /** Wall time from the start to the end of the child and its streams. */
  ms: number;
  /** Why the child could not be started (its message is also at the end of `output`). */
  error?: Error;
}

/** Runs `command args` to its end and resolves with what it printed; never rejects. */
export function capture(
  command: string,
  args: readonly string[],
  options: CaptureOptions = {},
): Promise<Captured> {
  const started = performance.now();
  const writesStdin = options.stdin !== undefined || options.keepStdinOpen === true;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: [writesStdin ? "pipe" : "ignore", "pipe", "pipe"],
  });
  const seen = { stdout: "", stderr: "", output: "" };
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]!.setEncoding("utf8").on("data", (chunk: string) => {
      seen[stream] += chunk;
      seen.output += chunk;
    });
  }
  if (writesStdin) {
    child.stdin!.on("error", () => {}); // a child that exits before reading its input is fine
    if (options.keepStdinOpen) child.stdin!.write(options.stdin ?? "");
    else child.stdin!.end(options.stdin);
  }
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  let error: Error | undefined;
  child.once("error", (cause) => {
    error = cause;
    seen.output += `could not start ${command}: ${cause.message}\n`;
  });
  options.onSpawn?.(child);
  // "close", not "exit": it comes after the last chunk of output, and also after a failed start.
  return new Promise((resolve) => {
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: error ? null : code,
        signal,
        ...seen,
        ms: performance.now() - started,
        ...(error ? { error } : {}),
      });
    });
  });
}

/**
 * Runs `command args` with this process's standard streams and resolves with its exit code, 1
 * when a signal ended it: for a step whose output is the run's own (vitest under `npm test`).
 */
export function inheritStdio(
  command: string,
  args: readonly string[],
  options: Pick<CaptureOptions, "cwd" | "env"> = {},
): Promise<number> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: "inherit",
  });
  return new Promise((resolve) => {
    child.once("error", (cause) => console.error(`could not start ${command}: ${cause.message}`));
    child.once("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
