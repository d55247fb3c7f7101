/**
 * How many cases a property test tries: `runs(300)` is 300, scaled by PROPERTY_RUNS_SCALE when
 * set (mutation testing runs the suites once per mutant, and sets 0.2), never fewer than 5.
 * PROPERTY_RUNS_SCALE=10 makes a deeper search by hand.
 */
export function runs(count: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1);
  return Math.max(5, Math.round(count * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
