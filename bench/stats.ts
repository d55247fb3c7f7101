/**
 * Timing helpers shared by the rows. Timings on a shared 2-core machine are noisy, so every
 * figure is the median of several runs, the subjects of a row run interleaved (in a rotating
 * order) so that a burst of background load hits all of them rather than one, and the first
 * rounds are thrown away as warm-up (JIT, connection pools, lazy module loading).
 *
 * Each run is timed twice: wall time (what a caller waits, the figure the targets are about)
 * and this process's CPU time (user + system). CPU time leaves out the time the process sat
 * descheduled or waiting for the server, so it is the steadier measure of what a client layer
 * costs when the machine is busy; the tables show both.
 */
import { performance } from "node:perf_hooks";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A subject of a row: a name and one run of its workload. */
export interface Subject {
  name: string;
  run: () => Promise<unknown>;
}

/** The measured runs of one subject, in ms; index i is round i for every subject. */
export interface Runs {
  wall: number[];
  cpu: number[];
}

/**
 * Runs every subject `warmup + rounds` times, interleaved, and returns each one's measured runs
 * (warm-up rounds dropped), index i being round i for every subject, so ratios can be taken
 * within a round (see `pairedRatio`). The order rotates every round so no subject always
 * follows the same neighbour (whose garbage it would collect).
 */
export async function interleaved(
  subjects: readonly Subject[],
  rounds: number,
  warmup: number,
): Promise<Map<string, Runs>> {
  const runs = new Map<string, Runs>(subjects.map((s) => [s.name, { wall: [], cpu: [] }]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length]!;
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await subject.run();
      const wall = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (round < warmup) continue;
      runs.get(subject.name)!.wall.push(wall);
      runs.get(subject.name)!.cpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  return runs;
}

/** `count` calls of `call`, one after the other. */
export async function sequential(count: number, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i++) await call();
}

/** `count` calls of `call` with `inFlight` of them running at any moment. */
export async function concurrent(
  count: number,
  inFlight: number,
  call: () => Promise<unknown>,
): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

/**
 * The median of the per-round ratios a[i] / b[i]. Both ran in the same round, seconds apart, so
 * a slow patch of the machine cancels out of each ratio instead of skewing one median.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / b[i]!));
}

export const times = (ratio: number) => `${ratio.toFixed(2)}x`;
export const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
