/**
 * Checks of what JavaScript callers pass, made before anything is sent. TypeScript callers get
 * the same rules from the types; these catch the rest (plain JS, `as any`, values from JSON).
 */
import { operations } from "../generated/constants.js";
import type { components } from "../generated/schema.js";
import { DevRevUsageError } from "./errors.js";
import { maxRetriesLimit, maxTimerMs } from "./retry.js";
import { refuseUnknownNames } from "./suggest.js";
import { isTokenType, parseTokenType, shownTypeInput, tokenTypes } from "./token-types.js";

/** The JSON body of `selfDelete`, as the contract defines it. */
export type SelfDeleteRequest = components["schemas"]["auth-tokens-self-delete-request"];

const selfDelete = operations["auth-tokens-self-delete"];
const knownFields: readonly string[] = selfDelete.requestFields;

/** What a refused value was, for messages: a number as itself, anything else by its kind. */
const describe = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "number"
        ? String(value)
        : typeof value;

/** Throws "`rule`, got `value`." (the value described, never repeated whole). */
function refuse(rule: string, value: unknown): never {
  throw new DevRevUsageError(`${rule}, got ${describe(value)}.`);
}

/** Whether `value` is a plain object (not null, not an array): what options and bodies must be. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Returns the body to send (`{}` when none is given) or throws saying what is allowed. */
export function checkedSelfDeleteBody(body: unknown): SelfDeleteRequest {
  if (body === undefined) return {};
  if (!isRecord(body)) {
    refuse(
      `selfDelete expects an object like { requested_token_type: "${tokenTypes[0]}" } (or nothing)`,
      body,
    );
  }
  refuseUnknownNames("selfDelete", "field", body, knownFields);
  // A field that is there must say something: `requested_token_type: config.type` with the
  // config unset would otherwise send `{}`, and what DevRev revokes then is not documented.
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) {
      throw new DevRevUsageError(
        `selfDelete: ${name} is ${value} (a value that was not set?); give one, or leave the field out to let DevRev choose (what it chooses is not documented).` +
          (name === "requested_token_type" ? ` Allowed values: ${tokenTypes.join(", ")}.` : ""),
      );
    }
  }
  const type = body.requested_token_type;
  if (type !== undefined && !isTokenType(type)) {
    const suggestion = typeof type === "string" ? parseTokenType(type) : undefined;
    const shown = typeof type === "string" ? shownTypeInput(type) : undefined;
    const what =
      shown !== undefined
        ? JSON.stringify(shown)
        : typeof type === "string"
          ? "(not shown: it does not look like a type and may be a secret)"
          : describe(type);
    throw new DevRevUsageError(
      `requested_token_type ${what} is not a token type.` +
        (suggestion ? ` Did you mean "${suggestion}"?` : "") +
        ` Allowed values: ${tokenTypes.join(", ")}.`,
    );
  }
  return body as SelfDeleteRequest;
}

/** A duration option: a number of ms from `min` up to what a timer can hold. */
export function checkedMs(name: string, value: unknown, min: number): number {
  // NaN and Infinity fail the comparisons.
  if (!(typeof value === "number" && value >= min && value <= maxTimerMs)) {
    refuse(`${name} must be a number of milliseconds from ${min} to ${maxTimerMs}`, value);
  }
  return value;
}

/** A retry count: a whole number from 0 to `maxRetriesLimit`. */
export function checkedRetries(value: unknown): number {
  if (!(
    Number.isInteger(value) &&
    (value as number) >= 0 &&
    (value as number) <= maxRetriesLimit
  )) {
    refuse(`maxRetries must be a whole number from 0 to ${maxRetriesLimit}`, value);
  }
  return value as number;
}

// RFC 9110 §5.6.2: a field name is a token.
const headerName = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
// RFC 9110 §5.5: no CR, LF or NUL in a field value.
const badHeaderValue = /[\r\n\0]/;

/**
 * A headers option: an object of string values with valid names and no `Authorization` (the
 * token has its own option, so it is checked, redacted and never doubled).
 */
export function checkedHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) refuse("headers must be an object of header names to string values", value);
  for (const [name, field] of Object.entries(value)) {
    if (name.toLowerCase() === "authorization") {
      throw new DevRevUsageError(
        "headers must not hold Authorization: the token has its own option.",
      );
    }
    if (!headerName.test(name)) {
      throw new DevRevUsageError(
        `headers: ${JSON.stringify(name)} is not a valid header name (RFC 9110 token).`,
      );
    }
    if (typeof field !== "string" || badHeaderValue.test(field)) {
      refuse(`headers: the value of ${name} must be a string without CR, LF or NUL`, field);
    }
  }
  return value as Record<string, string>;
}

/** Checks a function-valued option. */
export function checkedFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function")
    refuse(`${name} must be a function`, value);
  return value;
}
