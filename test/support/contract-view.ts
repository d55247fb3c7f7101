/**
 * The bundled contract, read the way the facts are written: objects with their fields, enums
 * with their values, the values a discriminator admits, and a sample body a schema accepts.
 */
import { createContractValidator } from "./contract.ts";
import { parentOf, isErrorBody, errorBase } from "./facts-file.ts";

// ---- The contract, read -----------------------------------------------------------------------

export const contract = createContractValidator();
export const spec = contract.spec;
export const schemas = spec.components.schemas!;

export const refTo = (name: string) => `#/components/schemas/${name}`;
export const nameOf = (ref: string) => {
  if (!ref.startsWith("#/components/schemas/")) throw new Error(`unexpected reference ${ref}`);
  return ref.slice("#/components/schemas/".length);
};
export const deref = (node: any): any => {
  while (node?.$ref) node = schemas[nameOf(node.$ref)];
  return node;
};

/** A schema and everything it joins with allOf, references resolved, itself first. */
export const allOfParts = (node: any): any[] => {
  const schema = deref(node);
  return [schema, ...(schema.allOf ?? []).flatMap(allOfParts)];
};

/** What an object schema amounts to once its allOf parts are joined. */
export function objectView(node: any) {
  const parts = allOfParts(node);
  const properties = new Map<string, any[]>();
  const required = new Set<string>();
  for (const part of parts) {
    for (const [name, schema] of Object.entries<any>(part.properties ?? {})) {
      properties.set(name, [...(properties.get(name) ?? []), schema]);
    }
    for (const name of part.required ?? []) required.add(name);
  }
  return {
    properties,
    required,
    closed: parts.some(
      (p) => p.additionalProperties === false || p.unevaluatedProperties === false,
    ),
    oneOf: parts.flatMap((p) => (p.oneOf ?? []).map((branch: any) => nameOf(branch.$ref))),
    discriminators: parts.flatMap((p) => (p.discriminator ? [p.discriminator] : [])),
  };
}

/** A property's schema in the facts' notation: `string (format id)`, `x[]`, `"a" | "b"`, a schema name. */
export function render(node: any): string {
  if (node.$ref) return nameOf(node.$ref);
  if (node.enum) return node.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.type === "array") return `${render(node.items)}[]`;
  const notes = [
    node.format !== undefined ? `format ${node.format}` : undefined,
    node.maxLength !== undefined ? `maxLength ${node.maxLength}` : undefined,
  ].filter((note) => note !== undefined);
  return notes.length ? `${node.type} (${notes.join(", ")})` : String(node.type);
}

export const literals = (node: any): string[] | undefined => {
  const schema = deref(node);
  if (schema.const !== undefined) return [String(schema.const)];
  return schema.enum?.map(String);
};

/** The values `property` may take in a body matching `node`: allOf narrows, oneOf widens. */
export function admitted(node: any, property: string): string[] | undefined {
  const schema = deref(node);
  let allowed: string[] | undefined;
  const narrow = (values: string[] | undefined) => {
    if (values) allowed = allowed ? allowed.filter((v) => values.includes(v)) : values;
  };
  if (schema.properties?.[property]) narrow(literals(schema.properties[property]));
  for (const part of schema.allOf ?? []) narrow(admitted(part, property));
  const branches: (string[] | undefined)[] = (schema.oneOf ?? []).map((b: any) =>
    admitted(b, property),
  );
  if (branches.length && branches.every((b): b is string[] => b !== undefined)) {
    narrow([...new Set(branches.flat())]);
  }
  return allowed;
}

/** A smallest value a schema accepts: every required property, each with a plain value. */
export function sample(node: any): unknown {
  const schema = deref(node);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.type === "array") return [];
  if (schema.type === "string") return "x";
  if (schema.type === "boolean") return false;
  if (schema.type === "integer" || schema.type === "number") return 0;
  const view = objectView(node);
  // The last definition of a property is the most specific one (a variant's `const` type
  // comes after error-base's plain string).
  return Object.fromEntries(
    [...view.required].map((name) => [name, sample(view.properties.get(name)?.at(-1) ?? {})]),
  );
}

/** The value a folded variant stands for, read from its name (see the header comment). */
export const foldedValue = (parent: string, variant: string, values: string[]) =>
  values.find((value) => `${parent}-${value.replaceAll("_", "-")}` === variant);

/**
 * The properties a shape has without listing them: a variant its discriminator; an error body
 * error-base's fields and `type` (which the contract declares in error-base itself, since every
 * error body requires it, while the facts list it per status).
 */
export function inheritedFields(name: string): Set<string> {
  const inherited = new Set<string>();
  const variantOf = parentOf.get(name);
  if (variantOf) inherited.add(variantOf.by);
  if (name === "error-base" || isErrorBody(name)) {
    for (const field of ["type", ...errorBase.fields.map((f) => f.name)]) inherited.add(field);
  }
  return inherited;
}

export const baseFields = {
  message: "A human-readable explanation.",
  detail: "More, for debugging.",
};
