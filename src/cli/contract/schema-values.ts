/**
 * What a schema holds a value to, beyond its fields: its JSON types, the literal values it allows
 * (`enum`, `const`, less what `not` excludes), its format and the constraints a client may depend
 * on (`minimum`, `maxLength`, `pattern`, `additionalProperties`…). Every part of a conjunction
 * holds (`allOf`, `$ref` and what sits beside it), so the allowed values are the intersection of
 * all of them, and the alternatives of a oneOf/anyOf their union.
 */
import { type Node } from "./document.js";
import { type Reader, alternativesOf, partsOf, remembered } from "./schema-parts.js";
import { type Constraints, constraintsOfPart, looser, tighter } from "./schema-constraints.js";

export {
  constraintKeywords,
  type ConstraintValue,
  type Constraints,
} from "./schema-constraints.js";

/** What a value must be, as far as a client depends on it. */
export interface ValueFacts {
  /** Its JSON types (`integer` within `number`); undefined when any type will do. */
  types: Set<string> | undefined;
  /** The values it may take, by their JSON text (`"a"`, `null`, `1`); undefined when not listed. */
  values: Map<string, unknown> | undefined;
  constraints: Constraints;
  /** Its formats (DevRev's `text` left out: it constrains nothing). */
  formats: Set<string>;
  deprecated: boolean;
}

/** What one part says on its own, before the parts are joined. */
interface PartFacts extends ValueFacts {
  /** OpenAPI 3.0's `nullable: true`: null too. */
  nullable: boolean;
  /** Values its `not` excludes. */
  excluded: Map<string, unknown> | undefined;
  /** What its keywords imply it is when it gives no `type` (`properties`: an object). */
  implied: Set<string>;
}

// `format: text` marks free text in DevRev's spec: no JSON Schema format, it constrains nothing.
const unconstrainingFormats = new Set(["text"]);
const objectKeywords = ["properties", "required", "additionalProperties", "patternProperties"];

/** A value's JSON type, integers apart (JSON Schema 2020-12, section 6.1.1). */
export const jsonTypeOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : typeof value === "number"
        ? Number.isInteger(value)
          ? "integer"
          : "number"
        : typeof value;

const literalsOf = (values: unknown[]) =>
  new Map(values.map((value) => [JSON.stringify(value), value] as const));

function intersect<T>(a: Map<string, T> | undefined, b: Map<string, T> | undefined) {
  if (!a || !b) return a ?? b;
  return new Map([...a].filter(([key]) => b.has(key)));
}

/** Types both allow: an integer is a number, so `number` and `integer` leave `integer`. */
function intersectTypes(a: Set<string> | undefined, b: Set<string> | undefined) {
  if (!a || !b) return a ?? b;
  const both = new Set<string>();
  for (const type of a) {
    if (b.has(type)) both.add(type);
    else if (type === "integer" && b.has("number")) both.add(type);
    else if (type === "number" && b.has("integer")) both.add("integer");
  }
  return both;
}

function ownFacts(reader: Reader, part: Node): PartFacts {
  return remembered(
    reader,
    "own",
    part,
    () => {
      const declared: unknown[] = Array.isArray(part.type)
        ? part.type
        : part.type
          ? [part.type]
          : [];
      const listed =
        part.const !== undefined
          ? literalsOf([part.const])
          : Array.isArray(part.enum)
            ? literalsOf(part.enum)
            : undefined;
      const types = declared.length
        ? new Set(declared.map(String))
        : listed
          ? new Set([...listed.values()].map(jsonTypeOf))
          : undefined;
      const implied = new Set<string>();
      if (objectKeywords.some((keyword) => part[keyword] !== undefined)) implied.add("object");
      if (part.items !== undefined) implied.add("array");
      const constraints = constraintsOfPart(part, (node) => typeText(valueFacts(reader, [node])));
      let excluded: Map<string, unknown> | undefined;
      if (part.not !== undefined) {
        const not = valueFacts(reader, [part.not]);
        if (not.values) excluded = not.values;
        else constraints.not = `not ${typeText(not)}`;
      }
      return {
        types,
        values: listed,
        constraints,
        formats: new Set(
          typeof part.format === "string" && !unconstrainingFormats.has(part.format)
            ? [part.format]
            : [],
        ),
        deprecated: part.deprecated === true,
        nullable: part.nullable === true,
        excluded,
        implied,
      };
    },
    unknown,
  );
}
const unknown: PartFacts = {
  types: undefined,
  values: undefined,
  constraints: {},
  formats: new Set(),
  deprecated: false,
  nullable: false,
  excluded: undefined,
  implied: new Set(),
};

