// What `judge` makes of one answer, field by field and word by word: the messages are what a
// person reads when a call ends outside the contract, so their words are pinned here.
import { describe, expect, it } from "vitest";
import { operations } from "../generated/constants.ts";
import { maxErrorBodyBytes } from "../src/body.ts";
import { judge, sealed, type OperationContract } from "../src/judge.ts";

const contract: OperationContract = operations["auth-tokens-self-delete"];
/** The operation's success without a body (the contract's, not a number written here). */
const emptyStatus = contract.successStatuses.find(
  (status) => !contract.successStatusesWithBody.includes(status),
)!;
const errorStatuses = Object.keys(contract.errorTypesByStatus).map(Number);
/** An error status that admits one type, and one that admits several. */
const singleTypeStatus = errorStatuses.find((s) => contract.errorTypesByStatus[s]!.length === 1)!;
const manyTypesStatus = errorStatuses.find((s) => contract.errorTypesByStatus[s]!.length > 1)!;
/** A status in neither list. */
const outsideStatus = [418, 422, 451].find(
  (s) => !errorStatuses.includes(s) && !contract.successStatuses.includes(s),
)!;

/** Another operation's contract, shaped as the generator writes one, for paths this one lacks. */
const withBodyContract: OperationContract = {
  successStatuses: [201, 202],
  successStatusesWithBody: [201],
  errorTypesByStatus: {},
};

const bytes = (text: string) => new TextEncoder().encode(text);

/** Expects an `unexpected_response` and returns it. */
async function unexpectedOf(response: Response, of: OperationContract = contract) {
  const judgement = await judge(response, of);
  if (judgement.ok) throw new Error("judged a success");
  expect(judgement.error.type).toBe("unexpected_response");
  return judgement.error as unknown as { reason: string; message: string; bodySnippet: string };
}

describe("the words of an answer outside the contract", () => {
  it("a redirect says it was not followed, keeps no body and drops it unread", async () => {
    const response = new Response("moved to https://elsewhere.example/", {
      status: 302,
      headers: { location: "https://elsewhere.example/" },
    });
    const error = await unexpectedOf(response);
    expect(error).toMatchObject({
      reason: "redirect",
      message: "Redirect (302) not followed, so the token stays with its origin.",
      bodySnippet: "",
      location: "https://elsewhere.example/",
    });
    // Cancelled, so the connection is freed rather than left holding a body nobody reads.
    expect(response.bodyUsed).toBe(true);
  });

  it("300 is the first redirect status", async () => {
    const error = await unexpectedOf(new Response(null, { status: 300 }));
    expect(error).toMatchObject({
      reason: "redirect",
      message: "Redirect (300) not followed, so the token stays with its origin.",
    });
  });

  it("a browser's opaque redirect (type opaqueredirect, status 0) is a redirect", async () => {
    const response = new Response(null, { status: 200 });
    Object.defineProperty(response, "type", { value: "opaqueredirect" });
    Object.defineProperty(response, "status", { value: 0 });
    const error = await unexpectedOf(response);
    expect(error).toMatchObject({
      reason: "redirect",
      message: "Redirect (0) not followed, so the token stays with its origin.",
    });
  });

  it("a body over the error limit says how many bytes the client reads", async () => {
    const error = await unexpectedOf(
      new Response("x".repeat(maxErrorBodyBytes + 1), { status: 500 }),
    );
    expect(error.reason).toBe("body_too_large");
    expect(error.message).toBe("The 500 body is over the 65536 bytes the client reads.");
  });

  it("a body on a success without one says nothing is known of the tokens", async () => {
    const error = await unexpectedOf(new Response("<html>Sign in</html>", { status: emptyStatus }));
    expect(error.reason).toBe("body_on_empty_success");
    expect(error.message).toBe(
      `A ${emptyStatus} should have no body; this is neither empty nor a JSON object without an error's fields (a proxy's page?): nothing is known of the tokens.`,
    );
  });

  it("a status outside the contract is named", async () => {
    const error = await unexpectedOf(new Response("{}", { status: outsideStatus }));
    expect(error.reason).toBe("status_not_in_contract");
    expect(error.message).toBe(`Status ${outsideStatus} is not in this operation's contract.`);
  });

  it("a body that is not JSON names its content type", async () => {
    const error = await unexpectedOf(
      new Response("<html>busy</html>", {
        status: singleTypeStatus,
        headers: { "content-type": "text/html" },
      }),
    );
    expect(error.reason).toBe("not_json");
    expect(error.message).toBe(
      `The ${singleTypeStatus} body is not JSON (content type text/html).`,
    );
  });

  it("a body that is not JSON and has no content type says none", async () => {
    // Bytes, not a string: a string body would be given text/plain.
    const error = await unexpectedOf(new Response(bytes("busy"), { status: singleTypeStatus }));
    expect(error.message).toBe(`The ${singleTypeStatus} body is not JSON (content type none).`);
  });

  it("a type that does not belong to its status is quoted, with the types that do", async () => {
    const allowed = contract.errorTypesByStatus[manyTypesStatus]!;
    const error = await unexpectedOf(
      new Response(JSON.stringify({ type: "teapot" }), { status: manyTypesStatus }),
    );
    expect(error.reason).toBe("type_not_for_status");
    expect(error.message).toBe(
      `A ${manyTypesStatus} body must have type ${allowed.join(" | ")}; got "teapot".`,
    );
  });

  it("a body without a string type says it got none", async () => {
    const [allowed] = contract.errorTypesByStatus[singleTypeStatus]!;
    for (const body of [{ message: "nope" }, { type: 7 }]) {
      const error = await unexpectedOf(
        new Response(JSON.stringify(body), { status: singleTypeStatus }),
      );
      expect(error.message).toBe(`A ${singleTypeStatus} body must have type ${allowed}; got none.`);
    }
  });
});

