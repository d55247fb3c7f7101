/**
 * What a schema holds a value to, beyond its type: the literal values it allows (`enum`,
 * `const`) and the constraints a client may depend on (`minimum`, `maxLength`, `pattern`…).
 */
import { type Node, resolveRef } from "./document.js";

const maxDepth = 24;

/** The JSON Schema keywords that hold a value to something a client may depend on. */
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
] as const;

/**
 * The literal values a schema allows (`const` or `enum`; across oneOf/anyOf alternatives, the
 * union of theirs when every one lists some), or undefined when it lists none.
 */
export function literals(doc: Node, node: Node | undefined, depth = 0): string[] | undefined {
  const schema = resolveRef(doc, node);
  if (!schema || depth > maxDepth) return undefined;
  if (schema.const !== undefined) return [String(schema.const)];
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  for (const part of schema.allOf ?? []) {
    const values = literals(doc, part, depth + 1);
    if (values) return values;
  }
  const alternatives: Node[] | undefined = schema.oneOf ?? schema.anyOf;
  if (!alternatives?.length) return undefined;
  const union: string[] = [];
  for (const alternative of alternatives) {
    const values = literals(doc, alternative, depth + 1);
    // One alternative that lists no values admits any: so does the whole.
    if (!values) return undefined;
    union.push(...values.filter((value) => !union.includes(value)));
  }
  return union;
}

/** The constraints of `schemas` (later ones override), undefined when there are none. */
export function constraintsOf(
  doc: Node,
  schemas: Node[],
): Record<string, string | number | boolean> | undefined {
  const found: Record<string, string | number | boolean> = {};
  // OpenAPI 3.1 lets keywords sit beside a `$ref`; they hold as well as the target's.
  for (const schema of schemas.flatMap((node) => [resolveRef(doc, node) ?? {}, node])) {
    for (const keyword of constraintKeywords)
      if (["string", "number", "boolean"].includes(typeof schema[keyword]))
        found[keyword] = schema[keyword];
  }
  return Object.keys(found).length ? found : undefined;
}
