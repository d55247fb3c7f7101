import { inspect } from "node:util";
import { expect } from "vitest";

/** Asserts that no rendering of `value` a user might log contains `secret`. */
export function expectNoSecret(value: unknown, secret: string): void {
  const renderings = [
    String(value),
    JSON.stringify(value) ?? "",
    inspect(value, { depth: Infinity, showHidden: true }),
    value instanceof Error ? `${value.message}\n${value.stack ?? ""}` : "",
  ];
  for (const rendering of renderings) expect(rendering).not.toContain(secret);
}
