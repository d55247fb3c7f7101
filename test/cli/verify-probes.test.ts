// The probes `verify` sends, and how it judges answers: pure, so tested without a server.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortTokenType, tokenTypes } from "../../src/token-types.ts";
import {
  createAnswerChecker,
  judge,
  tokenTypeDrift,
  tokenTypeFindings,
} from "../../src/cli/verify-judge.ts";
import { operations } from "../../generated/constants.ts";
import {
  assertCannotRevoke,
  ProbeBody,
  probes,
  probeTokenType,
  UnsafeProbeError,
} from "../../src/cli/verify-probes.ts";
import { loadSpec } from "../support/contract.ts";
import { contractBody } from "../support/bodies.ts";

const spellings = tokenTypes.flatMap((t) => [
  t,
  shortTokenType(t),
  t.toUpperCase(),
  ` ${shortTokenType(t)}\n`,
]);
const named = (text: string) =>
  (JSON.parse(text) as { requested_token_type?: unknown }).requested_token_type;

describe("a probe body can never revoke a token", () => {
  it("refuses every spelling of a known token type: URN, short form, any case, padded", () => {
    for (const spelling of spellings) {
      expect(() => ProbeBody.withTokenType(spelling), spelling).toThrow(UnsafeProbeError);
    }
  });

  it("refuses a body without requested_token_type, with null, or that is not an object", () => {
    for (const text of ["{}", '{"requested_token_type":null}', "[]", '"pat"', "null", "", "{"]) {
      expect(() => assertCannotRevoke(text), text).toThrow(UnsafeProbeError);
    }
    expect(() => assertCannotRevoke('{"requested_token_type":"pat"')).toThrow(UnsafeProbeError);
  });

  it("whatever value it is given, a body that is made names no known type", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...spellings), fc.integer()), (value) => {
        let body: ProbeBody;
        try {
          body = ProbeBody.withTokenType(value);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeProbeError);
          return;
        }
        const sent = named(body.text);
        expect(sent).toBe(value);
        expect(spellings.map((s) => s.trim().toLowerCase())).not.toContain(
          String(sent).trim().toLowerCase(),
        );
      }),
    );
  });

  it("has no other way to make one: the constructor is private", () => {
    // @ts-expect-error ProbeBody's constructor is private: only the checked makers build bodies.
    expect(() => new ProbeBody("{}")).toThrow(UnsafeProbeError);
  });

  it("every probe names an unknown type, and the one that is not JSON still carries it", () => {
    for (const probe of probes()) {
      expect(probe.body.text).toContain(`"requested_token_type":`);
      expect(() => assertCannotRevoke(probe.body.text)).not.toThrow();
    }
    expect(probes().some((p) => p.auth === "real" && p.expect.type === "invalid_enum_value")).toBe(
      true,
    );
    expect(tokenTypes).not.toContain(probeTokenType);
  });
});

