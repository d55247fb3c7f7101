import type { components, operations as Operations } from "../../generated/schema.js";
import { operations } from "../../generated/constants.js";

type Responses = Operations["auth-tokens-self-delete"]["responses"];
type Schemas = components["schemas"];
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;

/**
 * Every error status the contract lists for `POST /auth-tokens.self.delete`
 * (400, 401, 403, 404, 429, 500, 503), taken from the generated constants.
 *
 * @example
 * const status: MockErrorStatus = 429;
 */
export type MockErrorStatus = ToNumber<
  keyof (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"]
>;

/**
 * The JSON body the contract gives an error status.
 *
 * @example
 * const body: MockErrorBody<401> = { type: "unauthenticated", message: "no token" };
 */
export type MockErrorBody<S extends MockErrorStatus> = Responses[S] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;

/** The error statuses, as numbers, in the contract's order. */
export const errorStatuses = Object.keys(
  operations["auth-tokens-self-delete"].errorTypesByStatus,
).map(Number) as MockErrorStatus[];

/** Whether a number is an error status the contract lists. */
export function isErrorStatus(status: unknown): status is MockErrorStatus {
  return (errorStatuses as unknown[]).includes(status);
}

/** The names the contract uses for JSON types in `unexpected_json_type` errors. */
export type JsonType = Schemas["error-bad-request-unexpected-json-type-type"];

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

/** A JSON answer with the contract's content type. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A 400 `bad_request` (the generic one, used for an oversized body). */
export const badRequest = (message: string) =>
  jsonResponse(400, {
    type: "bad_request",
    message,
  } satisfies Schemas["error-bad-request-bad-request"]);

export const parseError = (message: string) =>
  jsonResponse(400, {
    type: "parse_error",
    message,
  } satisfies Schemas["error-bad-request-parse-error"]);

export const unexpectedJsonType = (fieldName: string, expected: JsonType, actual: JsonType) =>
  jsonResponse(400, {
    type: "unexpected_json_type",
    message: `${fieldName || "The request body"}: expected ${article(expected)}, got ${article(actual)}`,
    field_name: fieldName,
    expected,
    actual,
  } satisfies Schemas["error-bad-request-unexpected-json-type"]);

export const invalidEnumValue = (
  fieldName: string,
  value: string,
  allowedValues: readonly string[],
) =>
  jsonResponse(400, {
    type: "invalid_enum_value",
    message: `${fieldName}: ${JSON.stringify(value)} is not one of the allowed values`,
    field_name: fieldName,
    value,
    allowed_values: [...allowedValues],
  } satisfies Schemas["error-bad-request-invalid-enum-value"]);

export const missingRequiredField = (fieldName: string) =>
  jsonResponse(400, {
    type: "missing_required_field",
    message: `${fieldName} is required`,
    field_name: fieldName,
  } satisfies Schemas["error-bad-request-missing-required-field"]);

export const unauthenticated = (message: string) =>
  jsonResponse(401, {
    type: "unauthenticated",
    message,
  } satisfies Schemas["error-unauthorized"]);

export const notFound = (message: string, headers: Record<string, string> = {}) =>
  jsonResponse(404, { type: "not_found", message } satisfies Schemas["error-not-found"], headers);

const article = (type: JsonType) =>
  type === "null" ? "null" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
