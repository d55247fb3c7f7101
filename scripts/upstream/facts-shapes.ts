/**
 * Schemas in the notation of DevRev's contract facts (test/fixtures/devrev-contract-facts.txt):
 * `{ a?: string; b: x }`, `"a" | "b"`, `x[]`, `string (format id)`, `A AND B`, `one of [...] by X`.
 * Every keyword that holds a value to something is written out, or the schema is refused: facts
 * that leave a constraint out would be wrong facts, written silently.
 */
import { type Node, UnreadableSpecError } from "../../src/cli/contract/document.ts";

// `format: text` marks free text in DevRev's spec; the facts leave it out, as it constrains nothing.
const silentFormats = new Set(["text"]);
const nameOf = (ref: string) => ref.split("/").at(-1)!;

/** Keywords that only annotate (OpenAPI 3.1 section 4.8.24, JSON Schema's meta-data). */
const annotations = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "discriminator",
  "$comment",
]);
/** Keywords written as notes after the type: `string (format id, maxLength 64)`. */
const noted = [
  "maxLength",
  "minLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "nullable",
];
/** Keywords the notation writes in a form of its own. */
const structural = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "items",
  "format",
  "properties",
  "required",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
]);

/** Throws for a keyword of `node` the notation cannot say (`not`, `if`, `patternProperties`…). */
function assertSayable(node: Node): void {
  for (const keyword of Object.keys(node))
    if (
      !keyword.startsWith("x-") &&
      !annotations.has(keyword) &&
      !structural.has(keyword) &&
      !noted.includes(keyword)
    )
      throw new UnreadableSpecError(
        `the contract facts have no notation for ${JSON.stringify(keyword)} (in ${JSON.stringify(node).slice(0, 120)}): extend scripts/upstream/facts-shapes.ts to write it, or the facts would leave it out`,
      );
}

const notesOf = (node: Node) =>
  [
    typeof node.format === "string" && !silentFormats.has(node.format)
      ? `format ${node.format}`
      : undefined,
    ...noted.map((keyword) =>
      node[keyword] === undefined
        ? undefined
        : `${keyword} ${typeof node[keyword] === "string" ? JSON.stringify(node[keyword]) : node[keyword]}`,
    ),
  ].filter((note) => note !== undefined);

/** Anything but what the notation writes in a form of its own beside a `$ref`. */
const besideRef = (node: Node) =>
  Object.keys(node).filter(
    (k) => k !== "$ref" && !annotations.has(k) && !k.startsWith("x-") && k !== "format",
  );

/** Whether the notation writes `node` as an object: `{ … }`, with its alternatives. */
const objectLike = (node: Node) =>
  node.type === "object" ||
  ["properties", "required", "oneOf", "anyOf"].some((keyword) => node[keyword] !== undefined);

/** A list of schemas: `(a, b)`. */
const listed = (nodes: Node[]) => `(${nodes.map(renderType).join(", ")})`;

/**
 * A property's schema: `string (format id)`, `x[]`, `"a" | "b"`, a schema's name, an inline
 * object, or `one of (a, b)` / `any of (…)` / `all of (…)` for what combines schemas.
 *
 * @example
 * ```ts
 * renderType({ type: "integer", format: "int64" }); // "integer (format int64)"
 * ```
 */
export function renderType(node: Node): string {
  assertSayable(node);
  if (typeof node.$ref === "string") {
    // OpenAPI 3.1 keeps keywords beside a $ref: the facts keep them too.
    if (!besideRef(node).length) return nameOf(node.$ref);
    const { $ref, ...rest } = node;
    return `all of ${listed([{ $ref }, rest])}`;
  }
  const combined = (["allOf", "oneOf", "anyOf"] as const).filter((k) => Array.isArray(node[k]));
  if (combined.length) {
    const { allOf, oneOf, anyOf, ...rest } = node;
    const parts = [
      ...(allOf ? [`all of ${listed(allOf)}`] : []),
      ...(oneOf ? [`one of ${listed(oneOf)}`] : []),
      ...(anyOf ? [`any of ${listed(anyOf)}`] : []),
    ];
    const own = Object.keys(rest).some((k) => !annotations.has(k) && !k.startsWith("x-"));
    return [...(own ? [renderType(rest)] : []), ...parts].join(" AND ");
  }
  if (Array.isArray(node.enum)) return node.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.type === "array") return `${renderType(node.items ?? {})}[]`;
  if (node.properties || node.required || typeof node.additionalProperties === "object")
    return renderObject(node, true);
  const notes = notesOf(node);
  const type = Array.isArray(node.type) ? node.type.join(" | ") : String(node.type ?? "any");
  return notes.length ? `${type} (${notes.join(", ")})` : type;
}

/** `{ a?: string; b: x }`, closed or not, with its alternatives (discriminated or not). */
function renderObject(schema: Node, inAllOf: boolean): string {
  assertSayable(schema);
  const required = new Set<string>(schema.required ?? []);
  const properties = Object.entries<Node>(schema.properties ?? {});
  const fields = [
    ...properties.map(
      ([name, property]) => `${name}${required.has(name) ? "" : "?"}: ${renderType(property)}`,
    ),
    // A name required with no property for it: a field of any type.
    ...[...required].filter((name) => !schema.properties?.[name]).map((name) => `${name}: any`),
  ];
  let text = `{ ${fields.join("; ")} }`;
  if (schema.additionalProperties === false) text += " (additionalProperties: false)";
  else if (typeof schema.additionalProperties === "object")
    text += ` (additionalProperties: ${renderType(schema.additionalProperties)})`;
  const notes = notesOf(schema).filter((note) => !note.startsWith("format "));
  if (notes.length) text += ` (${notes.join(", ")})`;
  for (const keyword of ["oneOf", "anyOf"] as const) {
    if (!Array.isArray(schema[keyword])) continue;
    const variants = schema[keyword].map((branch: Node) =>
      typeof branch.$ref === "string" && !besideRef(branch).length
        ? nameOf(branch.$ref)
        : renderType(branch),
    );
    const by = schema.discriminator?.propertyName;
    const kind = keyword === "oneOf" ? "one of" : "any of";
    text += `${inAllOf ? "" : " AND"} ${kind} [${variants.join(", ")}]${by ? ` by "${by}"` : ""}`;
  }
  if (Array.isArray(schema.allOf)) text += ` AND all of ${listed(schema.allOf)}`;
  return text;
}

/**
 * One schema as a line of the Shapes section.
 *
 * @example
 * ```ts
 * renderShape("error-base", { type: "object", properties: { message: { type: "string" } } });
 * // "error-base = { message?: string }"
 * ```
 */
export function renderShape(name: string, schema: Node): string {
  assertSayable(schema);
  if (Array.isArray(schema.enum))
    return `${name} = ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ")}`;
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const own = Object.keys(rest).some((k) => !annotations.has(k) && !k.startsWith("x-"));
    const parts = [...allOf, ...(own ? [rest] : [])].map((part: Node) =>
      typeof part.$ref === "string" && !besideRef(part).length
        ? nameOf(part.$ref)
        : objectLike(part)
          ? renderObject(part, true)
          : renderType(part),
    );
    return `${name} = ${parts.join(" AND ")}`;
  }
  if (objectLike(schema)) return `${name} = ${renderObject(schema, false)}`;
  return `${name} = ${renderType(schema)}`;
}
