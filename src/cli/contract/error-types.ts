/**
 * The error `type`s one error-body schema admits, each with the body it describes. DevRev folds
 * a shared base in with allOf and lists closed variants under a discriminated oneOf; this
 * contract keeps one open base. Both come down to the same answer: "a 403 body has type
 * `forbidden` and may carry message and detail".
 */
import { type Node, UnreadableSpecError, resolveRef } from "./document.js";
import { type ObjectView, literals, objectView } from "./fields.js";

/** One way a body may look: the `type`s it admits (undefined: any) and its joined fields. */
interface Branch {
  types: string[] | undefined;
  view: ObjectView;
}

/** Adds `schemas` to a property's, each once (sixteen variants share one base). */
function addSchemas(properties: Map<string, Node[]>, name: string, schemas: Node[]): void {
  const known = properties.get(name) ?? [];
  properties.set(name, [...known, ...schemas.filter((schema) => !known.includes(schema))]);
}

function merge(a: Branch, b: Branch): Branch {
  const properties = new Map(a.view.properties);
  for (const [name, schemas] of b.view.properties) addSchemas(properties, name, schemas);
  const types =
    a.types === undefined
      ? b.types
      : b.types === undefined
        ? a.types
        : a.types.filter((t) => b.types!.includes(t));
  return {
    types,
    view: { properties, required: new Set([...a.view.required, ...b.view.required]) },
  };
}

/** Every branch of `node`: allOf multiplies out, oneOf/anyOf add alternatives. */
function branches(doc: Node, node: Node | undefined, depth = 0): Branch[] {
  if (depth > 32) throw new UnreadableSpecError("schema nesting too deep (a reference cycle?)");
  const schema = resolveRef(doc, node) ?? {};
  const own: Branch = {
    types: literals(doc, schema.properties?.type),
    view: objectView(doc, { properties: schema.properties ?? {}, required: schema.required ?? [] }),
  };
  let result: Branch[] = [own];
  for (const part of schema.allOf ?? []) {
    const parts = branches(doc, part, depth + 1);
    result = result.flatMap((r) => parts.map((p) => merge(r, p)));
  }
  const alternatives: Node[] | undefined = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const mapping: Record<string, string> =
      schema.discriminator?.propertyName === "type" ? (schema.discriminator.mapping ?? {}) : {};
    const expanded = alternatives.flatMap((alternative) =>
      branches(doc, alternative, depth + 1).map((branch) => {
        // DevRev's empty variants carry their `type` only in the parent's discriminator mapping.
        const mapped = Object.keys(mapping).filter((key) => mapping[key] === alternative.$ref);
        return branch.types === undefined && mapped.length ? { ...branch, types: mapped } : branch;
      }),
    );
    result = result.flatMap((r) => expanded.map((e) => merge(r, e)));
  }
  return result;
}

/** The name an error body without an enumerated `type` is listed under. */
export const anyType = "(any type)";

/**
 * Error `type` → the body of that type, for one response body schema. A field is required for
 * a type when every branch of that type requires it.
 *
 * @example
 * ```ts
 * Object.keys(errorTypeViews(doc, { $ref: "#/components/schemas/error-forbidden" })); // ["forbidden"]
 * ```
 */
export function errorTypeViews(doc: Node, schema: Node): Record<string, ObjectView> {
  const byType: Record<string, ObjectView> = {};
  for (const branch of branches(doc, schema)) {
    for (const type of branch.types ?? [anyType]) {
      const seen = byType[type];
      if (!seen) {
        byType[type] = {
          properties: new Map(branch.view.properties),
          required: new Set(branch.view.required),
        };
        continue;
      }
      for (const [name, schemas] of branch.view.properties)
        addSchemas(seen.properties, name, schemas);
      for (const name of seen.required)
        if (!branch.view.required.has(name)) seen.required.delete(name);
    }
  }
  return byType;
}
