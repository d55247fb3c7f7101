/**
 * Part of step 4 of generation: error bodies built from the contract, for the mock server, so
 * that it answers every error status the spec declares, a new one included, with a body the
 * spec accepts and without a line of src/ naming it:
 * - `byStatus`: for each error status, the response's first example, else the smallest body of
 *   its first `type` (below);
 * - `byType`: for each error `type`, the smallest body of that type: `type` and every field the
 *   contract requires of it, each with the first value its schema allows (an `example`, `const`,
 *   `default` or `enum` value, else a plain value of its type and format);
 * - `fields`: for each error status, every top-level field a body of it may carry, with the JSON
 *   type the contract gives it (so the mock writes `retry_after` as the contract types it).
 *
 * They are written to a generated module of their own, generated/error-bodies.ts, which only
 * src/testing imports: the client never does, and `npm run size` fails should any of it reach
 * the browser bundle. Tests hold each body to the contract (test/contract/examples.test.ts).
 *
 * Usage: tsx scripts/error-bodies.ts <openapi.json> <out.ts>
 */
import { type Node, httpMethods, resolveRef } from "../src/cli/contract/document.ts";
import { runStageCommand } from "./stage-command.ts";
import { errorTypeViews } from "../src/cli/contract/error-types.ts";

/** The bodies for one operation's error statuses. */
export interface ErrorBodies {
  byStatus: Record<string, Record<string, unknown>>;
  byType: Record<string, Record<string, unknown>>;
  /** Status → field → its JSON type (`string`, `integer`…; `any` when the contract leaves it open). */
  fields: Record<string, Record<string, string>>;
}

/** Values a string of a well-known format must look like (RFC 3339, RFC 4122, RFC 3986…). */
const formatted: Record<string, string> = {
  "date-time": "1970-01-01T00:00:00Z",
  date: "1970-01-01",
  uuid: "00000000-0000-4000-8000-000000000000",
  uri: "https://example.com/",
  email: "someone@example.com",
};

/** The first value `node` allows; `name` (the field's) stands in for free text. */
export function sampleValue(doc: Node, node: Node | undefined, name: string, depth = 0): unknown {
  const schema = resolveRef(doc, node) ?? {};
  if (depth > 16) return undefined;
  for (const key of ["example", "const", "default"] as const)
    if (schema[key] !== undefined) return schema[key];
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((part: Node) => sampleValue(doc, part, name, depth + 1));
    const objects = parts.filter((p: unknown) => p && typeof p === "object" && !Array.isArray(p));
    const own = schema.properties || schema.required ? [sampleObject(doc, schema, depth)] : [];
    return objects.length || own.length ? Object.assign({}, ...objects, ...own) : parts[0];
  }
  const alternatives: Node[] | undefined = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) return sampleValue(doc, alternatives[0], name, depth + 1);
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type ?? "object"];
  switch (types.find((t) => t !== "null") ?? "null") {
    case "string": {
      const text = formatted[schema.format] ?? name;
      const padded = text.padEnd(schema.minLength ?? 0, "x");
      return schema.maxLength === undefined ? padded : padded.slice(0, schema.maxLength);
    }
    case "integer":
    case "number":
      return (
        schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1)
      );
    case "boolean":
      return false;
    case "array": {
      const item = sampleValue(doc, schema.items, name, depth + 1);
      return Array.from({ length: schema.minItems ?? 0 }, () => item);
    }
    case "null":
      return null;
    default:
      return sampleObject(doc, schema, depth);
  }
}

/** The JSON type a value of `node` has: its first declared type other than null, else `any`. */
export function jsonTypeOf(doc: Node, node: Node | undefined, depth = 0): string {
  const schema = resolveRef(doc, node) ?? {};
  if (depth > 16) return "any";
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : [];
  const declared = types.find((t) => t !== "null");
  if (declared) return declared;
  if (schema.const !== undefined) return schema.const === null ? "null" : typeof schema.const;
  if (schema.properties) return "object";
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? schema.anyOf ?? [])]) {
    const type = jsonTypeOf(doc, part, depth + 1);
    if (type !== "any") return type;
  }
  return "any";
}

/** An object with every required property of `schema` (its own, not its allOf parts'). */
function sampleObject(doc: Node, schema: Node, depth: number): Record<string, unknown> {
  return Object.fromEntries(
    (schema.required ?? []).map((name: string) => [
      name,
      sampleValue(doc, schema.properties?.[name], name, depth + 1),
    ]),
  );
}

const jsonOf = (doc: Node, response: Node | undefined) =>
  resolveRef(doc, response)?.content?.["application/json"];

/**
 * The error bodies of `operation` in the bundled spec `doc`.
 *
 * @example
 * ```ts
 * errorBodies(spec, spec.paths["/auth-tokens.self.delete"].post).byType.forbidden; // { type: "forbidden" }
 * ```
 */
export function errorBodies(doc: Node, operation: Node): ErrorBodies {
  const result: ErrorBodies = { byStatus: {}, byType: {}, fields: {} };
  for (const [status, response] of Object.entries<Node>(operation.responses ?? {})) {
    const media = jsonOf(doc, response);
    if (/^2/.test(status) || !media?.schema) continue;
    const views = errorTypeViews(doc, media.schema);
    const fields: Record<string, string> = {};
    for (const [type, view] of Object.entries(views)) {
      const body: Record<string, unknown> = { type };
      for (const [name, schemas] of view.properties) {
        fields[name] ??= jsonTypeOf(doc, schemas.at(-1));
        // The last schema given for a property is the most specific (a variant's, after its base's).
        if (name !== "type" && view.required.has(name))
          body[name] = sampleValue(doc, schemas.at(-1), name);
      }
      result.byType[type] = body;
    }
    result.fields[status] = fields;
    const examples = Object.values<Node>(media.examples ?? {}).map(
      (example) => resolveRef(doc, example)?.value,
    );
    const example = media.example ?? examples.find((value) => value !== undefined);
    const [firstType] = Object.keys(views);
    result.byStatus[status] = example ?? (firstType ? result.byType[firstType]! : {});
  }
  return result;
}

/**
 * generated/error-bodies.ts: the error bodies of every operation of the bundled spec `doc`, by
 * operationId.
 */
export function generateErrorBodies(doc: Node): string {
  const bodies: Record<string, ErrorBodies> = {};
  for (const [path, item] of Object.entries<Node>(doc.paths ?? {}))
    for (const [method, operation] of Object.entries<Node>(item ?? {}))
      if (httpMethods.includes(method))
        bodies[operation.operationId ?? `${method} ${path}`] = errorBodies(doc, operation);
  return `// Generated by \`npm run generate\` from openapi/devrev-auth-tokens.yaml. Do not edit by hand.

/**
 * Error bodies built from the contract, for the mock server only (src/testing imports this
 * module; the client never does, and \`npm run size\` fails should any of it reach the browser
 * bundle): per error status its first example (else the smallest body of its first \`type\`),
 * per error \`type\` its smallest body (every required field), and per status every field it
 * may carry, with its JSON type.
 */
export const errorBodies = ${JSON.stringify(bodies, null, 2)} as const;
`;
}

await runStageCommand(import.meta.url, generateErrorBodies);
