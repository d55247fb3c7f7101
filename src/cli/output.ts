/**
 * Where the CLI reads and writes: the process's streams in real use, anything with the same
 * shape in tests. All printing goes through `Printer`, which scrubs the token from every line:
 * the client never puts it in a message, and this makes the CLI's own promise not depend on that.
 */

/** What a command may touch of the outside world. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Read only with `--token-stdin`. `isTTY` tells a pipe from a terminal. */
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Calls `listener` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
}

/** The real process: its streams, its environment, and SIGINT. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onInterrupt(listener) {
      // Listening to SIGINT replaces Node's default of exiting at once, so it is only done
      // while a call is in flight and can be aborted cleanly.
      process.on("SIGINT", listener);
      return () => process.off("SIGINT", listener);
    },
  };
}

// Shorter values would mangle ordinary words if replaced; real tokens are far longer.
const minSecretLength = 4;

/** Prints lines to stdout or stderr, with every registered secret replaced by `[redacted]`. */
export class Printer {
  readonly #io: CliIo;
  readonly #secrets: string[] = [];

  constructor(io: CliIo) {
    this.#io = io;
  }

  /** Never print `secret`, whatever message it might end up in. */
  hide(secret: string | undefined): void {
    const value = secret?.trim();
    if (!value) return;
    // The client also accepts "Bearer <token>"; the bare token is just as secret.
    for (const form of [value, value.replace(/^bearer +/i, "")]) {
      if (form.length >= minSecretLength && !this.#secrets.includes(form)) this.#secrets.push(form);
    }
    // Longest first, so a secret containing another is replaced whole.
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  /** Writes `lines` to stdout, one per line. */
  out(...lines: string[]): void {
    for (const line of lines) this.#io.stdout.write(`${this.scrub(line)}\n`);
  }

  /** Writes `lines` to stderr, one per line. */
  err(...lines: string[]): void {
    for (const line of lines) this.#io.stderr.write(`${this.scrub(line)}\n`);
  }

  /** `text` with every hidden secret replaced. */
  scrub(text: string): string {
    let clean = text;
    for (const secret of this.#secrets) clean = clean.split(secret).join("[redacted]");
    return clean;
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
