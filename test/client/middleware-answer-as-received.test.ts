// Whatever middleware does after the attempts (returns, stalls, throws), the result's response
// is the server's answer as received: its headers (a request id, a Retry-After) are what a
// person needs in an incident. An answer middleware puts in place of the server's is the result's.
import { describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import type { ResultBeforeThrow } from "../../src/outcome.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokePats = { requested_token_type: types.pat } as const;
const hang = () => new Promise<undefined>(() => {});
const client = (timeoutMs = 5_000) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, timeoutMs, logLevel: "off" });

/** A header the mock sends with every answer; the client's own stand-in carries none. */
const fromServer = (response: Response | undefined) =>
  response?.headers.get("access-control-allow-origin");

describe("the result's response is the server's answer as received", () => {
  it("without middleware", async () => {
    const result = await client().authTokens.selfDelete(revokePats);
    expect(result.error).toBeUndefined();
    expect(fromServer(result.response)).toBe("*");
  });

  it("when middleware returns", async () => {
    const result = await client().authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: () => undefined }],
    });
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(fromServer(result.response)).toBe("*");
  });

  it("when middleware stalls after the revocation and timeoutMs ends the call", async () => {
    const result = await client(1_000).authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: hang }],
    });
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(fromServer(result.response)).toBe("*");
  });

  it("in the result carried by what middleware threw after the revocation", async () => {
    const bug = new TypeError("tracer is not a function");
    const thrown = await client()
      .authTokens.selfDelete(revokePats, {
        middleware: [
          {
            onResponse: () => {
              throw bug;
            },
          },
        ],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBe(bug);
    const { result } = thrown as { result: ResultBeforeThrow };
    expect(result.error).toBeUndefined();
    expect(result.attempts).toBe(1);
    expect(fromServer(result.response)).toBe("*");
  });
});

describe("an answer middleware puts in place of the server's", () => {
  it("a success middleware returns is the result's response", async () => {
    const replacement = new Response(null, { status: 200, headers: { "x-from": "middleware" } });
    const result = await client().authTokens.selfDelete(revokePats, {
      middleware: [{ onResponse: () => replacement }],
    });
    expect(result.error).toBeUndefined();
    expect(result.response?.headers.get("x-from")).toBe("middleware");
  });
});
