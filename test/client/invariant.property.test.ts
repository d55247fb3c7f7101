// The one invariant of truthful results, as a property: whatever the server, the network and the caller do,
// a call settles in time with exactly one of data and error, a history entry per attempt, an
// honest earlierAttemptUncertain and no token in it.
//
// Each run draws a batch of scenarios and runs them concurrently against one mock: every
// scenario has its own user and token, and its faults match only its own requests (by an
// `x-case` header), so the batch takes as long as its slowest scenario, not the sum.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDevRevClient, type SelfDeleteResult } from "../../src/index.ts";
import { baseBackoffMs, maxBackoffMs } from "../../src/retry.ts";
import type { MockFault } from "../../src/testing/index.ts";
import { types, useMockServer } from "../support/mock.ts";
import { expectNoSecret } from "../support/secrets.ts";

const mock = useMockServer({ tokens: [] });

const shortMs = fc.integer({ min: 0, max: 250 });
const fault: fc.Arbitrary<MockFault> = fc.oneof(
  fc.record({
    kind: fc.constant("error" as const),
    status: fc.constantFrom(400, 401, 403, 404, 429, 500, 503),
    retryAfter: fc.constantFrom(undefined, 0),
  }) as fc.Arbitrary<MockFault>,
  fc.constant({ kind: "html", status: 502 } as const),
  fc.constant({ kind: "garbage", status: 200, body: "{}" } as const),
  fc.constant({ kind: "garbage", status: 200, body: "<html>portal</html>" } as const),
  fc.constantFrom({ kind: "drop" } as const, { kind: "drop", during: "body" } as const),
  fc.constant({ kind: "lose-answer" } as const),
  fc.record({ kind: fc.constant("slow-answer" as const), ms: shortMs }),
  fc.record({ kind: fc.constant("delay" as const), ms: shortMs }),
  fc.constant({ kind: "redirect", location: "https://elsewhere.invalid/" } as const),
);
const scenario = fc.record({
  faults: fc.array(fault, { maxLength: 3 }),
  maxRetries: fc.integer({ min: 0, max: 2 }),
  timeoutMs: fc.integer({ min: 80, max: 200 }),
  abortAfterMs: fc.option(fc.integer({ min: 0, max: 700 }), { nil: undefined }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** The longest a call may take: every attempt timing out, every wait at its longest. */
function boundMs({ maxRetries, timeoutMs, abortAfterMs }: Scenario): number {
  let waits = 0;
  for (let retry = 1; retry <= maxRetries; retry++)
    waits += Math.min(maxBackoffMs, baseBackoffMs * 2 ** (retry - 1));
  const all = (maxRetries + 1) * timeoutMs + waits;
  // Slack for a loaded 2-core machine (CI runs this on Node 22, 24 and 26 beside other suites):
  // timers fire late, never early. What this catches is a call that never settles.
  return Math.min(all, abortAfterMs ?? all) + 2_000;
}

let cases = 0;
async function run(given: Scenario) {
  const id = `case-${++cases}`;
  const token = `${id}-secret-token-value`;
  mock.addToken({
    value: token,
    user: `don:identity:dvrv-us-1:devo/1:devu/${id}`,
    type: types.pat,
  });
  for (const each of given.faults)
    mock.inject(each, { when: (request) => request.headers["x-case"] === id });
  const devrev = createDevRevClient({
    token,
    baseUrl: mock.url,
    maxRetries: given.maxRetries,
    timeoutMs: given.timeoutMs,
  });
  const started = performance.now();
  let result: SelfDeleteResult | undefined;
  let rejected: unknown;
  try {
    result = await devrev.authTokens.selfDelete(
      {},
      {
        headers: { "x-case": id },
        ...(given.abortAfterMs === undefined
          ? {}
          : { signal: AbortSignal.timeout(given.abortAfterMs) }),
      },
    );
  } catch (error) {
    rejected = error;
  }
  return { given, token, result, rejected, ms: performance.now() - started };
}

describe("for any answers, faults, delays and aborts", () => {
  it(
    "exactly one of data and error, attempts === history.length, settled in time, no token",
    { timeout: 90_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(scenario, { minLength: 8, maxLength: 16 }), async (batch) => {
          const outcomes = await Promise.all(batch.map(run));
          for (const { given, token, result, rejected, ms } of outcomes) {
            expect(rejected).toBeUndefined();
            if (!result) throw new Error("no result");
            const { error, history, attempts } = result;
            const last = history.at(-1);
            expect(error === undefined).toBe(last?.type === "ok");
            if (error) expect(result.data).toBeUndefined();
            expect(attempts).toBe(history.length);
            expect(attempts).toBeLessThanOrEqual(given.maxRetries + 1);
            expect(ms).toBeLessThan(boundMs(given));
            if (error) {
              const earlier =
                error.type === "aborted" && last?.type !== "aborted"
                  ? history
                  : history.slice(0, -1);
              expect(error.earlierAttemptUncertain === true).toBe(
                earlier.some((entry) => entry.uncertain === true),
              );
            }
            expectNoSecret({ ...result, response: undefined }, token);
          }
        }),
        { numRuns: 4 },
      );
    },
  );
});
