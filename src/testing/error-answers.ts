/**
 * The mock's own error answers (a parse error, an unknown type, a missing token…), each built
 * from the contract's body for its status, with every field the contract requires.
 */
import type { components } from "../../generated/schema.js";
import {
  type BodyOfType,
  type ContractErrorType,
  bodyOfType,
  statusOf,
} from "./contract-bodies.js";

type Schemas = components["schemas"];

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

/**
 * An answer of the contract's `type`: its status from the contract, and a body with every field
 * the contract requires of that type and then `fields` (what the mock has to say).
 */
export const contractError = <T extends ContractErrorType>(
  type: T,
  fields: Omit<Partial<BodyOfType<T>>, "type">,
  headers: Record<string, string> = {},
) => jsonResponse(statusOf(type), bodyOfType(type, fields), headers);

/** A 400 `bad_request` (the generic one, used for an oversized body). */
export const badRequest = (message: string) => contractError("bad_request", { message });

export const parseError = (message: string) => contractError("parse_error", { message });

export const unexpectedJsonType = (fieldName: string, expected: JsonType, actual: JsonType) =>
  contractError("unexpected_json_type", {
    message: `${fieldName || "The request body"}: expected ${article(expected)}, got ${article(actual)}`,
    field_name: fieldName,
    expected,
    actual,
  });

export const invalidEnumValue = (
  fieldName: string,
  value: string,
  allowedValues: readonly string[],
) =>
  contractError("invalid_enum_value", {
    message: `${fieldName}: ${JSON.stringify(value)} is not one of the allowed values`,
    field_name: fieldName,
    value,
    allowed_values: [...allowedValues],
  });

export const missingRequiredField = (fieldName: string) =>
  contractError("missing_required_field", {
    message: `${fieldName} is required`,
    field_name: fieldName,
  });

export const unauthenticated = (message: string) => contractError("unauthenticated", { message });

export const notFound = (message: string, headers: Record<string, string> = {}) =>
  contractError("not_found", { message }, headers);

/** A 500 `internal_error` with a fresh reference id: the mock itself failed. */
export const internalError = (message: string) =>
  contractError("internal_error", { message, reference_id: globalThis.crypto.randomUUID() });

const article = (type: JsonType) =>
  type === "null" ? "null" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
