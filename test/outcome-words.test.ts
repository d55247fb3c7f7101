// How a call's outcome is told when more than its last attempt matters: the exact words a person
// reads after an attempt whose answer was lost, and the `result` a program finds on what code of
// the caller's threw after a request was sent.
import { describe, expect, it } from "vitest";
import type { AttemptRecord } from "../src/attempt.ts";
import { withEarlierAttempts, withResult, type ResultBeforeThrow } from "../src/outcome.ts";

const lostTo502: AttemptRecord = { type: "bad_gateway", status: 502, ms: 30, uncertain: true };
const lostToTimeout: AttemptRecord = { type: "timeout", ms: 100, uncertain: true };
const refused429: AttemptRecord = { type: "too_many_requests", status: 429, ms: 5 };

describe("an error after an attempt whose answer was lost says so, in words", () => {
  it("a 401 after a lost attempt is told as that attempt's likely result, the server's words last", () => {
    const told = withEarlierAttempts(
      { type: "unauthenticated", status: 401, message: "Invalid token." },
      [lostTo502],
    );
    expect(told).toEqual({
      type: "unauthenticated",
      status: 401,
      message:
        "The token was refused after attempt 1 (bad_gateway 502), whose answer was lost: that attempt most likely revoked it (if of the type being revoked), so this 401 is its result, not a refusal. (The server said: Invalid token.)",
      earlierAttemptUncertain: true,
    });
  });

  it("a 401 without words of the server's adds none", () => {
    const told = withEarlierAttempts({ type: "unauthenticated", status: 401 }, [lostToTimeout]);
    expect(told.message).toBe(
      "The token was refused after attempt 1 (timeout), whose answer was lost: that attempt most likely revoked it (if of the type being revoked), so this 401 is its result, not a refusal.",
    );
  });

  it("any other error keeps its words and adds which attempt may have been acted on", () => {
    const told = withEarlierAttempts(
      { type: "service_unavailable", status: 503, message: "Try later." },
      [lostTo502, refused429],
    );
    expect(told).toEqual({
      type: "service_unavailable",
      status: 503,
      message:
        "Try later. Before this, attempt 1 (bad_gateway 502) may have been acted on (its answer was lost).",
      earlierAttemptUncertain: true,
    });
  });

  it("names the latest lost attempt, with no status when none arrived", () => {
    const told = withEarlierAttempts({ type: "service_unavailable", status: 503 }, [
      lostTo502,
      lostToTimeout,
      refused429,
    ]);
    expect(told.message).toBe(
      "Before this, attempt 2 (timeout) may have been acted on (its answer was lost).",
    );
  });

  it("a message that is not a string is not repeated as words", () => {
    const told = withEarlierAttempts(
      { type: "service_unavailable", status: 503, message: 42 as unknown as string },
      [lostTo502],
    );
    expect(told.message).toBe(
      "Before this, attempt 1 (bad_gateway 502) may have been acted on (its answer was lost).",
    );
  });

  it("with no lost attempt the error is returned as it is", () => {
    const error = { type: "service_unavailable", status: 503, message: "Try later." };
    expect(withEarlierAttempts(error, [refused429])).toBe(error);
  });
});

describe("what code of the caller's threw after a request was sent carries the call's result", () => {
  const result: ResultBeforeThrow = { response: undefined, attempts: 1, history: [refused429] };

  it("an Error gets `result` as a property a later handler may replace or reassign", () => {
    const bug = new TypeError("tracer is not a function");
    expect(withResult(bug, result)).toBe(bug);
    expect(Object.getOwnPropertyDescriptor(bug, "result")).toEqual({
      value: result,
      configurable: true,
      writable: true,
      enumerable: false,
    });
    const later: ResultBeforeThrow = { ...result, attempts: 2 };
    expect(withResult(bug, later)).toBe(bug);
    expect((bug as { result?: unknown }).result).toBe(later);
    (bug as { result?: unknown }).result = "reassigned";
    expect((bug as { result?: unknown }).result).toBe("reassigned");
  });

  it("anything that is not an Error is wrapped in one that says to see result, with it as the cause", () => {
    const thrown = { reason: "not an Error" };
    const wrapped = withResult(thrown, result) as Error & { result: unknown };
    expect(wrapped).toBeInstanceOf(Error);
    expect(wrapped).not.toBe(thrown);
    expect(wrapped.message).toBe("Middleware threw after the call came to an outcome; see result.");
    expect(wrapped.cause).toBe(thrown);
    expect(wrapped.result).toBe(result);
    expect("result" in thrown).toBe(false);
  });

  it("a frozen Error is wrapped too, not changed", () => {
    const frozen = Object.freeze(new Error("frozen"));
    const wrapped = withResult(frozen, result) as Error & { result: unknown };
    expect(wrapped).not.toBe(frozen);
    expect(wrapped.cause).toBe(frozen);
    expect(wrapped.result).toBe(result);
  });
});
