/**
 * What a client depends on in a JSON body, read out of its schema: every field (nested ones as
 * `parent.child`, array items as `list[]`) with its JSON type, format, required-ness and the
 * values it may take. How the schema is written (allOf or inline, `$ref` or not, open or closed)
 * is flattened away, so two specs that model the same body differently give the same fields.
 */
import { type Node, UnreadableSpecError, resolveRef } from "./document.js";
import { constraintsOf, literals } from "./schema-values.js";

export { constraintKeywords, literals } from "./schema-values.js";

/** One field of a body. */
export interface FieldFacts {
  /** The JSON type: `string`, `integer`, `array`… (`a|b` when several; `any` when unconstrained). */
  type: string;
  /** The schema's `format`, if it constrains anything (DevRev's `text` does not). */
  format?: string;
  /** Whether every body must carry it (always true for an array's items). */
  required: boolean;
  /** The values it may take, when its schema lists them (`enum` or `const`). */
  enum?: string[];
  /** What its schema holds a value to: `minimum`, `maxLength`, `pattern`… (see `constraintKeywords`). */
  constraints?: Record<string, string | number | boolean>;
  /** Present when its schema says it is deprecated. */
  deprecated?: true;
}

/** Field path → its facts, parents before their children, in the schema's order. */
export type Fields = Record<string, FieldFacts>;

// `format: text` marks free text in DevRev's spec: no JSON Schema format, it constrains nothing.
const unconstrainingFormats = new Set(["text"]);
const maxDepth = 24;

/** A schema's `allOf` parts joined: each property with every schema given for it, and `required`. */
export interface ObjectView {
  properties: Map<string, Node[]>;
  required: Set<string>;
}

/** Joins `node` and its `allOf` parts (not its `oneOf`/`anyOf` alternatives) into one view. */
export function objectView(doc: Node, node: Node | undefined, depth = 0): ObjectView {
  if (depth > maxDepth)
    throw new UnreadableSpecError("schema nesting too deep (a reference cycle?)");
  const schema = resolveRef(doc, node) ?? {};
  const view: ObjectView = { properties: new Map(), required: new Set(schema.required ?? []) };
  for (const [name, property] of Object.entries<Node>(schema.properties ?? {}))
    view.properties.set(name, [property]);
  for (const part of schema.allOf ?? []) {
    const inner = objectView(doc, part, depth + 1);
    for (const [name, schemas] of inner.properties)
      view.properties.set(name, [...(view.properties.get(name) ?? []), ...schemas]);
    for (const name of inner.required) view.required.add(name);
  }
  return view;
}

/**
 * The properties of the oneOf/anyOf alternatives among `schemas` (and their allOf parts): each
 * with every schema the alternatives give it, required when every alternative that is an object
 * requires it.
 */
function alternativeProperties(
  doc: Node,
  schemas: Node[],
  depth = 0,
): Map<string, { schemas: Node[]; required: boolean }> {
  const found = new Map<string, { schemas: Node[]; required: boolean }>();
  if (depth > maxDepth) return found;
  for (const node of schemas) {
    const schema = resolveRef(doc, node) ?? {};
    for (const [name, entry] of alternativeProperties(doc, schema.allOf ?? [], depth + 1))
      found.set(name, entry);
    // Only the alternatives that are objects: "required" says what such a value always has.
    const alternatives: Node[] = schema.oneOf ?? schema.anyOf ?? [];
    const views = alternatives
      .map((alternative) => objectView(doc, alternative))
      .filter((view) => view.properties.size > 0);
    for (const view of views) {
      for (const [name, parts] of view.properties) {
        const entry = found.get(name) ?? {
          schemas: [],
          required: views.every((v) => v.required.has(name)),
        };
        entry.schemas.push(...parts);
        found.set(name, entry);
      }
    }
  }
  return found;
}

function typeOf(doc: Node, schemas: Node[], depth: number): string {
  const types = new Set<string>();
  let nullable = false;
  for (const node of schemas) {
    const schema = resolveRef(doc, node) ?? {};
    if (schema.nullable === true) nullable = true;
    const declared = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    for (const type of declared) types.add(String(type));
    if (!declared.length && schema.const !== undefined)
      types.add(schema.const === null ? "null" : typeof schema.const);
    if (!declared.length && schema.properties) types.add("object");
    if (!declared.length && schema.allOf && depth < maxDepth)
      for (const type of typeOf(doc, schema.allOf, depth + 1).split("|"))
        if (type !== "any") types.add(type);
    const alternatives: Node[] | undefined = schema.oneOf ?? schema.anyOf;
    if (!declared.length && alternatives && depth < maxDepth)
      for (const type of typeOf(doc, alternatives, depth + 1).split("|")) types.add(type);
  }
  if (nullable) types.add("null");
  // A `type` given by one allOf part is the field's type, whatever another part leaves open.
  if (types.size > 1) types.delete("any");
  return types.size ? [...types].sort().join("|") : "any";
}

