// What a call checks before anything is sent, in the exact words a person reads (each naming
// the call: "POST /path" for raw, "selfDelete" for selfDelete), what it leaves to the server, and
// middleware registration: eject removes only what was registered.
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";
import { operationPath, seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokeSessions = { requested_token_type: types.session } as const;
const client = () =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, logLevel: "off" });

/** What `promise` rejected with (the test fails if it resolved). */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error("expected a refusal, got a result");
  return outcome.error as Error;
}

describe("a raw path must start with '/'", () => {
  it.each([
    ["a path without its '/'", "auth-tokens.self.delete"],
    ["a path that would run into the host", ".evil.example/x"],
    ["not a string", 42],
  ])("%s is refused, naming the method, with nothing sent", async (_, path) => {
    const error = await refusal(
      client().raw.POST(path as never, { body: revokeSessions } as never),
    );
    expect(error).toBeInstanceOf(DevRevUsageError);
    expect(error.message).toBe(
      'POST: the path must be a string starting with "/", such as "/auth-tokens.self.delete".',
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("signal must be an AbortSignal", () => {
  it.each([
    ["an object without aborted", {}],
    ["a string", "abort"],
    ["an object whose aborted is not a boolean", { aborted: "no" }],
  ])("%s is refused with nothing sent", async (_, signal) => {
    const error = await refusal(
      client().authTokens.selfDelete(revokeSessions, { signal: signal as never }),
    );
    expect(error).toBeInstanceOf(DevRevUsageError);
    expect(error.message).toBe("signal must be an AbortSignal.");
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a refusal names the call it is about", () => {
  it("raw: a body field given as a symbol, named with the method in capitals and the path", async () => {
    const error = await refusal(
      client().raw.POST(operationPath, { body: { ...revokeSessions, [Symbol("x")]: 1 } } as never),
    );
    expect(error.message).toBe(
      `POST ${operationPath}: a symbol field is not read; give fields as ordinary properties.`,
    );
    expect(mock.requests).toHaveLength(0);
  });

  it("raw: an option given as a symbol, named with the method in capitals and the path", async () => {
    const error = await refusal(
      client().raw.POST(operationPath, { body: revokeSessions, [Symbol("x")]: 1 } as never),
    );
    expect(error.message).toBe(
      `POST ${operationPath}: a symbol option is not read; give options as ordinary properties.`,
    );
  });

  it("raw.request with a lower-case method names it in capitals too", async () => {
    const error = await refusal(
      client().raw.request("post", operationPath, { [Symbol("x")]: 1 } as never),
    );
    expect(error.message).toBe(
      `POST ${operationPath}: a symbol option is not read; give options as ordinary properties.`,
    );
  });

  it("selfDelete: an option given as a symbol, named as selfDelete", async () => {
    const error = await refusal(
      client().authTokens.selfDelete(revokeSessions, { [Symbol("x")]: 1 } as never),
    );
    expect(error.message).toBe(
      "selfDelete: a symbol option is not read; give options as ordinary properties.",
    );
  });
});

describe("what raw leaves to the server or to the caller's serializer", () => {
  it("a raw call without a body sends none: the server's answer is the result", async () => {
    const result = await client().raw.POST(operationPath, {} as never);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.body).toBe("");
    expect(result.attempts).toBe(1);
  });

  it("a body with a serializer of the caller's own is not checked: what it makes is sent", async () => {
    const sent = JSON.stringify(revokeSessions);
    const result = await client().raw.POST(operationPath, {
      body: "not an object: the serializer makes the body",
      bodySerializer: () => sent,
    } as never);
    expect(result.error).toBeUndefined();
    expect(mock.requests[0]?.body).toBe(sent);
  });

  it("a body for a path the contract does not describe is sent as given", async () => {
    const result = await client().raw.POST(
      "/not-in-the-contract" as never,
      {
        body: { anything: 1 },
      } as never,
    );
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.body).toBe(JSON.stringify({ anything: 1 }));
    expect(result.attempts).toBe(1);
  });

  it("a per-call baseUrl on the client's origin is used", async () => {
    const result = await client().raw.POST(operationPath, {
      body: revokeSessions,
      baseUrl: mock.url,
    });
    expect(result.error).toBeUndefined();
    expect(mock.requests).toHaveLength(1);
  });

  it("a per-call baseUrl on another origin is refused, naming both, with nothing sent", async () => {
    const error = await refusal(
      client().raw.POST(operationPath, {
        body: revokeSessions,
        baseUrl: "https://collector.evil.example",
      }),
    );
    expect(error.message).toBe(
      `A per-call baseUrl must keep the client's origin (${new URL(mock.url).origin}), got https://collector.evil.example: make another client to send the token there.`,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("middleware registration", () => {
  it("ejecting middleware that was never registered leaves the registered one running", async () => {
    const devrev = client();
    let ran = 0;
    const registered: Middleware = { onRequest: () => void ran++ };
    devrev.raw.use(registered);
    devrev.raw.eject({ onRequest: () => undefined });
    await devrev.authTokens.selfDelete(revokeSessions);
    expect(ran).toBe(1);
  });

  it("one middleware object given for a call, not in a list, runs", async () => {
    let ran = 0;
    const result = await client().authTokens.selfDelete(revokeSessions, {
      middleware: { onRequest: () => void ran++ } as never,
    });
    expect(result.error).toBeUndefined();
    expect(ran).toBe(1);
  });

  it.each([
    ["null in the list", [null]],
    ["an object without a hook", [{ onrequest: () => undefined }]],
  ])("%s is refused with nothing sent", async (_, middleware) => {
    const error = await refusal(
      client().authTokens.selfDelete(revokeSessions, { middleware: middleware as never }),
    );
    expect(error).toBeInstanceOf(DevRevUsageError);
    expect(error.message).toBe(
      "middleware must be objects with an onRequest, onResponse or onError function.",
    );
    expect(mock.requests).toHaveLength(0);
  });
});
