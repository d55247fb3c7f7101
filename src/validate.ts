/**
 * Checks of what JavaScript callers pass, made before anything is sent. TypeScript callers get
 * the same rules from the types; these catch the rest (plain JS, `as any`, values from JSON).
 */
import { operations } from "../generated/constants.js";
import type { components } from "../generated/schema.js";
import { DevRevUsageError } from "./errors.js";
import { maxTimerMs } from "./retry.js";
import { isTokenType, parseTokenType, tokenTypes } from "./token-types.js";

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

/** Refuses the first key of `value` that is not `allowed`, naming the ones that are. */
function refuseUnknownKeys(
  call: string,
  kind: "field" | "option",
  value: object,
  allowed: readonly string[],
): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      throw new DevRevUsageError(
        `${call} does not take the ${kind} "${name}"; allowed ${kind}s: ${allowed.join(", ")}.`,
      );
    }
  }
}

/** Returns the body to send (`{}` when none is given) or throws saying what is allowed. */
export function checkedSelfDeleteBody(body: unknown): SelfDeleteRequest {
  if (body === undefined) return {};
  if (!isRecord(body)) {
    refuse(
      `selfDelete expects an object like { requested_token_type: "${tokenTypes[0]}" } (or nothing)`,
      body,
    );
  }
  refuseUnknownKeys("selfDelete", "field", body, knownFields);
  const type = body.requested_token_type;
  if (type !== undefined && !isTokenType(type)) {
    const suggestion = typeof type === "string" ? parseTokenType(type) : undefined;
    throw new DevRevUsageError(
      `requested_token_type ${JSON.stringify(type) ?? String(type)} is not a token type.` +
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

/** A retry count: a whole number from 0 to 10. */
export function checkedRetries(value: unknown): number {
  if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10)) {
    refuse("maxRetries must be a whole number from 0 to 10", value);
  }
  return value as number;
}

/**
 * The base URL, parsed; trailing slashes are dropped so paths join cleanly. Credentials in it
 * are refused: `fetch` rejects such URLs, and every attempt would fail as a retried network
 * error repeating the password (issue 10). The message shows the value with any
 * `user:password@` replaced, so it never repeats a password.
 */
export function checkedBaseUrl(value: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    // Not a URL: refused below.
  }
  if (
    typeof value !== "string" ||
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    const shown = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    throw new DevRevUsageError(
      `baseUrl must be an absolute http(s) URL without credentials, query or fragment, such as "https://api.devrev.ai"; got ${JSON.stringify(shown.replace(/\/\/[^/?#]*@/, "//[credentials]@"))}.`,
    );
  }
  return url;
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

/** Refuses per-call options the call does not document, naming the ones it takes. */
export function checkedCallOptionNames(
  call: string,
  options: unknown,
  allowed: readonly string[],
): void {
  if (!isRecord(options)) refuse(`${call} expects an options object`, options);
  refuseUnknownKeys(call, "option", options, allowed);
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
