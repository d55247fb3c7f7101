// The client's log: the exact refusal of a logger that lacks a level's method, and a line below
// the chosen level never reaching the logger, whoever calls the log.
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../src/index.ts";
import { createLog, levels, type Logger } from "../src/log.ts";
import { recordingLogger } from "./support/logger.ts";

describe("a logger without every level's method", () => {
  it.each(["debug", "info", "warn", "error"])(
    "one without %s is refused: 'logger must have debug, info, warn, error methods.'",
    (missing) => {
      const { logger } = recordingLogger();
      const partial = { ...logger, [missing]: undefined } as unknown as Logger;
      let thrown: unknown;
      try {
        createDevRevClient({ token: "some-token-value", logger: partial });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DevRevUsageError);
      expect((thrown as Error).message).toBe("logger must have debug, info, warn, error methods.");
    },
  );
});

describe("a line below the level is never written", () => {
  const below = (level: string) => levels.slice(0, levels.indexOf(level as never));

  it.each(["info", "warn", "error", "off"])(
    "at %s, lines of the levels before it go nowhere",
    (level) => {
      const { lines, logger } = recordingLogger();
      const log = createLog(logger, level);
      for (const at of below(level)) log(at as "debug", "not for this level");
      expect(lines).toStrictEqual([]);
    },
  );

  it("at warn, a warn and an error line are written, prefixed with the package's name", () => {
    const { lines, logger } = recordingLogger();
    const log = createLog(logger, "warn");
    log("info", "dropped");
    log("warn", "kept");
    log("error", "kept too");
    expect(lines).toStrictEqual([
      "warn devrev-auth-tokens: kept",
      "error devrev-auth-tokens: kept too",
    ]);
  });
});
