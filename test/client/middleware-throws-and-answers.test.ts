// Middleware that throws or answers the call itself: a throw before anything was sent is the
// caller's bug, thrown back untouched; a custom fetch's bug keeps the result it carries, with no
// word blaming middleware; an answer onRequest makes is judged as the server's would be; a
// request whose body middleware read is still sent with it.
import { describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import { PendingRequest } from "../../src/request.ts";
import { recordingLogger } from "../support/logger.ts";
import { operationPath, seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const revokeSessions = { requested_token_type: types.session } as const;

describe("a throw before anything was sent", () => {
  it("is thrown back as it was, with no result attached and no warning", async () => {
    const { warnings, logger } = recordingLogger();
    const devrev = createDevRevClient({ token, baseUrl: mock.url, logger, logLevel: "warn" });
    const bug = new TypeError("tracer is not a function");
    const thrown = await devrev.authTokens
      .selfDelete(revokeSessions, {
        middleware: [
          {
            onRequest: () => {
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
    expect("result" in bug).toBe(false);
    expect(warnings()).toEqual([]);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a custom fetch's bug under middleware", () => {
  it("keeps the result the client attached, and no warning blames middleware", async () => {
    const { warnings, logger } = recordingLogger();
    const bug = new TypeError("fetchImpl is not a function");
    const devrev = createDevRevClient({
      token,
      baseUrl: mock.url,
      maxRetries: 0,
      logger,
      logLevel: "warn",
      fetch: () => {
        throw bug;
      },
    });
    const thrown = await devrev.authTokens
      .selfDelete(revokeSessions, { middleware: [{ onResponse: () => undefined }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBe(bug);
    const { result } = bug as unknown as { result: Record<string, unknown> };
    expect(Object.keys(result).sort()).toEqual(["attempts", "history", "response"]);
    expect(result.attempts).toBe(1);
    expect(warnings().filter((line) => line.includes("middleware threw"))).toEqual([]);
  });
});

describe("an answer onRequest makes in place of the server's", () => {
  it("text that is not JSON is judged as text, its words kept as they were", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const result = await devrev.authTokens.selfDelete(revokeSessions, {
      middleware: [
        {
          onRequest: () =>
            new Response("oops", { status: 503, headers: { "content-type": "text/plain" } }),
        },
      ],
    });
    expect(result.error).toEqual({
      type: "unexpected_response",
      message: "The 503 body is not JSON (content type text/plain).",
      reason: "not_json",
      status: 503,
      contentType: "text/plain",
      bodySnippet: "oops",
    });
    expect(mock.requests).toHaveLength(0);
  });

  it("a contract error body is judged as that error", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const result = await devrev.authTokens.selfDelete(revokeSessions, {
      middleware: [
        {
          onRequest: () =>
            Response.json({ type: "service_unavailable", message: "down" }, { status: 503 }),
        },
      ],
    });
    expect(result.error).toEqual({ type: "service_unavailable", message: "down", status: 503 });
  });
});

describe("the request middleware sees", () => {
  it("a body middleware read in onRequest is still sent", async () => {
    let read = "";
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    const result = await devrev.authTokens.selfDelete(revokeSessions, {
      middleware: [
        {
          onRequest: async ({ request }) => {
            read = await request.text();
          },
        },
      ],
    });
    expect(read).toBe(JSON.stringify(revokeSessions));
    expect(result.error).toBeUndefined();
    expect(mock.requests[0]?.body).toBe(JSON.stringify(revokeSessions));
  });

  it("the stand-in request keeps its method, and without one is a GET as a Request is", () => {
    expect(new PendingRequest(`${mock.url}${operationPath}`, { method: "POST" }).method).toBe(
      "POST",
    );
    expect(new PendingRequest(`${mock.url}${operationPath}`, {}).method).toBe("GET");
  });
});
