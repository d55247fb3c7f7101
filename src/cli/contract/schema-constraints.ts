/**
 * The constraints of a schema a client may depend on (`minimum`, `maxLength`, `pattern`,
 * `additionalProperties: false`…), read from one part, and joined: across the parts of a
 * conjunction the tighter bound holds (and every pattern), across alternatives the looser one,
 * and only what every alternative has.
 */
import type { Node } from "./document.js";

/** A constraint's value: a bound, a flag, a pattern, or several patterns (all of which hold). */
export type ConstraintValue = string | number | boolean | readonly (string | number)[];

/** Keyword → what it holds the value to. */
export type Constraints = Record<string, ConstraintValue>;

const lowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const upperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
const numbers = [...lowerBounds, ...upperBounds, "multipleOf"];
const flags = ["uniqueItems", "exclusiveMinimum", "exclusiveMaximum"];

/**
 * The keywords compared, in the order their differences are told: bounds on numbers, strings,
 * lists and objects; whether an object may hold other properties than it names; what `not`
 * excludes where it cannot be told as values.
 */
export const constraintKeywords = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "additionalProperties",
  "patternProperties",
  "not",
] as const;

/**
 * What `part` alone holds a value to. `describe` says what a schema inside it allows (an
 * `additionalProperties` or `patternProperties` schema), in the words of a type.
 */
export function constraintsOfPart(part: Node, describe: (schema: Node) => string): Constraints {
  const found: Constraints = {};
  for (const keyword of numbers)
    if (typeof part[keyword] === "number") found[keyword] = part[keyword];
  // OpenAPI 3.0's exclusiveMinimum/exclusiveMaximum are flags on minimum/maximum.
  for (const keyword of flags) if (part[keyword] === true) found[keyword] = true;
  if (typeof part.pattern === "string") found.pattern = part.pattern;
  const extra = part.additionalProperties;
  if (extra === false) found.additionalProperties = false;
  else if (typeof extra === "object" && extra !== null && Object.keys(extra).length)
    found.additionalProperties = describe(extra);
  if (typeof part.patternProperties === "object" && part.patternProperties !== null) {
    const entries = Object.entries<Node>(part.patternProperties).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    if (entries.length)
      found.patternProperties = entries.map(([regex, schema]) => `${regex}: ${describe(schema)}`);
  }
  return found;
}

const listOf = (value: ConstraintValue | undefined): (string | number | boolean)[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : [value as string];

/** Constraints that all hold: the tighter bound of two, every pattern, a flag set by either. */
export function tighter(a: Constraints, b: Constraints): Constraints {
  const joined: Constraints = { ...a };
  for (const [keyword, value] of Object.entries(b)) {
    const known = joined[keyword];
    if (known === undefined || JSON.stringify(known) === JSON.stringify(value))
      joined[keyword] = value;
    else if (typeof known === "number" && typeof value === "number" && keyword !== "multipleOf")
      joined[keyword] = lowerBounds.includes(keyword)
        ? Math.max(known, value)
        : Math.min(known, value);
    else if (typeof known === "boolean" && typeof value === "boolean")
      joined[keyword] = known || value;
    else {
      const all = [...new Set([...listOf(known), ...listOf(value)].map((v) => JSON.stringify(v)))]
        .sort()
        .map((text) => JSON.parse(text) as string | number);
      joined[keyword] = all;
    }
  }
  return joined;
}

/** What holds of a value that meets `a` or `b`: what both have, the looser bound of two. */
export function looser(a: Constraints, b: Constraints): Constraints {
  const joined: Constraints = {};
  for (const [keyword, value] of Object.entries(a)) {
    const other = b[keyword];
    if (other === undefined) continue;
    if (JSON.stringify(other) === JSON.stringify(value)) joined[keyword] = value;
    else if (typeof value === "number" && typeof other === "number" && keyword !== "multipleOf")
      joined[keyword] = lowerBounds.includes(keyword)
        ? Math.min(value, other)
        : Math.max(value, other);
  }
  return joined;
}