describe("judging answers against the contract", () => {
  const violations = createAnswerChecker(loadSpec(), "/auth-tokens.self.delete", "post");
  const json = { "content-type": "application/json" };
  const [noToken] = probes();

  it("accepts a contract answer and reports it ok", () => {
    const answer = {
      status: 401,
      headers: json,
      text: JSON.stringify(contractBody("unauthenticated", { message: "no" })),
    };
    expect(judge(noToken!, answer, violations)).toEqual([
      { kind: "ok", message: "no token: 401 unauthenticated, as the contract says" },
    ]);
  });

  it.each([
    ["a status the contract lacks", 418, json, "{}", "status 418 is not in the contract"],
    ["a type of another status", 401, json, '{"type":"forbidden"}', "body /type"],
    ["a body that is not JSON", 400, json, "<html>", "the body is not JSON"],
    [
      "a body that is not labelled JSON",
      400,
      { "content-type": "text/html" },
      "{}",
      "content-type is text/html",
    ],
    ["a body on a status without one", 200, {}, "revoked", "status 200 has no body"],
    [
      "a Retry-After that is empty",
      429,
      { ...json, "retry-after": "" },
      '{"type":"too_many_requests"}',
      "header Retry-After",
    ],
  ])("breaks the contract: %s", (_what, status, headers, text, problem) => {
    expect(violations({ status, headers, text }).join("\n")).toContain(problem);
  });

  it("reports a conforming answer that is not the one expected, and says a 429 is transient", () => {
    const answer = {
      status: 429,
      headers: json,
      text: JSON.stringify(contractBody("too_many_requests")),
    };
    expect(judge(noToken!, answer, violations)).toEqual([
      {
        kind: "unexpected",
        message:
          "no token: expected 401 unauthenticated, got 429 too_many_requests (the server is busy: run verify again later)",
      },
    ]);
  });

  it("says a success to a probe meant to be refused may have been acted on", () => {
    const unknownType = probes().find((p) => p.auth === "real")!;
    // 200 is the contract's success; a 204 also breaks the contract, and means the same.
    for (const status of [200, 204]) {
      const findings = judge(unknownType, { status, headers: {}, text: "" }, violations);
      expect(findings.filter((f) => f.kind !== "violation")).toEqual([
        {
          kind: "unexpected",
          message: `${unknownType.name}: expected 400 invalid_enum_value, got ${status}: the server accepted a request meant to be refused and may have acted on it with your token: check your tokens`,
        },
      ]);
    }
    const withoutToken = judge(noToken!, { status: 200, headers: {}, text: "" }, violations);
    expect(withoutToken[0]?.message).toMatch(
      /got 200: the server accepted a request meant to be refused and may have acted on it$/,
    );
  });

  it("reports token types on either side only", () => {
    expect(tokenTypeDrift(["a", "c"], ["a", "b"]).map((f) => f.message)).toEqual([
      "token type c: the server allows it, the contract lacks it",
      "token type b: the contract has it, the server does not allow it",
    ]);
    expect(tokenTypeDrift(tokenTypes, tokenTypes)).toEqual([
      {
        kind: "ok",
        message: `token types: the server allows the contract's ${tokenTypes.length}, no more, no fewer`,
      },
    ]);
  });

  describe("the server's token types, from the answer to an unknown type", () => {
    const unknownType = probes().find((p) => p.expect.type === "invalid_enum_value")!;
    const field = "requested_token_type";
    const answer = (body: Record<string, unknown>) => ({
      status: 400,
      headers: json,
      text: JSON.stringify({ type: "invalid_enum_value", value: probeTokenType, ...body }),
    });

    it("compares the allowed values of the token-type field", () => {
      const findings = tokenTypeFindings(
        unknownType,
        answer({ field_name: field, allowed_values: [...tokenTypes] }),
        { field, tokenTypes },
      );
      expect(findings.map((f) => f.kind)).toEqual(["ok"]);
    });

    it("takes another field's allowed values for no list of types: skipped, saying which field", () => {
      const findings = tokenTypeFindings(
        unknownType,
        answer({ field_name: "some_other_field", allowed_values: ["a", "b"] }),
        { field, tokenTypes },
      );
      expect(findings).toEqual([
        {
          kind: "skipped",
          message: `token types: not compared: "${unknownType.name}" was answered with the allowed values of "some_other_field", not of ${field}`,
        },
      ]);
    });

    it("reports values that are not strings as a violation, never as ok", () => {
      const findings = tokenTypeFindings(
        unknownType,
        answer({ field_name: field, allowed_values: [...tokenTypes, 42, { urn: "x" }] }),
        { field, tokenTypes },
      );
      expect(findings).toEqual([
        {
          kind: "violation",
          message: `token types: allowed_values holds 2 value(s) that are not strings (42, {"urn":"x"}): the server's list cannot be read whole; only its ${tokenTypes.length} string(s) were compared`,
        },
      ]);
    });
  });

  it("expects of each probe a type its status admits in the contract: the body that is not JSON, a parse error", () => {
    const { errorTypesByStatus } = operations["auth-tokens-self-delete"];
    for (const probe of probes())
      if (probe.expect.type)
        expect(
          (errorTypesByStatus as Record<string, readonly string[]>)[probe.expect.status],
          probe.name,
        ).toContain(probe.expect.type);
    expect(probes().find((p) => p.name === "a body that is not JSON")!.expect).toEqual({
      status: 400,
      type: "parse_error",
    });
  });
});
