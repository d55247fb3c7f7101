/**
 * Row 1: one call over real HTTP (loopback, keep-alive) per client, sequential and with 64 in
 * flight, against the minimal server of `http-server.ts`. Raw `fetch` is the floor. Targets:
 * ours ≤ 1.05x bare openapi-fetch, and with one no-op middleware registered ≤ 1.05x both
 * openapi-fetch with the same middleware and bare openapi-fetch (the promise is "with and
 * without middleware", and both readings of it are held), and ours ≤ 1.00x the fastest peer
 * SDK (DevRev's own SDK is the one peer today). "Ours" is the built package (dist/index.js),
 * what an installed copy runs. Ratios are of wall time; the client process's CPU time per call
 * is shown beside it, with its own ratio, as the steadier cross-check on a busy machine.
 */
import {
  bareOpenapiFetch,
  devrevTypescriptSdk,
  openapiFetchStandIn,
  ours,
  rawFetch,
  type Call,
  type Setup,
} from "./clients.js";
import { spawnServer } from "./http-server.js";
import {
  concurrent,
  interleaved,
  median,
  pairedRatio,
  sequential,
  times,
  us,
  type Runs,
} from "./stats.js";
import type { Row } from "./table.js";

const token = "bench-token";
const body = {};

const names = {
  raw: "raw fetch",
  openapi: "openapi-fetch",
  standIn: "openapi-fetch + Request stand-in",
  sdk: "@devrev/typescript-sdk",
  openapiMiddleware: "openapi-fetch + 1 no-op middleware",
  ours: "devrev-auth-tokens",
  oursMiddleware: "devrev-auth-tokens + 1 no-op middleware",
} as const;
type Key = keyof typeof names;

type Mode = { label: string; calls: number; run: (call: Call) => Promise<void> };

export async function httpRows(options: { rounds: number; warmup: number }): Promise<Row[]> {
  const server = await spawnServer();
  try {
    const setup: Setup = { baseUrl: server.url, token, body };
    const callers: Record<Key, Call> = {
      raw: rawFetch(setup),
      openapi: bareOpenapiFetch(setup),
      standIn: openapiFetchStandIn(setup),
      sdk: devrevTypescriptSdk(setup),
      openapiMiddleware: bareOpenapiFetch({ ...setup, middleware: true }),
      ours: ours(setup),
      oursMiddleware: ours({ ...setup, middleware: true }),
    };
    const modes: Mode[] = [
      { label: "sequential", calls: 300, run: (call) => sequential(300, call) },
      { label: "64 in flight", calls: 1000, run: (call) => concurrent(1000, 64, call) },
    ];
    const rows: Row[] = [];
    for (const mode of modes) {
      const measured = await interleaved(
        Object.entries(callers).map(([key, call]) => ({ name: key, run: () => mode.run(call) })),
        options.rounds,
        options.warmup,
      );
      const runs = (key: Key): Runs => measured.get(key)!;
      const ratio = (a: Key, b: Key) => pairedRatio(runs(a).wall, runs(b).wall);
      const cpuRatio = (a: Key, b: Key) => pairedRatio(runs(a).cpu, runs(b).cpu);
      const figure = (key: Key) =>
        `${us(median(runs(key).wall) / mode.calls)}/call (CPU ${us(median(runs(key).cpu) / mode.calls)})`;
      const section = `1. HTTP, ${mode.label}`;
      for (const key of Object.keys(names) as Key[]) {
        if (key === "ours" || key === "oursMiddleware") continue;
        rows.push({
          section,
          subject: names[key],
          figure: figure(key),
          ratios:
            key === "raw"
              ? "1.00x raw"
              : `${times(ratio(key, "raw"))} raw (CPU ${times(cpuRatio(key, "raw"))})`,
        });
      }
      const vsOpenapi = ratio("ours", "openapi");
      const vsSdk = ratio("ours", "sdk");
      rows.push(
        {
          section,
          subject: names.ours,
          figure: figure("ours"),
          ratios:
            `${times(ratio("ours", "raw"))} raw (CPU ${times(cpuRatio("ours", "raw"))}), ` +
            `${times(vsOpenapi)} openapi-fetch (CPU ${times(cpuRatio("ours", "openapi"))})`,
          target: "≤ 1.05x openapi-fetch",
          met: vsOpenapi <= 1.05,
        },
        {
          section,
          subject: names.oursMiddleware,
          figure: figure("oursMiddleware"),
          ratios:
            `${times(ratio("oursMiddleware", "raw"))} raw, ` +
            `${times(ratio("oursMiddleware", "openapiMiddleware"))} openapi-fetch with the same middleware ` +
            `(CPU ${times(cpuRatio("oursMiddleware", "openapiMiddleware"))}), ` +
            `${times(ratio("oursMiddleware", "openapi"))} openapi-fetch without`,
          // The promise is ≤ 1.05x "bare openapi-fetch ... with and without one no-op
          // middleware": held against both readings, the same middleware and none.
          target: "≤ 1.05x openapi-fetch, with the same middleware and without",
          met:
            ratio("oursMiddleware", "openapiMiddleware") <= 1.05 &&
            ratio("oursMiddleware", "openapi") <= 1.05,
        },
        {
          section,
          subject: `${names.ours} vs fastest peer SDK`,
          figure: `${times(vsSdk)} ${names.sdk}`,
          ratios: `CPU ${times(cpuRatio("ours", "sdk"))}`,
          target: "≤ 1.00x",
          met: vsSdk <= 1.0,
        },
      );
    }
    return rows;
  } finally {
    await server.close();
  }
}
