// An abort the client learns of only from the caller's signal, after fetch was called: the
// result drops what fetch said (an abort says it all), so it cannot claim nothing was sent.
import { describe, expect, it } from "vitest";
import { createDevRevClient, isOutcomeUncertain } from "../../src/index.ts";
import { tokenTypes } from "../../src/token-types.ts";

const refused = () =>
  Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
  });

describe("an abort once fetch was called", () => {
  it("is uncertain even when fetch reports the connection refused", async () => {
    const caller = new AbortController();
    // A listener of the caller's that stops the event: the client never hears of the abort,
    // and sees it only in signal.aborted once fetch has failed.
    caller.signal.addEventListener("abort", (event) => event.stopImmediatePropagation());
    const client = createDevRevClient({
      token: "test-token-abort-uncertainty-0123456789",
      baseUrl: "https://api.devrev.ai",
      maxRetries: 0,
      fetch: async () => {
        caller.abort();
        throw refused();
      },
    });
    const result = await client.authTokens.selfDelete(
      { requested_token_type: tokenTypes[0]! },
      { signal: caller.signal },
    );
    expect(result.error?.type).toBe("aborted");
    expect(result.error?.message).toContain("the server may have received it and acted on it");
    expect(result.history.map((record) => record.uncertain)).toEqual([true]);
    expect(isOutcomeUncertain(result)).toBe(true);
  });
});
