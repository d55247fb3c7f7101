/**
 * The token types `selfDelete` can revoke, read from the generated contract, plus the short
 * forms the CLI accepts ("pat" for "urn:devrev:params:oauth:token-type:pat").
 */
import { operations } from "../generated/constants.js";
import type { components } from "../generated/schema.js";

/** One of the token-type URNs of the contract, e.g. `"urn:devrev:params:oauth:token-type:pat"`. */
export type TokenType = components["schemas"]["auth-token-requested-token-type"];

/**
 * Every token type the contract knows, in the contract's order.
 *
 * @example
 * ```ts
 * tokenTypes.includes("urn:devrev:params:oauth:token-type:pat"); // true
 * ```
 */
export const tokenTypes: readonly TokenType[] =
  operations["auth-tokens-self-delete"].requestEnums.requested_token_type;

/** What precedes the short form in every token-type URN. */
export const typeMarker = "token-type:";

/**
 * Whether `value` is one of the contract's token types.
 *
 * @example
 * ```ts
 * isTokenType("pat"); // false: only full URNs are token types
 * ```
 */
export function isTokenType(value: unknown): value is TokenType {
  // includes compares with ===, so anything but one of the strings is not found.
  return (tokenTypes as readonly unknown[]).includes(value);
}

/**
 * The short form of a token type: what follows `token-type:`.
 *
 * @example
 * ```ts
 * shortTokenType("urn:devrev:params:oauth:token-type:session:onetime"); // "session:onetime"
 * ```
 */
export function shortTokenType(type: TokenType): string {
  const at = type.indexOf(typeMarker);
  // A URN of another shape has no short form: it is its own.
  return at < 0 ? type : type.slice(at + typeMarker.length);
}

/**
 * Reads a token type given as a full URN or as its short form; `undefined` when it is neither.
 *
 * @example
 * ```ts
 * parseTokenType("jwt"); // "urn:ietf:params:oauth:token-type:jwt"
 * parseTokenType("urn:devrev:params:oauth:token-type:pat"); // the same URN
 * ```
 */
export function parseTokenType(input: string): TokenType | undefined {
  if (isTokenType(input)) return input;
  return tokenTypes.find((type) => shortTokenType(type) === input);
}

// A type as people write it: letters, digits and the URN's punctuation, not too long. Anything
// else (a long random string, say) may be a token pasted into the wrong place.
const typeLike = /^[a-z0-9:._-]{1,64}$/i;

/**
 * `input` as a message may repeat it when it is not a token type: only if it looks like one
 * (else it may be a token pasted in the wrong place, and is never repeated).
 *
 * @example
 * ```ts
 * shownTypeInput("patt"); // "patt"
 * shownTypeInput("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkb246aWRlbnRpdHk6ZHZydi11cy0xIn0"); // undefined
 * ```
 */
export function shownTypeInput(input: string): string | undefined {
  const trimmed = input.trim();
  return typeLike.test(trimmed) ? trimmed : undefined;
}
