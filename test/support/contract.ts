/**
 * The one JSON Schema 2020-12 validator every contract test uses: Ajv over the bundled
 * generated/openapi.json, so tests judge bodies by exactly what the package ships.
 */
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { contractSchemas } from "../../src/cli/contract/schemas.ts";

export const bundledSpecPath = new URL("../../generated/openapi.json", import.meta.url);

type Spec = {
  servers: { url: string }[];
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
};

export function loadSpec(path: URL | string = bundledSpecPath): Spec {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** An Ajv instance that knows one OpenAPI document's components. */
export function createContractValidator(
  spec: Spec = loadSpec(),
  // Strict for our own spec; DevRev's published one carries vendor keywords (x-fern-*).
  { strict = true }: { strict?: boolean } = {},
) {
  const schemas = contractSchemas(spec, { strict });
  const compile = (schema: object, key: string) => schemas.compile(key, schema);
  const resolveRef = (node: any): any => schemas.resolve(node);
  const operation = (path: string, method: string) => {
    const op = spec.paths[path]?.[method];
    if (!op) throw new Error(`no operation ${method.toUpperCase()} ${path} in the contract`);
    return op;
  };

  const report = (validate: ValidateFunction, value: unknown) =>
    validate(value)
      ? { valid: true as const, errors: [] as string[] }
      : {
          valid: false as const,
          errors: (validate.errors ?? []).map(
            (e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`,
          ),
        };

  return {
    spec,
    /** Validates a JSON value against a named component schema. */
    schema(name: string, value: unknown) {
      if (!spec.components.schemas?.[name]) throw new Error(`no schema ${name}`);
      return report(compile({ $ref: `#/components/schemas/${name}` }, `schema:${name}`), value);
    },
    /** Validates a request body of an operation. */
    requestBody(path: string, method: string, value: unknown) {
      const schema = resolveRef(operation(path, method).requestBody).content["application/json"]
        .schema;
      return report(compile(schema, `request:${method}:${path}`), value);
    },
    /**
     * Validates a response by status: a status the operation does not list is invalid, a
     * status without a body must come without one, a JSON body must match its schema.
     */
    response(
      path: string,
      method: string,
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) {
      const response = resolveRef(operation(path, method).responses?.[String(status)]);
      if (!response)
        return { valid: false as const, errors: [`status ${status} is not in the contract`] };
      const errors: string[] = [];
      const media = response.content?.["application/json"];
      if (!media) {
        if (body !== undefined && body !== "")
          errors.push(`status ${status} has no body in the contract`);
      } else {
        errors.push(
          ...report(compile(media.schema, `response:${method}:${path}:${status}`), body).errors,
        );
      }
      for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
        const value = Object.entries(headers).find(
          ([k]) => k.toLowerCase() === name.toLowerCase(),
        )?.[1];
        if (value === undefined) continue;
        const asNumber = /^\d+$/.test(value) ? Number(value) : value;
        const result = report(
          compile(header.schema, `header:${method}:${path}:${status}:${name}`),
          asNumber,
        );
        errors.push(...result.errors.map((e) => `header ${name}: ${e}`));
      }
      return errors.length ? { valid: false as const, errors } : { valid: true as const, errors };
    },
  };
}

export type ContractValidator = ReturnType<typeof createContractValidator>;
