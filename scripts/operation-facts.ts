/**
 * What a client of one OpenAPI operation depends on, read out of any OpenAPI 3.0/3.1 document:
 * request fields and their enums, response statuses, the error `type` values each status admits
 * and the fields of each, response headers, security, servers. Pure: a parsed document in,
 * plain data out, so `contract:diff` can compare our spec with DevRev's whatever their shapes.
 *
 * Shapes are deliberately flattened: DevRev closes each error variant and folds the base in with
 * allOf + oneOf + a discriminator; we keep one open `error-base`. Both reduce to the same facts:
 * "a 403 body has type `forbidden` and may carry message and detail".
 */

type Node = Record<string, any>;

/** One operation's facts. Maps and sets are sorted plain arrays/records, so they print stably. */
export interface OperationFacts {
  method: string;
  path: string;
  operationId: string | undefined;
  /** The default server URL(s), with `{variables}` replaced by their defaults. */
  servers: string[];
  /** e.g. `http bearer`, `apiKey header Authorization`; one entry per scheme that may be used. */
  security: string[];
  requestBodyRequired: boolean;
  /** Request field → whether it is required. */
  requestFields: Record<string, boolean>;
  /** Request field → the values its enum allows (only enumerated fields). */
  requestEnums: Record<string, string[]>;
  statuses: string[];
  /** Status → header names (lowercase). */
  headers: Record<string, string[]>;
  /** Status → error `type` → field → whether it is required (`type` itself left out). */
  errorTypes: Record<string, Record<string, Record<string, boolean>>>;
}

/** The document is not one this module can read (not OpenAPI 3, or a reference it cannot follow). */
export class UnreadableSpecError extends Error {
  override name = "UnreadableSpecError";
}

/** Follows local `$ref`s (`#/…`) to the node they name. */
export function resolveRef(doc: Node, node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/") || hops > 64)
      throw new UnreadableSpecError(`cannot follow $ref ${JSON.stringify(ref)}`);
    current = ref
      .slice(2)
      .split("/")
      .reduce<Node | undefined>(
        (at, part) => at?.[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")],
        doc,
      );
    if (current === undefined) throw new UnreadableSpecError(`dangling $ref ${ref}`);
  }
  return current;
}

/** Where the operation is: at `path`, or wherever `operationId` moved to. */
export function findOperation(
  doc: Node,
  method: string,
  path: string,
  operationId: string | undefined,
): { path: string; operation: Node } | undefined {
  const atPath = doc.paths?.[path]?.[method];
  if (atPath) return { path, operation: atPath };
  if (!operationId) return undefined;
  for (const [otherPath, item] of Object.entries<Node>(doc.paths ?? {})) {
    if (item?.[method]?.operationId === operationId)
      return { path: otherPath, operation: item[method] };
  }
  return undefined;
}

/** A branch of a schema: the `type` values it admits (undefined: any) and its fields. */
interface Branch {
  types: string[] | undefined;
  fields: Record<string, boolean>;
}

function merge(a: Branch, b: Branch): Branch {
  const fields = { ...a.fields };
  for (const [name, required] of Object.entries(b.fields))
    fields[name] = (fields[name] ?? false) || required;
  const types =
    a.types === undefined
      ? b.types
      : b.types === undefined
        ? a.types
        : a.types.filter((t) => b.types!.includes(t));
  return { types, fields };
}

function literals(doc: Node, node: Node | undefined): string[] | undefined {
  const schema = resolveRef(doc, node);
  if (!schema) return undefined;
  if (schema.const !== undefined) return [String(schema.const)];
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  return undefined;
}

