// When middleware stalls after a success, the call keeps that success's data as the contract
// describes it: read from the answer for a status whose success has a body (no operation of
// today's spec has one, so the watchdog is driven directly with such a contract), none for a
// status whose success has none, whatever the answer carried.
import { describe, expect, it } from "vitest";
import type { OperationContract } from "../src/judge.ts";
import { throughMiddleware } from "../src/middleware.ts";
import type { CallState } from "../src/transport.ts";

const successWithBody = { status: 201, data: { created: 1 } };
const contract: OperationContract = {
  successStatuses: [200, successWithBody.status],
  successStatusesWithBody: [successWithBody.status],
  errorTypesByStatus: {},
};

/** A call whose one attempt ended with `answer` and whose middleware never returns. */
function stalledAfter(answer: Response) {
  const state: CallState = {
    response: answer,
    answer,
    history: [{ type: "ok", status: answer.status, ms: 1 }],
    secrets: new Set(),
  };
  return throughMiddleware(
    () => new Promise(() => {}),
    [],
    state,
    contract,
    () => undefined,
    { timeoutMs: 50, signal: undefined },
  );
}

describe("the data of a success that middleware stalled after", () => {
  it("is read from the answer when the contract gives that status a body", async () => {
    const outcome = await stalledAfter(
      Response.json(successWithBody.data, { status: successWithBody.status }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toEqual(successWithBody.data);
  });

  it("is none when the contract gives that status no body, whatever the answer carried", async () => {
    const outcome = await stalledAfter(Response.json({ unexpected: true }, { status: 200 }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toBeUndefined();
    expect(outcome.response?.status).toBe(200);
  });

  it("is none, the success standing, when middleware already read the body", async () => {
    const answer = Response.json(successWithBody.data, { status: successWithBody.status });
    await answer.text();
    const outcome = await stalledAfter(answer);
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toBeUndefined();
    expect(outcome.response?.status).toBe(successWithBody.status);
  });
});
