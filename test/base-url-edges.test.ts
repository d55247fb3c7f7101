// What is said about a base URL that is not one, where calls go under a base given with
// trailing slashes, and which URLs the token may go to.
import { describe, expect, it } from "vitest";
import {
  baseOf,
  baseUrlProblem,
  checkTransportSecurity,
  isUnderBase,
  originOf,
} from "../src/base-url.ts";
import { DevRevUsageError } from "../src/errors.ts";

describe("a base URL that is not a string", () => {
  it.each([
    [null, "it is null, not a string"],
    [undefined, "it is undefined, not a string"],
    [42, "it is number, not a string"],
    [{}, "it is object, not a string"],
  ])("%j: %s", (value, problem) => {
    expect(baseUrlProblem(value)).toBe(problem);
  });
});

describe("the origin a message names", () => {
  it("is the URL's origin, or says the URL does not parse", () => {
    expect(originOf("https://api.devrev.ai/x?q=secret")).toBe("https://api.devrev.ai");
    expect(originOf("not a URL ?q=secret")).toBe("a URL that does not parse");
  });
});

describe("transport security", () => {
  it("plain http to another machine is refused without allowInsecureHttp, allowed with it", () => {
    expect(() => checkTransportSecurity(new URL("http://api.example"), false)).toThrow(
      new DevRevUsageError(
        "Refusing to send the token to http://api.example: https only, or plain http to localhost or with allowInsecureHttp.",
      ),
    );
    expect(() => checkTransportSecurity(new URL("http://api.example"), true)).not.toThrow();
    expect(() => checkTransportSecurity(new URL("http://127.0.0.1:1234"), false)).not.toThrow();
  });
  it("a scheme other than http(s) is refused even with allowInsecureHttp", () => {
    expect(() => checkTransportSecurity(new URL("ftp://files.example"), true)).toThrow(
      new DevRevUsageError(
        "Refusing to send the token to ftp://files.example: https only, or plain http to localhost or with allowInsecureHttp.",
      ),
    );
  });
});

describe("a base URL given with trailing slashes", () => {
  it("has every trailing slash dropped from its prefix and path", () => {
    expect(baseOf(new URL("https://api.example/v1//"))).toEqual({
      origin: "https://api.example",
      prefix: "https://api.example/v1",
      path: "/v1",
    });
    expect(
      isUnderBase("https://api.example/v1/x", baseOf(new URL("https://api.example/v1//"))),
    ).toBe(true);
  });
});

describe("the URLs the token may go to", () => {
  const base = baseOf(new URL("https://api.example/v1"));
  it("not another origin whose URL ends with the base", () => {
    expect(isUnderBase("https://evil.example/x/https://api.example/v1/", base)).toBe(false);
  });
  it("not a URL that climbs out of the base's path", () => {
    expect(isUnderBase("https://api.example/v1/../admin", base)).toBe(false);
    expect(isUnderBase("https://api.example/v1/%2e%2e/admin", base)).toBe(false);
  });
  it("a URL under the base's path", () => {
    expect(isUnderBase("https://api.example/v1/auth-tokens.self.delete", base)).toBe(true);
    expect(isUnderBase("https://api.example/v1/a/../b", base)).toBe(true);
  });
});
