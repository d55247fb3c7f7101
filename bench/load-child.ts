/**
 * The child process of row 6 (see load.ts), run with --expose-gc: batches of 1 000 concurrent
 * calls against the mock server, then the server is closed. It prints one JSON line and then
 * simply returns: were a socket or a timer left behind, the process would not exit, and the
 * parent notices.
 *
 * The first batch grows the connection pools to 1 000 sockets on both sides (undici's and the
 * server's): memory that stays while the sockets do, whoever makes the calls. So the leak
 * figure is the heap after a second batch against the heap after the first, both after GC with
 * the server still up; the first batch's growth is reported too. `argv[2]` picks the caller:
 * `ours`, or `raw` (`fetch` by hand), the reference for what the runtime itself keeps.
 */
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createDevRevClient } from "../src/index.js";
import { startMockServer } from "../src/testing/index.js";

const token = "bench-token";
// A type the caller holds no token of: every call succeeds and the token stays valid.
const body = { requested_token_type: "urn:devrev:params:oauth:token-type:aat" as const };
const gc = globalThis.gc;
if (!gc) throw new Error("run with --expose-gc");

async function settledHeap(): Promise<number> {
  // Several collections with turns between: finalizers and weak callbacks run after the first.
  for (let i = 0; i < 3; i++) {
    gc!();
    await nextTurn();
  }
  return process.memoryUsage().heapUsed;
}

const server = await startMockServer({
  tokens: [{ value: token, user: "bench", type: "urn:devrev:params:oauth:token-type:pat" }],
});
const url = `${server.url}/auth-tokens.self.delete`;
const devrev = createDevRevClient({ token, baseUrl: server.url });
const call: () => Promise<string | undefined> =
  process.argv[2] === "raw"
    ? async () => {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return response.ok ? undefined : `status ${response.status}`;
      }
    : async () => (await devrev.authTokens.selfDelete(body)).error?.type;

/** One batch of 1 000 concurrent calls; the mock's request log is cleared after it. */
async function batch() {
  const start = performance.now();
  const errors = (await Promise.all(Array.from({ length: 1000 }, call))).filter(Boolean);
  const ms = performance.now() - start;
  const served = server.requests.length;
  server.reset();
  return { ms, served, errors };
}

const start = await settledHeap();
const first = await batch();
const afterFirst = await settledHeap();
const second = await batch();
const afterSecond = await settledHeap();
await server.close();

process.stdout.write(
  `${JSON.stringify({
    ms: second.ms,
    served: first.served + second.served,
    errors: [...first.errors, ...second.errors],
    coldGrowth: afterFirst - start,
    growth: afterSecond - afterFirst,
    // What still holds the event loop right after closing (the stdio pipes aside), by kind:
    // sockets still closing are expected; they must drain on their own for the child to exit.
    resources: Object.entries(
      process
        .getActiveResourcesInfo()
        .filter((kind) => !/Pipe|TTY/.test(kind))
        .reduce<Record<string, number>>((count, kind) => {
          count[kind] = (count[kind] ?? 0) + 1;
          return count;
        }, {}),
    ).map(([kind, n]) => `${n} ${kind}`),
  })}\n`,
);
