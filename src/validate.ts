/**
 * Checks of what JavaScript callers pass, made before anything is sent. TypeScript callers get
 * the same rules from the types; these catch the rest (plain JS, `as any`, values from JSON).
 */
import { operations } from "../generated/constants.js";
import type { components } from "../generated/schema.js";
import { DevRevUsageError } from "./errors.js";
import { maxRetriesLimit, maxTimerMs } from "./retry.js";
import { refuseUnknownNames } from "./suggest.js";
import { parseTokenType, shownTypeInput, tokenTypes } from "./token-types.js";

/** The JSON body of `selfDelete`, as the contract defines it. */
export type SelfDeleteRequest = components["schemas"]["auth-tokens-self-delete-request"];

const selfDelete: RequestContract = operations["auth-tokens-self-delete"];

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

/**
 * The own, enumerable fields of a plain object, each read once, in a fresh object: what is
 * checked is then what is used and sent (`JSON.stringify` sends own enumerable fields only, and
 * a getter may answer differently the second time). Refused, with nothing sent: anything but a
 * plain object (a class instance, a `Map`, a `Headers`), a hidden or symbol key, a name not in
 * `allowed` (the nearest one suggested), and an allowed name the object only inherits (from a
 * prototype, or an `Object.prototype` someone polluted).
 */
export function ownFields(
  value: unknown,
  call: string,
  kind: "field" | "option",
  allowed: readonly string[],
): Record<string, unknown> {
  const proto = isRecord(value) ? Object.getPrototypeOf(value) : undefined;
  // A plain object's prototype is Object.prototype (of any realm), or null.
  if (proto === undefined || (proto !== null && Object.getPrototypeOf(proto) !== null)) {
    const name = (proto as { constructor?: { name?: unknown } } | undefined)?.constructor?.name;
    throw new DevRevUsageError(
      `${call} expects a plain object of ${kind}s ({ … }), got ${proto === undefined ? describe(value) : typeof name === "string" && name && name !== "Object" ? `a ${name}` : "an object with a prototype of its own"} (what it inherits would not be read as given).`,
    );
  }
  for (const key of Reflect.ownKeys(value as object)) {
    if (typeof key === "symbol" || !Object.prototype.propertyIsEnumerable.call(value, key))
      throw new DevRevUsageError(
        `${call}: a ${typeof key === "symbol" ? "symbol" : "hidden (non-enumerable)"} ${kind} is not read; give ${kind}s as ordinary properties.`,
      );
  }
  const record = value as Record<string, unknown>;
  refuseUnknownNames(call, kind, record, allowed);
  for (const name of allowed)
    if (name in record && !Object.hasOwn(record, name))
      throw new DevRevUsageError(
        `${call}: the ${kind} ${name} is inherited (from a prototype), not given: refused. Was Object.prototype changed?`,
      );
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = record[key];
  return copy;
}

/** What the generated constants say about an operation's request body. */
export interface RequestContract {
  readonly requestFields: readonly string[];
  readonly requestEnums: { readonly [field: string]: readonly string[] };
}

/**
 * An operation's JSON body, checked against its contract: a fresh object holding exactly what
 * was checked, or a refusal saying what is allowed. A field that is there must say something:
 * `requested_token_type: config.type` with the config unset would otherwise send `{}`, and what
 * DevRev revokes then is not documented. With `enums`, a field with an enum must hold one of
 * its values (`raw` leaves that to the server, whose answer it exists to show).
 */
export function checkedRequestBody(
  operation: RequestContract,
  given: unknown,
  call: string,
  enums = true,
): Record<string, unknown> {
  const body = ownFields(given, call, "field", operation.requestFields);
  for (const name in body) {
    const value = body[name];
    const allowed = operation.requestEnums[name];
    const listed = () => (allowed ? ` Allowed values: ${allowed.join(", ")}.` : "");
    if (value === undefined || value === null)
      throw new DevRevUsageError(
        `${call}: ${name} is ${value} (a value that was not set?); give one, or leave the field out to let DevRev choose (what it chooses is not documented).${listed()}`,
      );
    if (enums && allowed && !allowed.includes(value as string)) {
      const tokenType = allowed === tokenTypes;
      // parseTokenType finds nothing for a value that is not a string (it compares with ===).
      const suggestion = tokenType ? parseTokenType(value as string) : undefined;
      const shown = typeof value === "string" ? shownTypeInput(value) : undefined;
      const what =
        shown !== undefined
          ? JSON.stringify(shown)
          : typeof value === "string"
            ? "(not shown: it does not look like one and may be a secret)"
            : describe(value);
      throw new DevRevUsageError(
        `${name} ${what} is not ${tokenType ? "a token type" : "one of the values the contract allows"}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : "") +
          listed(),
      );
    }
  }
  return body;
}

/**
 * The body `selfDelete` sends: `{}` when none is given, else {@link checkedRequestBody}'s copy.
 */
export function checkedSelfDeleteBody(given: unknown): SelfDeleteRequest {
  if (given === undefined) return {};
  if (!isRecord(given)) {
    refuse(
      `selfDelete expects an object like { requested_token_type: "${tokenTypes[0]}" } (or nothing)`,
      given,
    );
  }
  return checkedRequestBody(selfDelete, given, "selfDelete") as SelfDeleteRequest;
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
export function checkedHeaders(given: unknown): Record<string, string> {
  if (given === undefined) return {};
  if (!isRecord(given)) refuse("headers must be an object of header names to string values", given);
  // A Headers or a Map would be read by fetch but not by these checks.
  const value = ownFields(given, "headers", "field", Object.keys(given));
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

/** A boolean option; absent is `false`. */
export function checkedFlag(name: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== "boolean")
    refuse(`${name} must be true or false`, value);
  return value === true;
}
