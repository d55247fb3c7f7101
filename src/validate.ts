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

/** The base URL, parsed; trailing slashes are dropped so paths join cleanly. */
export function checkedBaseUrl(value: unknown): URL {
  let url: URL | undefined;
  if (typeof value === "string") {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    throw new DevRevUsageError(
      `baseUrl must be an absolute http(s) URL without query or fragment, such as "https://api.devrev.ai"; got ${JSON.stringify(value) ?? String(value)}.`,
    );
  }
  return url;
}

/** Checks a function-valued option. */
export function checkedFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function") {
    throw new DevRevUsageError(`${name} must be a function, got ${describe(value)}.`);
  }
  return value;
}