/** A value one of `alternatives` describes: each fact the union of theirs. */
function eitherFacts(reader: Reader, alternatives: Node[]): ValueFacts {
  return remembered(
    reader,
    "either",
    alternatives,
    () => {
      const each = alternatives.map((alternative) => valueFacts(reader, [alternative]));
      const [first, ...rest] = each;
      const union: ValueFacts = { ...first!, formats: new Set(first!.formats) };
      for (const facts of rest) {
        union.types = union.types && facts.types && new Set([...union.types, ...facts.types]);
        union.values = union.values && facts.values && new Map([...union.values, ...facts.values]);
        union.constraints = looser(union.constraints, facts.constraints);
        for (const format of union.formats)
          if (!facts.formats.has(format)) union.formats.delete(format);
        union.deprecated &&= facts.deprecated;
      }
      return union;
    },
    unknown,
  );
}

/**
 * What holds of a value every one of `nodes` describes: the intersection of what each part and
 * each of their oneOf/anyOf lists allows, less what a `not` excludes.
 *
 * @example
 * ```ts
 * valueFacts(readerOf(doc), [{ allOf: [{ $ref: "#/components/schemas/token-type" }, { enum: ["pat"] }] }]).values;
 * // Map { '"pat"' => "pat" } when token-type lists it
 * ```
 */
export function valueFacts(reader: Reader, nodes: readonly Node[]): ValueFacts {
  if (nodes.length !== 1) return joinedFacts(reader, nodes);
  return remembered(reader, "facts", nodes[0]!, () => joinedFacts(reader, nodes), unknown);
}

function joinedFacts(reader: Reader, nodes: readonly Node[]): ValueFacts {
  let types: Set<string> | undefined;
  let values: Map<string, unknown> | undefined;
  let excluded = new Map<string, unknown>();
  let constraints: Constraints = {};
  const formats = new Set<string>();
  const implied = new Set<string>();
  let nullable = false;
  let deprecated = false;
  const join = (facts: ValueFacts) => {
    types = intersectTypes(types, facts.types);
    values = intersect(values, facts.values);
    constraints = tighter(constraints, facts.constraints);
    for (const format of facts.formats) formats.add(format);
    deprecated ||= facts.deprecated;
  };
  for (const part of partsOf(reader, nodes)) {
    const own = ownFacts(reader, part);
    join(own);
    nullable ||= own.nullable;
    for (const value of own.implied) implied.add(value);
    if (own.excluded) excluded = new Map([...excluded, ...own.excluded]);
    for (const alternatives of alternativesOf(part)) join(eitherFacts(reader, alternatives));
  }
  if (!types && implied.size) types = implied;
  // OpenAPI 3.0's `nullable` beside (or around, by allOf) a typed schema: null as well.
  if (types && nullable) types = new Set([...types, "null"]);
  if (types?.has("number")) types.delete("integer");
  // Values stay as listed, whatever the type says: a generated client types its field by them.
  if (values) values = new Map([...values].filter(([key]) => !excluded.has(key)));
  else if (excluded.size)
    constraints = tighter(constraints, { not: `not one of ${[...excluded.keys()].join(", ")}` });
  return { types, values, constraints, formats, deprecated };
}

/** `integer`, `null|string`, `any` (no type constraint), `none` (no value satisfies it). */
export function typeText(facts: Pick<ValueFacts, "types">): string {
  if (!facts.types) return "any";
  return facts.types.size ? [...facts.types].sort().join("|") : "none";
}
