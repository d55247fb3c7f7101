/** A logger for tests that keeps every line it is given, as "level message". */
import type { Logger } from "../../src/index.ts";

/** The logger, the lines it kept, and the warnings among them. */
export function recordingLogger() {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  const logger: Logger = {
    debug: keep("debug"),
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
  return { lines, logger, warnings: () => lines.filter((line) => line.startsWith("warn ")) };
}