describe("a success the contract declares without a body", () => {
  it.each([
    ["type", { type: "internal_error" }],
    ["error", { error: "denied" }],
    ["errors", { errors: [] }],
  ])("a JSON object with an error's %s field is not taken as done", async (_field, body) => {
    const error = await unexpectedOf(new Response(JSON.stringify(body), { status: emptyStatus }));
    expect(error.reason).toBe("body_on_empty_success");
  });

  it("a JSON object without an error's fields is done, forwarded empty with its status", async () => {
    const judgement = await judge(new Response('{"ok":true}', { status: 202 }), withBodyContract);
    if (!judgement.ok) throw new Error(`got ${judgement.error.reason}`);
    expect(judgement.forward.status).toBe(202);
    // What tells openapi-fetch there is no body to parse.
    expect(judgement.forward.headers.get("content-length")).toBe("0");
    expect(await judgement.forward.text()).toBe("");
  });

  it.each([
    ["a 204", () => new Response(null, { status: 204, headers: { "x-request-id": "r-1" } })],
    [
      "content-length: 0",
      () =>
        new Response("", {
          status: emptyStatus,
          headers: { "content-length": "0", "x-request-id": "r-1" },
        }),
    ],
  ])("%s is forwarded as the server sent it, unread and headers kept", async (_what, make) => {
    const response = make();
    const judgement = await judge(response, contract);
    if (!judgement.ok) throw new Error(`got ${judgement.error.reason}`);
    expect(judgement.forward).toBe(response);
    expect(judgement.forward.headers.get("x-request-id")).toBe("r-1");
    expect(response.bodyUsed).toBe(false);
    expect(await judgement.forward.text()).toBe("");
  });

  it("a 204 is not a success when every success the contract has carries a body", async () => {
    const everySuccessHasBody: OperationContract = {
      successStatuses: [201],
      successStatusesWithBody: [201],
      errorTypesByStatus: {},
    };
    const error = await unexpectedOf(new Response(null, { status: 204 }), everySuccessHasBody);
    expect(error.reason).toBe("status_not_in_contract");
  });
});

describe("a success the contract declares with a body", () => {
  it("is forwarded with its text, status and headers", async () => {
    const judgement = await judge(
      new Response('{"id":"don:1"}', {
        status: 201,
        headers: { "content-type": "application/json", "x-request-id": "r-2" },
      }),
      withBodyContract,
    );
    expect(judgement.ok).toBe(true);
    if (!judgement.ok) return;
    expect(judgement.forward.status).toBe(201);
    expect(judgement.forward.headers.get("x-request-id")).toBe("r-2");
    expect(await judgement.forward.json()).toEqual({ id: "don:1" });
  });
});

describe("a contract error", () => {
  it("has no retryAfterMs field when the server asked for no wait", async () => {
    const [type] = contract.errorTypesByStatus[singleTypeStatus]!;
    const judgement = await judge(
      new Response(JSON.stringify({ type, message: "m" }), { status: singleTypeStatus }),
      contract,
    );
    if (judgement.ok) throw new Error("judged a success");
    expect(judgement.error).toStrictEqual({ type, message: "m", status: singleTypeStatus });
  });

  it("sealing an error without a body adds no bodySnippet field", () => {
    const error = sealed({ type: "timeout", message: "No answer within 5 ms." }, []);
    expect(Object.keys(error)).toEqual(["type", "message"]);
  });
});
