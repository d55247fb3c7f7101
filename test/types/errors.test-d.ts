import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/schema.ts";
import { componentEnums, operations } from "../../generated/constants.ts";
import {
  createDevRevClient,
  type DevRevError,
  type DevRevErrorOfType,
  type DevRevErrorType,
  type PathsWith,
  type TokenType,
} from "../../src/index.ts";

type BadRequestType = components["schemas"]["error-bad-request-type"];
type ErrorTypesOf<
  Status extends keyof (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"],
> = (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"][Status][number];

/**
 * Fails to compile when a case is missing, except for a 400 variant added to the spec after this
 * switch was written: that one lands, typed, in the default branch. So a spec that gains a 400
 * variant still compiles (test/spec-change.test.ts), and test/types/exhaustive.test.ts shows
 * that the strict form (`const unreachable: never = error`) names the new variant.
 */
function describeError(error: DevRevError): string {
  switch (error.type) {
    case "artifact_already_attached_to_a_parent":
      return error.existing_parent;
    case "bad_request":
      return "bad request";
    case "customization_validation_error":
      return error.subtype;
    case "invalid_api_version":
      return error.value;
    case "invalid_enum_value":
      return error.allowed_values.join(",");
    case "invalid_field":
    case "invalid_id":
    case "missing_required_field":
    case "unexpected_id_type":
      return error.field_name;
    case "merge_works_error":
      return String(error.errors?.length);
    case "missing_dependency":
      return String(error.dependencies?.length);
    case "parse_error":
    case "stale_schema_fragments":
      return error.message ?? "";
    case "unexpected_json_type":
      return `${error.expected} ${error.actual}`;
    case "value_not_permitted":
      return error.reason ?? "";
    case "workflow_component_validation_errors":
      return String(error.errors?.[0]?.code);
    case "unauthenticated":
    case "forbidden":
    case "not_found":
    case "service_unavailable":
      return `${error.status}`;
    case "too_many_requests":
      return `${error.retry_after}`;
    case "internal_error":
      return error.reference_id ?? "";
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
      const addedLater: Extract<DevRevError, { status: 400 }> = error;
      // With every variant handled `addedLater` narrows to never; the assignment is the check.
      return String((addedLater as { type?: unknown }).type);
    }
  }
}

describe("error narrowing", () => {
  it("the switch above is exhaustive", () => {
    expectTypeOf(describeError).parameter(0).toEqualTypeOf<DevRevError>();
  });

  it("error types are exactly the contract's types plus the five outside it", () => {
    type ContractTypes = {
      [
        S in keyof (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"]
      ]: ErrorTypesOf<S>;
    }[keyof (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"]];
    expectTypeOf<DevRevErrorType>().toEqualTypeOf<
      | ContractTypes
      | "network_error"
      | "timeout"
      | "aborted"
      | "unexpected_response"
      | "token_unavailable"
    >();
    expectTypeOf<ErrorTypesOf<"400">>().toEqualTypeOf<BadRequestType>();
  });

  it("each contract error carries its literal status", () => {
    expectTypeOf<DevRevErrorOfType<"too_many_requests">["status"]>().toEqualTypeOf<429>();
    expectTypeOf<DevRevErrorOfType<"too_many_requests">["retry_after"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<DevRevErrorOfType<"invalid_enum_value">["status"]>().toEqualTypeOf<400>();
    expectTypeOf<DevRevErrorOfType<"invalid_enum_value">["allowed_values"]>().toEqualTypeOf<
      string[]
    >();
    expectTypeOf<DevRevErrorOfType<"internal_error">["status"]>().toEqualTypeOf<500>();
    expectTypeOf<DevRevErrorOfType<"unauthenticated">["status"]>().toEqualTypeOf<401>();
    expectTypeOf<DevRevErrorOfType<"unexpected_response">["status"]>().toEqualTypeOf<number>();
  });

  it("every 400 variant narrows by its type", () => {
    expectTypeOf<Extract<DevRevError, { status: 400 }>["type"]>().toEqualTypeOf<BadRequestType>();
    expectTypeOf<DevRevErrorOfType<"unexpected_json_type">["expected"]>().toEqualTypeOf<
      (typeof componentEnums)["error-bad-request-unexpected-json-type-type"][number]
    >();
  });

  it("selfDelete takes only contract token types", () => {
    const devrev = createDevRevClient({ token: "example-token", baseUrl: "http://127.0.0.1:4010" });
    expectTypeOf(devrev.authTokens.selfDelete)
      .parameter(0)
      .toEqualTypeOf<{ requested_token_type?: TokenType } | undefined>();
    const shortForm = { requested_token_type: "pat" } as const;
    // @ts-expect-error a short form is not a token type
    void devrev.authTokens.selfDelete(shortForm);
    const typo = { requested_token_types: "urn:devrev:params:oauth:token-type:pat" } as const;
    // @ts-expect-error unknown fields are rejected (weak type: no property in common)
    void devrev.authTokens.selfDelete(typo);
  });

  it("raw is typed from the spec's paths", () => {
    const devrev = createDevRevClient({ token: "example-token", baseUrl: "http://127.0.0.1:4010" });
    expectTypeOf<PathsWith<"post">>().toEqualTypeOf<"/auth-tokens.self.delete">();
    expectTypeOf<PathsWith<"get">>().toEqualTypeOf<never>();
    // @ts-expect-error no GET operation in the spec
    void devrev.raw.GET("/auth-tokens.self.delete", {});
    type RawResult = Awaited<ReturnType<typeof devrev.raw.POST<"/auth-tokens.self.delete">>>;
    expectTypeOf<NonNullable<RawResult["error"]>>().toEqualTypeOf<DevRevError>();
  });
});