function formatOf(doc: Node, schemas: Node[]): string | undefined {
  for (const node of [...schemas].reverse()) {
    const format = resolveRef(doc, node)?.format;
    if (typeof format === "string" && !unconstrainingFormats.has(format)) return format;
  }
  return undefined;
}

/**
 * Adds the facts of the value at `path` (described by every schema in `schemas`) and of
 * everything nested in it to `out`. `refs` holds the references being expanded, so a
 * recursive schema is described once, not forever.
 */
function collect(
  doc: Node,
  schemas: Node[],
  path: string,
  required: boolean,
  out: Fields,
  refs: readonly string[],
): void {
  if (refs.length > maxDepth) return;
  const cycle = schemas.some((s) => typeof s.$ref === "string" && refs.includes(s.$ref));
  const type = cycle ? "(recursive)" : typeOf(doc, schemas, 0);
  const format = formatOf(doc, schemas);
  let values: string[] | undefined;
  for (const schema of schemas) values = literals(doc, schema) ?? values;
  const constraints = constraintsOf(doc, schemas);
  const deprecated = schemas.some(
    (schema) => schema.deprecated === true || resolveRef(doc, schema)?.deprecated === true,
  );
  out[path] = {
    type,
    ...(format ? { format } : {}),
    required,
    ...(values ? { enum: values } : {}),
    ...(constraints ? { constraints } : {}),
    ...(deprecated ? { deprecated: true as const } : {}),
  };
  if (cycle) return;
  const inner = [...refs, ...schemas.flatMap((s) => (typeof s.$ref === "string" ? [s.$ref] : []))];
  const types = type.split("|");
  if (types.includes("object")) {
    const views = schemas.map((schema) => objectView(doc, schema));
    const properties = mergedProperties(views);
    // A field an alternative (oneOf/anyOf branch) adds is a field of the value too.
    for (const [name, entry] of alternativeProperties(doc, schemas)) {
      const known = properties.get(name);
      if (known) known.schemas.push(...entry.schemas);
      else properties.set(name, entry);
    }
    for (const [name, parts] of properties)
      collect(doc, parts.schemas, `${path}.${name}`, parts.required, out, inner);
  }
  if (types.includes("array")) {
    const items = schemas.flatMap((s) => {
      const item = resolveRef(doc, s)?.items;
      return item ? [item] : [];
    });
    if (items.length) collect(doc, items, `${path}[]`, true, out, inner);
  }
}

function mergedProperties(
  views: ObjectView[],
): Map<string, { schemas: Node[]; required: boolean }> {
  const merged = new Map<string, { schemas: Node[]; required: boolean }>();
  for (const view of views) {
    for (const [name, schemas] of view.properties) {
      const entry = merged.get(name) ?? { schemas: [], required: false };
      entry.schemas.push(...schemas);
      entry.required ||= view.required.has(name);
      merged.set(name, entry);
    }
  }
  return merged;
}

/**
 * The fields of an object described by `view` (top-level names, then nested paths), leaving
 * out `skip` (an error body's `type`, which is compared as the error's name instead).
 *
 * @example
 * ```ts
 * fieldsOfView(doc, objectView(doc, schema)); // { retry_after: { type: "integer", format: "int64", required: false } }
 * ```
 */
export function fieldsOfView(doc: Node, view: ObjectView, skip: readonly string[] = []): Fields {
  const out: Fields = {};
  for (const [name, schemas] of view.properties) {
    if (skip.includes(name)) continue;
    collect(doc, schemas, name, view.required.has(name), out, []);
  }
  return out;
}

/** The fields of an object schema (its `allOf` joined, its alternatives' fields among them). */
export function fieldsOf(doc: Node, schema: Node | undefined): Fields {
  const view = objectView(doc, schema);
  for (const [name, entry] of schema ? alternativeProperties(doc, [schema]) : []) {
    if (view.properties.has(name)) view.properties.get(name)!.push(...entry.schemas);
    else view.properties.set(name, entry.schemas);
    if (entry.required) view.required.add(name);
  }
  return fieldsOfView(doc, view);
}

/**
 * The facts of one value (a parameter, a header, a whole body) under `name`, and of everything
 * nested in it as `name.child`.
 *
 * @example
 * ```ts
 * fieldsOfValue(doc, "retry-after", { type: "integer" }, false); // { "retry-after": { type: "integer", required: false } }
 * ```
 */
export function fieldsOfValue(doc: Node, name: string, schema: Node, required: boolean): Fields {
  const out: Fields = {};
  collect(doc, [schema], name, required, out, []);
  return out;
}
