/**
 * Row 2: the per-call cost of the client layer with no sockets: every client calls the mock's
 * in-process `fetch` (which itself builds a Request and answers from memory). The figure of
 * interest is the overhead over calling that `fetch` by hand. Everything here is CPU work in
 * this one process, so wall and CPU time differ only by the time the machine took it away.
 */
import { createMockDevRev } from "../src/testing/index.js";
import {
  bareOpenapiFetch,
  openapiFetchStandIn,
  otherType,
  ours,
  rawFetch,
  type Call,
  type Setup,
} from "./clients.js";
import { interleaved, median, pairedRatio, sequential, times, us } from "./stats.js";
import type { Row } from "./table.js";

const token = "bench-token";
const baseUrl = "https://api.devrev.ai";
// A type the caller holds no token of: the mock answers 200 and the caller's token stays valid.
const body = { requested_token_type: otherType };
const calls = 2000;

export async function inProcessRows(options: { rounds: number; warmup: number }): Promise<Row[]> {
  const mock = createMockDevRev({
    tokens: [{ value: token, user: "bench", type: "urn:devrev:params:oauth:token-type:pat" }],
  });
  const setup: Setup = { baseUrl, token, body, fetch: mock.fetch };
  const byHand = "mock.fetch by hand";
  const subjects: [string, Call][] = [
    [byHand, rawFetch(setup)],
    ["openapi-fetch", bareOpenapiFetch(setup)],
    ["openapi-fetch + Request stand-in", openapiFetchStandIn(setup)],
    ["devrev-auth-tokens", ours(setup)],
  ];
  const measured = await interleaved(
    subjects.map(([name, call]) => ({
      name,
      run: async () => {
        await sequential(calls, call);
        mock.reset(); // the mock records every request: do not let the log grow across runs
      },
    })),
    options.rounds,
    options.warmup,
  );
  const wall = (name: string) => measured.get(name)!.wall;
  const cpu = (name: string) => measured.get(name)!.cpu;
  const perCall = (runs: number[]) => median(runs) / calls;
  const rows: Row[] = subjects.map(([name]) => {
    if (name === byHand)
      return {
        section: "2. In-process (mock fetch)",
        subject: name,
        figure: `${us(perCall(wall(name)))}/call (CPU ${us(perCall(cpu(name)))})`,
        ratios: "1.00x by hand",
      };
    const overhead = perCall(cpu(name)) - perCall(cpu(byHand));
    return {
      section: "2. In-process (mock fetch)",
      subject: name,
      figure: `${us(perCall(wall(name)))}/call (CPU ${us(perCall(cpu(name)))}, +${us(overhead)} over by hand)`,
      ratios: `${times(pairedRatio(wall(name), wall(byHand)))} by hand`,
    };
  });
  const vsOpenapi = pairedRatio(wall("devrev-auth-tokens"), wall("openapi-fetch"));
  rows[3]!.ratios += `, ${times(vsOpenapi)} openapi-fetch`;
  return rows;
}
