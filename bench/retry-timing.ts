/**
 * Row 5: how punctually the client honours `Retry-After: 1`. The mock server answers the first
 * attempt 429 with `Retry-After: 1`; a `fetch` wrapper notes when that answer reached the
 * client and when the second attempt started. Target: 1.0–1.1 s, every trial.
 */
import { performance } from "node:perf_hooks";
import { createDevRevClient } from "../src/index.js";
import { startMockServer } from "../src/testing/index.js";
import { otherType } from "./clients.js";
import { median } from "./stats.js";
import type { Row } from "./table.js";

const token = "bench-token";

export async function retryTimingRows(options: { trials: number }): Promise<Row[]> {
  const server = await startMockServer({
    tokens: [{ value: token, user: "bench", type: "urn:devrev:params:oauth:token-type:pat" }],
  });
  try {
    let answeredAt: number[] = [];
    let startedAt: number[] = [];
    const devrev = createDevRevClient({
      token,
      baseUrl: server.url,
      fetch: async (input, init) => {
        startedAt.push(performance.now());
        const response = await fetch(input, init);
        answeredAt.push(performance.now());
        return response;
      },
    });
    const delays: number[] = [];
    const serverDelays: number[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      server.reset();
      answeredAt = [];
      startedAt = [];
      server.inject({ kind: "error", status: 429, retryAfter: 1 });
      const { error, attempts } = await devrev.authTokens.selfDelete({
        requested_token_type: otherType,
      });
      if (error || attempts !== 2)
        throw new Error(`retry trial: ${attempts} attempts, ${error?.type}`);
      delays.push(startedAt[1]! - answeredAt[0]!);
      const [first, second] = server.requests;
      serverDelays.push(second!.receivedAt - first!.receivedAt);
    }
    const within = delays.every((ms) => ms >= 1000 && ms <= 1100);
    return [
      {
        section: "5. Retry-After: 1 honoured",
        subject: "devrev-auth-tokens",
        figure: `${(median(delays) / 1000).toFixed(3)} s (min ${(Math.min(...delays) / 1000).toFixed(3)}, max ${(Math.max(...delays) / 1000).toFixed(3)}; ${options.trials} trials)`,
        ratios: `server saw ${(median(serverDelays) / 1000).toFixed(3)} s between arrivals`,
        target: "1.0–1.1 s from the 429 to the 2nd attempt",
        met: within,
      },
    ];
  } finally {
    await server.close();
  }
}
