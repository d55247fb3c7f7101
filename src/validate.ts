/**
 * Checks of what JavaScript callers pass, made before anything is sent. TypeScript callers get
 * the same rules from the types; these catch the rest (plain JS, `as any`, values from JSON).
 */
import { operations } from "../generated/constants.js";
import type { components } from "../generated/schema.js";
import { DevRevUsageError } from "./errors.js";
import { isTokenType, parseTokenType, tokenTypes } from "./token-types.js";

/** The JSON body of `selfDelete`, as the contract defines it. */
export type SelfDeleteRequest = components["schemas"]["auth-tokens-self-delete-request"];

const selfDelete = operations["auth-tokens-self-delete"];
const knownFields: readonly string[] = selfDelete.requestFields;

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;

/** Returns the body to send (`{}` when none is given) or throws saying what is allowed. */
export function checkedSelfDeleteBody(body: unknown): SelfDeleteRequest {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new DevRevUsageError(
      `selfDelete expects an object like { requested_token_type: "${tokenTypes[0]}" } (or nothing), got ${describe(body)}.`,
    );
  }
  for (const field of Object.keys(body)) {
    if (!knownFields.includes(field)) {
      throw new DevRevUsageError(
        `selfDelete does not know the field "${field}"; allowed fields: ${knownFields.join(", ")}.`,
      );
    }
  }
  const type = (body as Record<string, unknown>).requested_token_type;
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

// setTimeout stores delays in a signed 32-bit integer; anything larger fires at once.
const maxTimerMs = 2 ** 31 - 1;

/** A duration option: a finite number of ms from `min` up to what a timer can hold. */
export function checkedMs(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > maxTimerMs) {
    throw new DevRevUsageError(
      `${name} must be a number of milliseconds from ${min} to ${maxTimerMs}, got ${describe(value) === "number" ? value : describe(value)}.`,
    );
  }
  return value;
}

/** A retry count: a whole number from 0 to 10. */
export function checkedRetries(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10) {
    throw new DevRevUsageError(
      `maxRetries must be a whole number from 0 to 10, got ${typeof value === "number" ? value : describe(value)}.`,
    );
  }
  return value;
}

/** A URL as it may be shown: any `user:password@` is replaced, so a message never repeats it. */
function withoutCredentials(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.replace(/\/\/[^/?#]*@/, "//[credentials]@"));
}

/**
 * The base URL, parsed; trailing slashes are dropped so paths join cleanly. Credentials in it
 * are refused: `fetch` rejects such URLs, and every attempt would fail as a retried network
 * error repeating the password (issue 10).
 */
export function checkedBaseUrl(value: unknown): URL {
  let url: URL | undefined;
  if (typeof value === "string") {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (url && (url.username || url.password)) {
    throw new DevRevUsageError(
      `baseUrl must not hold credentials (user:password@); the token is the only credential sent. Got ${withoutCredentials(value)}.`,
    );
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    throw new DevRevUsageError(
      `baseUrl must be an absolute http(s) URL without query or fragment, such as "https://api.devrev.ai"; got ${withoutCredentials(value)}.`,
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
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DevRevUsageError(
      `headers must be an object of header names to string values, got ${describe(value)}.`,
    );
  }
  for (const [name, field] of Object.entries(value)) {
    if (name.toLowerCase() === "authorization") {
      throw new DevRevUsageError(
        "headers must not hold Authorization; pass the token with the `token` option.",
      );
    }
    if (!headerName.test(name)) {
      throw new DevRevUsageError(
        `headers: ${JSON.stringify(name)} is not a valid header name (RFC 9110 token characters only).`,
      );
    }
    if (typeof field !== "string" || badHeaderValue.test(field)) {
      throw new DevRevUsageError(
        `headers: the value of ${name} must be a string without CR, LF or NUL, got ${describe(field)}.`,
      );
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
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new DevRevUsageError(`${call} expects an options object, got ${describe(options)}.`);
  }
  for (const name of Object.keys(options)) {
    if (!allowed.includes(name)) {
      throw new DevRevUsageError(
        `${call} does not take the option "${name}"; allowed options: ${allowed.join(", ")}.`,
      );
    }
  }
}

/** Checks a function-valued option. */
export function checkedFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function") {
    throw new DevRevUsageError(`${name} must be a function, got ${describe(value)}.`);
  }
  return value;
}
