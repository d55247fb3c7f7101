/**
 * Names for what a test adds to a copy of a spec: a token type, an error type, a schema, a
 * field. Made up here rather than written into tests: a plausible name (say a token type
 * "agent") is one DevRev may publish next, and a test that adds it to a spec that already has
 * it breaks for no fault of the code. Every name shares one stem, a fixed word plus random hex,
 * drawn until it occurs (in any case) in neither our spec nor DevRev's published one, so no
 * fake name can equal, contain or be contained in a name either spec uses.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The specs a fake name must not collide with: ours (source and bundle) and DevRev's copies. */
export const specFiles = [
  "openapi/devrev-auth-tokens.yaml",
  "generated/openapi.json",
  "test/fixtures/devrev-openapi-public.yaml",
  "test/fixtures/devrev-published-excerpt.json",
].map((file) => path.join(root, file));

/** A name generator; every name it gives is derived from `stem`. */
export interface FakeNames {
  /** The random part every name contains, e.g. `zfake3a9c41d2`. */
  readonly stem: string;
  /** A token-type URN in DevRev's namespace, e.g. `urn:devrev:params:oauth:token-type:zfake3a9c41d2-1`. */
  tokenType(): string;
  /** An error `type` or a field name, snake_case: `zfake3a9c41d2_2`. */
  snake(): string;
  /** A schema or example name, kebab-case: `zfake3a9c41d2-3`. */
  kebab(): string;
}

/**
 * Fake names that occur in none of `texts` (by default the spec files above).
 *
 * @example
 * ```ts
 * const names = fakeNames();
 * spec.components.schemas["auth-token-requested-token-type"].enum.push(names.tokenType());
 * ```
 */
export function fakeNames(
  texts: readonly string[] = specFiles.map((file) => readFileSync(file, "utf8")),
  draw: () => string = () => randomBytes(4).toString("hex"),
): FakeNames {
  const lower = texts.map((text) => text.toLowerCase());
  let stem: string;
  let tries = 0;
  do {
    if (++tries > 100) throw new Error("no fake name stem is free of the specs' names");
    stem = `zfake${draw().toLowerCase()}`;
  } while (lower.some((text) => text.includes(stem)));
  let counter = 0;
  const next = () => ++counter;
  return {
    stem,
    tokenType: () => `urn:devrev:params:oauth:token-type:${stem}-${next()}`,
    snake: () => `${stem}_${next()}`,
    kebab: () => `${stem}-${next()}`,
  };
}
