// The pure judgements behind "uncertain" (issue 10), without a server.
import { describe, expect, it } from "vitest";
import { isProgrammingError, isUncertainStatus, wasSurelyNotSent } from "../src/uncertainty.ts";

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
