/**
 * Step 4 of generation: the runtime constants the client and the mock must check against,
 * read from the bundled spec so that nothing in src/ lists them by hand:
 * - every enum among the component schemas (the 17 token types among them);
 * - for each operation: method, path, success statuses, and which error `type` values each
 *   error status admits (a body is only "a 401" when its `type` is one a 401 may carry).
 *
 * The error bodies the mock answers with are a module of their own (error-bodies.ts writes
 * generated/error-bodies.ts): everything here may reach the browser bundle, they must not.
 *
 * Usage: tsx scripts/generate-constants.ts <openapi.json> <out.ts>
 */
import { runStageCommand } from "./stage-command.ts";

type Schema = {
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
};
type Spec = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; responses?: Record<string, Response> };
};
type Response = { $ref?: string; content?: Record<string, { schema?: Schema }> };
type Operation = {
  operationId?: string;
  responses?: Record<string, Response>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Thrown when the spec contradicts itself in a way the generated code would hide. */
export class SpecInconsistencyError extends Error {
  override name = "SpecInconsistencyError";
}

function resolve<T extends { $ref?: string }>(spec: Spec, node: T): T {
  let current: T = node;
  const seen = new Set<string>();
  while (current.$ref) {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/") || seen.has(ref))
      throw new SpecInconsistencyError(`cannot resolve ${ref}`);
    seen.add(ref);
    let target: unknown = spec;
    for (const part of ref.slice(2).split("/")) {
      target = (target as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (target === undefined) throw new SpecInconsistencyError(`dangling reference ${ref}`);
    current = target as T;
  }
  return current;
}

/** The literal values a schema allows, or undefined when it allows any value. */
function literalValues(spec: Spec, node: Schema): string[] | undefined {
  const schema = resolve(spec, node);
  if (schema.const !== undefined) return [String(schema.const)];
  if (schema.enum) return schema.enum.map(String);
  return undefined;
}

/**
 * Which values `property` may take in an object matching `node`. allOf narrows (intersection),
 * oneOf/anyOf widen (union). When an allOf branch names an enum (e.g. error-bad-request-type)
 * and a oneOf lists variants, the two must agree: a variant whose `type` is missing from the
 * enum could never validate, and an enum value without a variant has no shape.
 */
function propertyValues(
  spec: Spec,
  node: Schema,
  property: string,
  where: string,
): string[] | undefined {
  const schema = resolve(spec, node);
  let allowed: string[] | undefined;
  const narrow = (values: string[] | undefined) => {
    if (values === undefined) return;
    allowed = allowed === undefined ? values : allowed.filter((v) => values.includes(v));
  };
  const own = schema.properties?.[property];
  if (own) narrow(literalValues(spec, own));
  for (const part of schema.allOf ?? []) narrow(propertyValues(spec, part, property, where));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const union: string[] = [];
    for (const branch of alternatives) {
      const values = propertyValues(spec, branch, property, where);
      if (values === undefined) return allowed; // an unconstrained branch admits anything
      union.push(...values.filter((v) => !union.includes(v)));
    }
    if (allowed !== undefined) {
      const missing = union.filter((v) => !allowed!.includes(v));
      const shapeless = allowed.filter((v) => !union.includes(v));
      if (missing.length || shapeless.length) {
        throw new SpecInconsistencyError(
          `${where}: the "${property}" enum and the variants disagree` +
            (missing.length ? `; variants not in the enum: ${missing.join(", ")}` : "") +
            (shapeless.length ? `; enum values without a variant: ${shapeless.join(", ")}` : ""),
        );
      }
    }
    narrow(union);
  }
  return allowed;
}

function jsonSchemaOf(spec: Spec, response: Response): Schema | undefined {
  return resolve(spec, response).content?.["application/json"]?.schema;
}

export function generateConstants(spec: Spec): string {
  const componentEnums: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    if (schema.enum) componentEnums[name] = schema.enum.map(String);
  }

  const operations: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      const id = operation.operationId ?? `${method} ${path}`;
      const successStatuses: number[] = [];
      const successStatusesWithBody: number[] = [];
      const errorTypesByStatus: Record<string, string[]> = {};
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (/^2\d\d$/.test(status)) {
          successStatuses.push(Number(status));
          if (jsonSchemaOf(spec, response)) successStatusesWithBody.push(Number(status));
          continue;
        }
        const schema = jsonSchemaOf(spec, response);
        if (!schema) continue;
        const types = propertyValues(spec, schema, "type", `${id} ${status}`);
        if (!types?.length) {
          throw new SpecInconsistencyError(
            `${id} ${status}: the error body has no enumerated "type"`,
          );
        }
        errorTypesByStatus[status] = types;
      }
      const requestEnums: Record<string, string[]> = {};
      const requestFields: string[] = [];
      const body = operation.requestBody?.content?.["application/json"]?.schema;
      if (body) {
        for (const [field, fieldSchema] of Object.entries(resolve(spec, body).properties ?? {})) {
          requestFields.push(field);
          const values = literalValues(spec, fieldSchema);
          if (values) requestEnums[field] = values;
        }
      }
      operations[id] = {
        method,
        path,
        successStatuses,
        successStatusesWithBody,
        errorTypesByStatus,
        requestFields,
        requestEnums,
      };
    }
  }

  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return `// Generated by \`npm run generate\` from openapi/devrev-auth-tokens.yaml. Do not edit by hand.
import type { components } from "./schema.js";

/** The first server the spec lists: the default base URL. */
export const defaultBaseUrl = ${json(spec.servers?.[0]?.url ?? "")} as const;

/** Every enum among the spec's component schemas, by schema name, in the spec's order. */
export const componentEnums = ${json(componentEnums)} as const satisfies {
  readonly [Name in keyof components["schemas"]]?: readonly components["schemas"][Name][];
};

/**
 * Every operation by operationId: where it lives, which statuses mean success (and which of
 * those carry a JSON body), which error \`type\` values each error status admits, and the
 * fields of its JSON request body with the enumerated ones' allowed values.
 */
export const operations = ${json(operations)} as const;
`;
}

await runStageCommand(import.meta.url, generateConstants);
