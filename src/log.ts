/**
 * What a call tells a logger, at levels, never a token. Each attempt and wait at `debug`, each
 * call's outcome at `info`, what a person should act on at `warn` (an attempt whose outcome is unknown, a wait
 * longer than the caller allows, middleware that threw after a request was sent), a token
 * source that fails at `error`. Lines are built from the call's own facts (method, path,
 * status, type, durations), never from a body or a header, so no token can reach a log.
 */
import { DevRevUsageError } from "./errors.js";

/** How much is logged: each level includes those after it; `off` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/**
 * Where lines go: `console` by default; pino, winston and most loggers fit as they are.
 *
 * @example
 * ```ts
 * createDevRevClient({ logger: pino(), logLevel: "debug" });
 * ```
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Every level, from the most that is logged to nothing. */
export const levels: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/**
 * Writes one line at a level, if the client's level lets it through; `wants` tells beforehand,
 * so a line nobody reads is never built (the default level reads few, and every call would pay).
 */
export type Log = ((level: Exclude<LogLevel, "off">, message: string) => void) & {
  wants(level: Exclude<LogLevel, "off">): boolean;
};

/**
 * The log of one call: each line is prefixed with the call (method and the spec's path, so no
 * ID from a path parameter reaches a log) and built only when the level lets it through.
 */
export type CallLog = (level: Exclude<LogLevel, "off">, text: () => string) => void;

/**
 * The log of a client: `level` from the option, else `DEVREV_LOG` where a `process` exists,
 * else `warn`. An unknown level is refused, naming the allowed ones.
 */
export function createLog(logger: Logger | undefined, level: unknown): Log {
  let env: string | undefined;
  try {
    // Stryker disable next-line OptionalChaining: a missing process or env throws here, and the catch leaves env undefined, as the optional chain does
    env = globalThis.process?.env?.DEVREV_LOG;
  } catch {
    // Deno without --allow-env throws on reading the environment: then there is none.
  }
  const chosen = level ?? (env || undefined) ?? "warn";
  const threshold = levels.indexOf(chosen as LogLevel);
  if (threshold < 0) {
    throw new DevRevUsageError(
      `${level === undefined ? "DEVREV_LOG" : "logLevel"} must be one of ${levels.join(", ")}.`,
    );
  }
  const sink = logger ?? console;
  for (const name of levels.slice(0, 4))
    if (typeof (sink as unknown as Record<string, unknown>)[name] !== "function")
      throw new DevRevUsageError(`logger must have ${levels.slice(0, 4).join(", ")} methods.`);
  const wants = (at: LogLevel) => levels.indexOf(at) >= threshold;
  return Object.assign(
    (at: Exclude<LogLevel, "off">, message: string) => {
      if (!wants(at)) return;
      try {
        sink[at](`devrev-auth-tokens: ${message}`);
      } catch {
        // A logger that fails must not fail the call it describes.
      }
    },
    { wants },
  );
}
