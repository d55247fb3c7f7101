/**
 * Where the CLI reads and writes: the process's streams in real use, anything with the same
 * shape in tests. All printing goes through `Printer`, which scrubs the token from every line:
 * the client never puts it in a message, and this makes the CLI's own promise not depend on that.
 */
import { bearerPrefix } from "../auth.js";
import { redactor, type Redactor } from "../redact.js";

/**
 * The signals that end a run early, and the exit code each gets: 128 + the signal's number, as
 * shells report a process a signal ended (POSIX `sh`, "Exit Status"). SIGINT is Ctrl-C; SIGTERM
 * is what `timeout`, `kill`, a cancelled CI job and a stopping container send; SIGHUP comes when
 * the terminal closes.
 */
export const stopSignals = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
/** One of {@link stopSignals}. */
export type StopSignal = keyof typeof stopSignals;

/** What a command may touch of the outside world. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /**
   * Read only with `--token-stdin`. `isTTY` tells a pipe from a terminal; `destroy` lets a run
   * stopped while waiting on it end without waiting for the pipe to close.
   */
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean; destroy?(): unknown };
  env: Record<string, string | undefined>;
  /**
   * Calls `listener` with the signal's name on SIGINT (Ctrl-C), SIGTERM or SIGHUP, until the
   * returned function is called.
   */
  onInterrupt(listener: (signal: StopSignal) => void): () => void;
}

/**
 * Runs `run` with the stop signals turned into an abort of `stopped`; `stoppedBy` names the first
 * signal that came, if any. Listening ends with the run.
 */
export async function whileListening<T>(
  io: CliIo,
  run: (stopped: AbortSignal, stoppedBy: () => StopSignal | undefined) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let first: StopSignal | undefined;
  const stopListening = io.onInterrupt((signal) => {
    first ??= signal;
    controller.abort();
  });
  try {
    return await run(controller.signal, () => first);
  } finally {
    stopListening();
  }
}

/** The real process: its streams, its environment, and the stop signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onInterrupt(listener) {
      // Listening replaces Node's default of exiting at once (silently, with the tokens maybe
      // already revoked), so it is only done while a run can be stopped cleanly and told.
      const names = Object.keys(stopSignals) as StopSignal[];
      let received = false;
      const handlers = names.map(
        (name) => [name, () => ((received = true), listener(name))] as const,
      );
      for (const [name, handler] of handlers) process.on(name, handler);
      return () => {
        // A run a signal stopped is on its way out: a second signal (Ctrl-C after a SIGTERM)
        // must not kill it with another exit code before it has finished saying what it knows.
        if (received) return;
        for (const [name, handler] of handlers) process.off(name, handler);
      };
    },
  };
}

/** Prints lines to stdout or stderr, with every registered secret replaced by `[redacted]`. */
export class Printer {
  readonly #io: CliIo;
  readonly #secrets = new Set<string>();
  #scrub: Redactor = (text) => text;

  constructor(io: CliIo) {
    this.#io = io;
  }

  /** Never print `secret`, whatever message it might end up in. */
  hide(secret: string | undefined): void {
    const value = secret?.trim();
    if (!value) return;
    // The client also accepts "Bearer <token>"; the bare token is just as secret.
    this.#secrets.add(value).add(value.replace(bearerPrefix, ""));
    this.#scrub = redactor(this.#secrets);
  }

  /** Writes `lines` to stdout, one per line. */
  out(...lines: string[]): void {
    for (const line of lines) this.#io.stdout.write(`${this.scrub(line)}\n`);
  }

  /** Writes `lines` to stderr, one per line. */
  err(...lines: string[]): void {
    for (const line of lines) this.#io.stderr.write(`${this.scrub(line)}\n`);
  }

  /** `text` with every hidden secret removed, in every form an echo may give it. */
  scrub(text: string): string {
    return this.#scrub(text);
  }
}

/**
 * A duration as people read it: "375 ms", "1 s", "2.5 s".
 *
 * @example
 * ```ts
 * formatDuration(3000); // "3 s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Pads the columns of `rows` to a common width, joined by two spaces. */
export function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "),
  );
}
