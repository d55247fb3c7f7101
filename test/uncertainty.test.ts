// The pure judgements behind "uncertain", without a server.
import { describe, expect, it } from "vitest";
import {
  describeCause,
  isOutcomeUncertain,
  isProgrammingError,
  isUncertainAnswer,
  isUncertainStatus,
  wasSurelyNotSent,
} from "../src/uncertainty.ts";

const undiciFailure = (code: string, message: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });

describe("which statuses may follow work the server did", () => {
  it.each([500, 502, 504, 520, 599])("%i is uncertain", (status) => {
    expect(isUncertainStatus(status)).toBe(true);
  });
  it.each([200, 400, 401, 429, 501, 503, 505])("%i is not", (status) => {
    expect(isUncertainStatus(status)).toBe(false);
  });
});

describe("which network failures surely never wrote the request", () => {
  it.each([
    ["Node, refused", undiciFailure("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1")],
    ["Node, no such host", undiciFailure("ENOTFOUND", "getaddrinfo ENOTFOUND api.devrev.invalid")],
    ["Node, connect timeout", undiciFailure("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error")],
    ["Node, bad certificate", undiciFailure("CERT_HAS_EXPIRED", "certificate has expired")],
    ["Bun", Object.assign(new Error("Unable to connect"), { code: "ConnectionRefused" })],
    ["Deno", new TypeError("error sending request: Connection refused (os error 111)")],
  ])("%s: never sent", (_what, error) => {
    expect(wasSurelyNotSent(error)).toBe(true);
  });

  it.each([
    ["Node, other side closed", undiciFailure("UND_ERR_SOCKET", "other side closed")],
    ["Node, reset", undiciFailure("ECONNRESET", "read ECONNRESET")],
    ["a browser, which never says", new TypeError("Failed to fetch")],
    ["Firefox", new TypeError("NetworkError when attempting to fetch resource.")],
    ["nothing at all", undefined],
  ])("%s: may have been sent", (_what, error) => {
    expect(wasSurelyNotSent(error)).toBe(false);
  });
});

describe("which rejections are a bug in the caller's fetch", () => {
  it.each([
    new ReferenceError("agent is not defined"),
    new SyntaxError("Unexpected token"),
    new RangeError("Maximum call stack size exceeded"),
    new TypeError("dispatcher.request is not a function"),
    new TypeError("Cannot read properties of undefined (reading 'fetch')"),
  ])("%s is a programming error", (error) => {
    expect(isProgrammingError(error)).toBe(true);
  });

  it.each([
    new TypeError("fetch failed"),
    new TypeError("Failed to fetch"),
    new DOMException("The operation was aborted.", "AbortError"),
    "a string",
  ])("%s is not", (error) => {
    expect(isProgrammingError(error)).toBe(false);
  });
});

describe("walking a failure's causes", () => {
  it("a cause that points back to itself ends the walk (no hang), and says nothing was surely unsent", () => {
    const loop: { message: string; cause?: unknown } = { message: "socket hang up" };
    loop.cause = loop;
    expect(wasSurelyNotSent(loop)).toBe(false);
  });

  it("looks at most five links deep", () => {
    let chain: { message: string; cause?: unknown } = { message: "connect ECONNREFUSED" };
    for (let depth = 0; depth < 5; depth++) chain = { message: "wrapped", cause: chain };
    expect(wasSurelyNotSent(chain)).toBe(false);
    expect(wasSurelyNotSent({ message: "wrapped", cause: { message: "ECONNREFUSED" } })).toBe(true);
  });

  it.each(["ConnectionRefused", "FailedToOpenSocket"])(
    "Bun's bare %s code, with no other words, is a connection never made",
    (code) => {
      expect(wasSurelyNotSent(Object.assign(new Error("fetch failed"), { code }))).toBe(true);
    },
  );

  it("describes a failure by its cause's code and message, without repeating the code", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(describeCause(new TypeError("fetch failed", { cause }))).toBe(
      "connect ECONNREFUSED 127.0.0.1:1",
    );
    const bare = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(describeCause(new TypeError("fetch failed", { cause: bare }))).toBe(
      "ECONNRESET: socket hang up",
    );
    expect(describeCause(new Error("plain"))).toBe("plain");
    expect(describeCause("a string")).toBeUndefined();
  });
});

describe("who answered decides", () => {
  it.each([
    [500, true],
    [503, true],
    [501, true],
    [200, true],
    [204, true],
    [303, true],
    [0, true],
    [301, false],
    [302, false],
    [307, false],
    [400, false],
    [404, false],
    [499, false],
  ])("an answer outside the contract with status %i: uncertain %s", (status, uncertain) => {
    expect(isUncertainAnswer(status, false)).toBe(uncertain);
  });

  it.each([
    [500, true],
    [503, false],
    [429, false],
    [401, false],
  ])("the contract's own %i: uncertain %s", (status, uncertain) => {
    expect(isUncertainAnswer(status, true)).toBe(uncertain);
  });

  it("isOutcomeUncertain: a failed call after an attempt whose answer was lost", () => {
    const lost = { type: "timeout", ms: 5, uncertain: true as const };
    const clear = { type: "forbidden", status: 403, ms: 5 };
    expect(isOutcomeUncertain({ error: { type: "forbidden" }, history: [lost, clear] })).toBe(true);
    expect(isOutcomeUncertain({ error: { type: "forbidden" }, history: [clear] })).toBe(false);
    expect(isOutcomeUncertain({ error: undefined, history: [lost, clear] })).toBe(false);
  });
});
