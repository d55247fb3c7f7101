/**
 * The error `type`s one error-body schema admits, each with the body it describes. DevRev folds
 * a shared base in with allOf and lists closed variants under a discriminated oneOf; this
 * contract keeps one open base. Both come down to the same answer: "a 403 body has type
 * `forbidden` and may carry message and detail".
 */
import type { Node } from "./document.js";
import { type ObjectView, objectView } from "./fields.js";
import {
  type Reader,
  TooLargeError,
  alternativesOf,
  partsOf,
  readerOf,
  remembered,
} from "./schema-parts.js";
import { valueFacts } from "./schema-values.js";

/** One way a body may look: the `type`s it admits (undefined: any) and its joined fields. */
interface Branch {
  types: string[] | undefined;
  view: ObjectView;
}

/** Past this many bodies of distinct `type`s in one schema, it is refused. */
const branchBudget = 4096;

/** Adds `schemas` to a property's, each once (sixteen variants share one base). */
function addSchemas(properties: Map<string, Node[]>, name: string, schemas: Node[]): void {
  const known = properties.get(name) ?? [];
  properties.set(name, [...known, ...schemas.filter((schema) => !known.includes(schema))]);
}

/** A body both branches describe: their fields joined, the `type`s `types` says. */
function merge(a: Branch, b: Branch, types: string[] | undefined): Branch {
  const properties = new Map(a.view.properties);
  for (const [name, schemas] of b.view.properties) addSchemas(properties, name, schemas);
  return {
    types,
    view: { properties, required: new Set([...a.view.required, ...b.view.required]) },
  };
}

/**
 * Branches of the same `type`s as one: their fields joined, a field required when every one
 * requires it. Exact for what `errorTypeViews` tells, and what keeps a schema of seven oneOfs of
 * eight alternatives from becoming eight to the seventh branches.
 */
function grouped(branches: Branch[]): Branch[] {
  const byTypes = new Map<string, Branch>();
  for (const branch of branches) {
    const key = branch.types ? JSON.stringify([...branch.types].sort()) : "*";
    const known = byTypes.get(key);
    if (!known) {
      byTypes.set(key, branch);
      continue;
    }
    const joined = merge(known, branch, known.types);
    joined.view.required = new Set(
      [...known.view.required].filter((n) => branch.view.required.has(n)),
    );
    byTypes.set(key, joined);
  }
  if (byTypes.size > branchBudget)
    throw new TooLargeError(`an error body admits more than ${branchBudget} combinations of types`);
  return [...byTypes.values()];
}

/** The literal `type`s a value of `schemas` may have: strings as they are, others as JSON. */
function typeNames(reader: Reader, schemas: Node[]): string[] | undefined {
  if (!schemas.length) return undefined;
  const values = valueFacts(reader, schemas).values;
  return values && [...values].map(([text, value]) => (typeof value === "string" ? value : text));
}

/** The branches of a schema, and where it lists its `type`s inconsistently. */
interface Branches {
  branches: Branch[];
  /** e.g. `parse_error named by a oneOf alternative, not by the enum of type`. */
  disagreements: string[];
}

/**
 * Every branch of `node`: its parts joined (allOf, `$ref`), each oneOf/anyOf adding
 * alternatives. An alternative that names its `type`s (a `const`, or the parent's discriminator
 * mapping) admits those, and the parent's enum does not take them away, nor does an enum value
 * no alternative names go away: a type DevRev lists in its mapping only, or in its enum only, is
 * a type its bodies may have, and the disagreement is told as well.
 */
function branches(reader: Reader, node: Node): Branches {
  return remembered(
    reader,
    "branches",
    node,
    () => {
      const parts = partsOf(reader, [node]);
      const view = objectView(reader, [node]);
      let result: Branch[] = [
        { types: typeNames(reader, view.properties.get("type") ?? []), view },
      ];
      const disagreements: string[] = [];
      for (const part of parts) {
        const mapping: Record<string, string> =
          part.discriminator?.propertyName === "type" ? (part.discriminator.mapping ?? {}) : {};
        for (const alternatives of alternativesOf(part)) {
          const expanded = grouped(
            alternatives.flatMap((alternative) => {
              const inner = branches(reader, alternative);
              disagreements.push(...inner.disagreements);
              return inner.branches.map((branch) => {
                const mapped = Object.keys(mapping).filter((k) => mapping[k] === alternative.$ref);
                const types = [...new Set([...(branch.types ?? []), ...mapped])];
                return types.length ? { ...branch, types } : branch;
              });
            }),
          );
          const named = expanded.every((e) => e.types !== undefined);
          const covered = new Set(expanded.flatMap((e) => e.types ?? []));
          const enumerated = new Set(result.flatMap((r) => r.types ?? []));
          if (result.every((r) => r.types !== undefined))
            for (const type of covered)
              if (!enumerated.has(type))
                disagreements.push(`${type} named by a oneOf alternative, not by the enum of type`);
          if (named)
            for (const type of enumerated)
              if (!covered.has(type))
                disagreements.push(`${type} in the enum of type, named by no oneOf alternative`);
          result = grouped(
            result.flatMap((r) => [
              ...expanded.map((e) => merge(r, e, e.types ?? r.types)),
              // What the parent's enum admits and no alternative names: a body of its own.
              ...(named && r.types?.some((t) => !covered.has(t))
                ? [{ ...r, types: r.types.filter((t) => !covered.has(t)) }]
                : []),
            ]),
          );
        }
      }
      return { branches: result, disagreements: [...new Set(disagreements)] };
    },
    // A schema met again inside its own alternatives: a body of any type, as far as it says.
    {
      branches: [{ types: undefined, view: { properties: new Map(), required: new Set() } }],
      disagreements: [],
    },
  );
}

/**
 * Where `schema` lists its error `type`s inconsistently: a type its discriminator mapping (or a
 * variant's `const`) names that the enum of `type` lacks, or the other way round.
 *
 * @example
 * ```ts
 * errorTypeDisagreements(doc, { $ref: "#/components/schemas/error-forbidden" }); // []
 * ```
 */
export function errorTypeDisagreements(
  doc: Node,
  schema: Node,
  reader: Reader = readerOf(doc),
): string[] {
  return branches(reader, schema).disagreements;
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
export function errorTypeViews(
  doc: Node,
  schema: Node,
  reader: Reader = readerOf(doc),
): Record<string, ObjectView> {
  const byType: Record<string, ObjectView> = {};
  for (const branch of branches(reader, schema).branches) {
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
