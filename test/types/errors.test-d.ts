// The error union, the request and `raw` as the types see them: every status, error type, body
// and request field is read from generated/ (the spec's types and constants), so a spec that
// gains a status, a type or a field changes what is expected here instead of breaking it.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations as Operations } from "../../generated/schema.ts";
import { operations } from "../../generated/constants.ts";
import type { OfType } from "../../src/errors.ts";
import {
  createDevRevClient,
  type DevRevError,
  type DevRevErrorOfType,
  type DevRevErrorType,
  type PathsWith,
  type SelfDeleteContractError,
  type TokenType,
} from "../../src/index.ts";

type Operation = (typeof operations)["auth-tokens-self-delete"];
type ErrorStatus = keyof Operation["errorTypesByStatus"];
type TypesOf<S extends ErrorStatus> = Operation["errorTypesByStatus"][S][number];
type ContractType = TypesOf<ErrorStatus>;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;
type Responses = Operations["auth-tokens-self-delete"]["responses"];
type BodyOf<S extends ErrorStatus> = Responses[ToNumber<S> & keyof Responses] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
/** The failures outside the contract: this package's own, not the spec's. */
type Outside =
  "network_error" | "timeout" | "aborted" | "unexpected_response" | "token_unavailable";
/** An error with what the client adds to every contract body taken off again (per variant). */
type BodyPart<E> = E extends unknown
  ? Omit<E, "status" | "retryAfterMs" | "earlierAttemptUncertain">
  : never;

/**
 * Handles the failures outside the contract by name; what is left is exactly the contract's
 * errors, whatever the spec lists (test/types/exhaustive.test.ts compiles the strict form, with
 * a case for every type the contract has today).
 */
function describeError(error: DevRevError): string {
  switch (error.type) {
    case "network_error":
      return error.cause ?? "";
    case "timeout":
      return `${error.timeoutMs}`;
    case "aborted":
      return error.message;
    case "token_unavailable":
      return error.cause ?? error.message;
    case "unexpected_response":
      return `${error.status} ${error.reason} ${error.bodySnippet}`;
    default: {
      const contractError: SelfDeleteContractError = error;
      return `${contractError.status} ${contractError.type}`;
    }
  }
}

describe("error narrowing", () => {
  it("the switch above compiles", () => {
    expectTypeOf(describeError).parameter(0).toEqualTypeOf<DevRevError>();
  });

  it("error types are exactly the contract's types plus the five outside it", () => {
    expectTypeOf<DevRevErrorType>().toEqualTypeOf<ContractType | Outside>();
    expectTypeOf<SelfDeleteContractError["type"]>().toEqualTypeOf<ContractType>();
  });

  it("the errors of each status are exactly the types the contract lists for it", () => {
    expectTypeOf<{
      [S in ErrorStatus]: Extract<DevRevError, { status: ToNumber<S> }>["type"];
    }>().toEqualTypeOf<{ [S in ErrorStatus]: TypesOf<S> }>();
  });

  it("each contract error carries its literal status", () => {
    type StatusOf<T> = {
      [S in ErrorStatus]: T extends TypesOf<S> ? ToNumber<S> : never;
    }[ErrorStatus];
    type StatusField<E> = E extends { status: infer Status } ? Status : never;
    expectTypeOf<{ [T in ContractType]: StatusField<DevRevErrorOfType<T>> }>().toEqualTypeOf<{
      [T in ContractType]: StatusOf<T>;
    }>();
    expectTypeOf<DevRevErrorOfType<"unexpected_response">["status"]>().toEqualTypeOf<number>();
  });

  it("a status whose type enum has several values (no variant each) still gives each type", () => {
    type TwoTypes = { type: "forbidden" | "suspended"; status: 403; message?: string };
    expectTypeOf<OfType<TwoTypes, "suspended">["type"]>().toEqualTypeOf<"suspended">();
    expectTypeOf<OfType<TwoTypes, "suspended">["status"]>().toEqualTypeOf<403>();
    expectTypeOf<OfType<TwoTypes | { type: "x"; status: 400 }, "x">>().toEqualTypeOf<{
      type: "x";
      status: 400;
    }>();
  });

  it("each contract error carries its body's fields, typed as the spec types them", () => {
    type Fields = { [S in ErrorStatus]: BodyPart<Extract<DevRevError, { status: ToNumber<S> }>> };
    type Bodies = { [S in ErrorStatus]: BodyOf<S> };
    expectTypeOf<Fields>().toExtend<Bodies>();
    expectTypeOf<Bodies>().toExtend<Fields>();
  });
});

describe("requests", () => {
  type Request = components["schemas"]["auth-tokens-self-delete-request"];

  it("selfDelete takes the contract's request body, or nothing", () => {
    const devrev = createDevRevClient({ token: "example-token", baseUrl: "http://127.0.0.1:4010" });
    expectTypeOf(devrev.authTokens.selfDelete).parameter(0).toEqualTypeOf<Request | undefined>();
    expectTypeOf<NonNullable<Request["requested_token_type"]>>().toEqualTypeOf<TokenType>();
    const shortForm = { requested_token_type: "pat" } as const;
    // @ts-expect-error a short form is not a token type
    void devrev.authTokens.selfDelete(shortForm);
    const typo = { requested_token_types: "urn:devrev:params:oauth:token-type:pat" } as const;
    // @ts-expect-error unknown fields are rejected (weak type: no property in common)
    void devrev.authTokens.selfDelete(typo);
  });

  it("raw is typed from the spec's paths", () => {
    const devrev = createDevRevClient({ token: "example-token", baseUrl: "http://127.0.0.1:4010" });
    expectTypeOf<PathsWith<Operation["method"]>>().toEqualTypeOf<Operation["path"]>();
    type RawResult = Awaited<ReturnType<typeof devrev.raw.POST<Operation["path"]>>>;
    expectTypeOf<NonNullable<RawResult["error"]>>().toEqualTypeOf<DevRevError>();
  });
});