/** Every branch of `node`: allOf multiplies out, oneOf/anyOf add alternatives. */
function branches(doc: Node, node: Node | undefined, depth = 0): Branch[] {
  if (depth > 32) throw new UnreadableSpecError("schema nesting too deep (a reference cycle?)");
  const schema = resolveRef(doc, node);
  if (!schema) return [{ types: undefined, fields: {} }];
  const required = new Set<string>(schema.required ?? []);
  const own: Branch = { types: undefined, fields: {} };
  for (const [name, property] of Object.entries<Node>(schema.properties ?? {})) {
    if (name === "type") own.types = literals(doc, property);
    else own.fields[name] = required.has(name);
  }
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

/** Error `type` → fields, for one response body schema. */
function errorTypes(doc: Node, schema: Node): Record<string, Record<string, boolean>> {
  const byType: Record<string, Record<string, boolean>> = {};
  for (const branch of branches(doc, schema)) {
    for (const type of branch.types ?? ["(any type)"]) {
      const fields = (byType[type] ??= {});
      for (const [name, required] of Object.entries(branch.fields))
        fields[name] = (fields[name] ?? false) || required;
    }
  }
  return byType;
}

function serverUrls(servers: Node[] | undefined): string[] {
  return (servers ?? []).map((server) =>
    String(server.url).replace(
      /\{([^}]+)\}/g,
      (whole, name: string) => server.variables?.[name]?.default ?? whole,
    ),
  );
}

function securityOf(doc: Node, operation: Node): string[] {
  const requirements: Node[] = operation.security ?? doc.security ?? [];
  const schemes = new Set<string>();
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    if (!names.length) schemes.add("none (anonymous allowed)");
    for (const name of names) {
      const scheme = resolveRef(doc, doc.components?.securitySchemes?.[name]);
      if (!scheme) throw new UnreadableSpecError(`security scheme ${name} is not defined`);
      schemes.add(
        scheme.type === "http"
          ? `http ${String(scheme.scheme).toLowerCase()}`
          : scheme.type === "apiKey"
            ? `apiKey ${scheme.in} ${scheme.name}`
            : String(scheme.type),
      );
    }
  }
  return [...schemes].sort();
}

/**
 * The facts of `method path` in `doc` (found by `operationId` when the path moved), or
 * undefined when the document has neither.
 *
 * @example
 * ```ts
 * operationFacts(spec, "post", "/auth-tokens.self.delete", "auth-tokens-self-delete")?.statuses;
 * // ["200", "400", "401", …]
 * ```
 */
export function operationFacts(
  doc: Node,
  method: string,
  path: string,
  operationId?: string,
): OperationFacts | undefined {
  if (typeof doc !== "object" || doc === null || !/^3\.[01]\./.test(String(doc.openapi)))
    throw new UnreadableSpecError("not an OpenAPI 3.0 or 3.1 document (no `openapi: 3.x` field)");
  const found = findOperation(doc, method, path, operationId);
  if (!found) return undefined;
  const { operation } = found;
  const requestFields: Record<string, boolean> = {};
  const requestEnums: Record<string, string[]> = {};
  const body = resolveRef(doc, operation.requestBody);
  const bodySchema = resolveRef(doc, body?.content?.["application/json"]?.schema);
  const required = new Set<string>(bodySchema?.required ?? []);
  for (const [name, property] of Object.entries<Node>(bodySchema?.properties ?? {})) {
    requestFields[name] = required.has(name);
    const values = literals(doc, property);
    if (values) requestEnums[name] = values;
  }
  const statuses = Object.keys(operation.responses ?? {}).sort();
  const headers: Record<string, string[]> = {};
  const errors: OperationFacts["errorTypes"] = {};
  for (const status of statuses) {
    const response = resolveRef(doc, operation.responses[status]);
    headers[status] = Object.keys(response?.headers ?? {})
      .map((h) => h.toLowerCase())
      .sort();
    const schema = response?.content?.["application/json"]?.schema;
    if (schema && !/^2/.test(status)) errors[status] = errorTypes(doc, schema);
  }
  return {
    method,
    path: found.path,
    operationId: operation.operationId,
    servers: serverUrls(
      operation.servers ?? found.operation.servers ?? doc.paths[found.path].servers ?? doc.servers,
    ),
    security: securityOf(doc, operation),
    requestBodyRequired: body?.required === true,
    requestFields,
    requestEnums,
    statuses,
    headers,
    errorTypes: errors,
  };
}
