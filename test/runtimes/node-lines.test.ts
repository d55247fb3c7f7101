// The end of life of Node lines, by the release schedule's rule rather than a table, so a line
// added to the pins is marked without anyone remembering to extend a list.
import { describe, expect, it } from "vitest";
import { endedOn, nodeEndOfLife } from "../../scripts/node-lines.ts";

describe("Node release lines' end of life", () => {
  it("matches the dates the Node.js release schedule published, even and odd lines", () => {
    const published: Record<number, string> = {
      18: "2025-04-30",
      19: "2023-06-01",
      20: "2026-04-30",
      21: "2024-06-01",
      22: "2027-04-30",
      23: "2025-06-01",
      24: "2028-04-30",
    };
    for (const [major, end] of Object.entries(published))
      expect(nodeEndOfLife(Number(major)), `Node ${major}`).toBe(end);
  });

  it("marks a line ended from its last day on, and not the day before", () => {
    expect(endedOn(20, new Date("2026-04-29T23:59:59Z"))).toBeUndefined();
    expect(endedOn(20, new Date("2026-04-30T00:00:00Z"))).toBe("2026-04-30");
    expect(endedOn(25, new Date("2026-11-30T00:00:00Z"))).toBe("2026-06-01");
    expect(endedOn(26, new Date("2026-11-30T00:00:00Z"))).toBeUndefined();
  });
});
