/**
 * Reading `--type` the way people type it: short form or URN, in any case, and when
 * it is none of the contract's types, the nearest ones first. Reading is forgiving; revoking is
 * not: nothing here ever picks a type the user did not name exactly (up to case).
 */
import { editDistance } from "../suggest.js";
import { table } from "./output.js";
import {
  shortTokenType,
  shownTypeInput,
  tokenTypes,
  typeMarker,
  type TokenType,
} from "../token-types.js";

/** What `--type` named: a token type, or what to suggest instead. */
export type TokenTypeArg =
  { type: TokenType } | { type?: undefined; suggestions: TokenType[]; shown: string | undefined };

/**
 * The token type `input` names as a URN or short form, trimmed: as typed, else in any case when
 * that names exactly one; `undefined` when it names none (or two that differ only in case). (`verify` checks its probes in any case, against every type.)
 *
 * @example
 * ```ts
 * matchTokenType(" PAT "); // "urn:devrev:params:oauth:token-type:pat"
 * ```
 */
export function matchTokenType(
  input: string,
  types: readonly TokenType[] = tokenTypes,
): TokenType | undefined {
  const trimmed = input.trim();
  // As typed first: a contract may one day hold two types that differ only in case, and then
  // the one named exactly is the one meant.
  const exact = types.find((type) => type === trimmed || shortTokenType(type) === trimmed);
  if (exact) return exact;
  const wanted = trimmed.toLowerCase();
  const alike = types.filter(
    (type) => type.toLowerCase() === wanted || shortTokenType(type).toLowerCase() === wanted,
  );
  // Any case, but only when that names one type: never a guess between two.
  return alike.length === 1 ? alike[0] : undefined;
}

/**
 * Resolves `--type`: a URN or short form, case-insensitively. Otherwise the nearest types: the
 * fewest edits (two at most) from the short form, a type that starts with what was typed
 * counting as one.
 *
 * @example
 * ```ts
 * readTokenTypeArg("PAT"); // { type: "urn:devrev:params:oauth:token-type:pat" }
 * readTokenTypeArg("patt").suggestions; // ["urn:devrev:params:oauth:token-type:pat", …]
 * ```
 */
export function readTokenTypeArg(input: string): TokenTypeArg {
  const exact = matchTokenType(input);
  if (exact) return { type: exact };
  const wanted = input.trim().toLowerCase();
  // A mistyped URN is compared by its short form, like everything else.
  const marker = wanted.lastIndexOf(typeMarker);
  const short = marker < 0 ? wanted : wanted.slice(marker + typeMarker.length);
  const ranked = tokenTypes
    .map((type) => {
      const candidate = shortTokenType(type).toLowerCase();
      const distance = editDistance(short, candidate);
      const prefix = short.length >= 2 && candidate.startsWith(short);
      return { type, score: prefix ? Math.min(distance, 1) : distance };
    })
    .filter(({ score }) => score <= 2)
    .sort((a, b) => a.score - b.score);
  // Only the nearest: "patt" is one edit from pat, and two from aat, gat and rat.
  const best = ranked[0]?.score;
  return {
    suggestions: ranked.filter(({ score }) => score === best).map(({ type }) => type),
    shown: shownTypeInput(input),
  };
}

/** Every token type as `short form  URN` lines, for help and usage errors. */
export function tokenTypeLines(indent = "  "): string[] {
  return table(
    tokenTypes.map((type) => [shortTokenType(type), type]),
    indent,
  );
}
