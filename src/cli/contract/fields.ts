/**
 * What a client depends on in a JSON body, read out of its schema: every field (nested ones as
 * `parent.child`, array items as `list[]`) with its JSON type, format, required-ness and the
 * values it may take. How the schema is written (allOf or inline, `$ref` or not) is flattened
 * away, so two specs that model the same body differently give the same fields.
 */
import type { Node } from "./document.js";
import { type ObjectView, shapeOf } from "./object-shapes.js";
import { type Reader, TooLargeError, partsOf } from "./schema-parts.js";
import { type Constraints, typeText, valueFacts } from "./schema-values.js";

export { type ObjectView, objectView } from "./object-shapes.js";

/** One field of a body. */
export interface FieldFacts {
  /** The JSON type: `string`, `integer`, `array`… (`a|b` when several; `any` when unconstrained). */
  type: string;
  /** The schema's `format`, if it constrains anything (DevRev's `text` does not). */
  format?: string;
  /** Whether every body must carry it (always true for an array's items). */
  required: boolean;
  /** The values it may take, each as its JSON text (`"pat"`, `null`), when its schema lists them. */
  enum?: string[];
  /** What its schema holds a value to: `minimum`, `maxLength`, `pattern`… (see `constraintKeywords`). */
  constraints?: Constraints;
  /** Present when its schema says it is deprecated. */
  deprecated?: true;
}

/** Field path → its facts, parents before their children, in the schema's order. */
export type Fields = Record<string, FieldFacts>;

/**
 * Past this many fields in one document's operation, the comparison is refused: a schema
 * reached by many paths (a DAG of `$ref`s) has a field per path, exponentially many, and listing
 * them one by one would not end. DevRev's operation has about a hundred.
 */
export const fieldBudget = 10_000;
/** Past this depth of nesting, refused likewise (a real body is a few levels deep). */
export const depthBudget = 64;

const childPath = (path: string, name: string) => (path ? `${path}.${name}` : name);

function count(reader: Reader, path: string, depth: number): void {
  if (++reader.fields > fieldBudget)
    throw new TooLargeError(
      `more than ${fieldBudget} fields to compare (the last at ${path.slice(0, 200)}): a schema reached by many paths is a field at each of them, and contract-diff does not list that many one by one`,
    );
  if (depth > depthBudget)
    throw new TooLargeError(
      `fields nested more than ${depthBudget} deep (at ${path.slice(0, 200)}…): contract-diff does not compare bodies that deep`,
    );
}

/**
 * Adds the facts of the value at `path` (described by every schema in `schemas`, all of which
 * hold) and of everything nested in it to `out`. `declaring` holds the parts whose properties
 * (or items) lead here: a value described by one of them again is recursive, described once.
 */
function collect(
  reader: Reader,
  schemas: readonly Node[],
  path: string,
  required: boolean,
  out: Fields,
  declaring: ReadonlySet<Node>,
  depth: number,
): void {
  count(reader, path, depth);
  const parts = partsOf(reader, schemas);
  const recursive = parts.some((part) => declaring.has(part));
  const facts = valueFacts(reader, schemas);
  const format = [...facts.formats].sort().join(" & ");
  const constraints = Object.keys(facts.constraints).length ? facts.constraints : undefined;
  out[path] = {
    type: recursive ? "(recursive)" : typeText(facts),
    ...(format ? { format } : {}),
    required,
    ...(facts.values ? { enum: [...facts.values.keys()] } : {}),
    ...(constraints ? { constraints } : {}),
    ...(facts.deprecated ? { deprecated: true as const } : {}),
  };
  if (recursive) return;
  if (facts.types?.has("object")) {
    const shape = shapeOf(reader, schemas);
    for (const [name, property] of shape.properties) {
      const inner = new Set([...declaring, ...property.declaredBy]);
      const at = childPath(path, name);
      collect(reader, property.schemas, at, shape.required.has(name), out, inner, depth + 1);
    }
    requiredOnly(reader, shape, path, out, [], depth);
  }
  if (facts.types?.has("array")) {
    const listing = parts.filter((part) => typeof part.items === "object" && part.items !== null);
    const inner = new Set([...declaring, ...listing]);
    if (listing.length)
      collect(
        reader,
        listing.map((part) => part.items),
        `${path}[]`,
        true,
        out,
        inner,
        depth + 1,
      );
  }
}

/** A name `required` lists with no property for it: a field every body carries, of any type. */
function requiredOnly(
  reader: Reader,
  shape: { properties: Map<string, unknown>; required: Set<string> },
  path: string,
  out: Fields,
  skip: readonly string[],
  depth: number,
): void {
  for (const name of shape.required) {
    if (shape.properties.has(name) || skip.includes(name)) continue;
    count(reader, childPath(path, name), depth + 1);
    out[childPath(path, name)] = { type: "any", required: true };
  }
}

/**
 * The fields of an object described by `view` (top-level names, then nested paths), leaving
 * out `skip` (an error body's `type`, which is compared as the error's name instead).
 *
 * @example
 * ```ts
 * fieldsOfView(reader, objectView(reader, [schema])); // { retry_after: { type: "integer", format: "int64", required: false } }
 * ```
 */
export function fieldsOfView(
  reader: Reader,
  view: ObjectView,
  skip: readonly string[] = [],
): Fields {
  const out: Fields = {};
  for (const [name, schemas] of view.properties) {
    if (skip.includes(name)) continue;
    collect(reader, schemas, name, view.required.has(name), out, new Set(), 1);
  }
  requiredOnly(reader, view, "", out, skip, 0);
  return out;
}

/**
 * The facts of one value (a parameter, a header, a whole body) under `name`, and of everything
 * nested in it as `name.child`; under "" (a body), its fields are named by themselves.
 *
 * @example
 * ```ts
 * fieldsOfValue(reader, "retry-after", { type: "integer" }, false); // { "retry-after": { type: "integer", required: false } }
 * ```
 */
export function fieldsOfValue(
  reader: Reader,
  name: string,
  schema: Node,
  required: boolean,
): Fields {
  const out: Fields = {};
  collect(reader, [schema], name, required, out, new Set(), 0);
  return out;
}
