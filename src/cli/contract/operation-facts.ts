/**
 * What a client of one OpenAPI operation depends on, read out of any OpenAPI 3.0/3.1 document.
 * Where the operation is, server, security, the request body's fields, the response statuses,
 * their headers, and for each error status the `type`s it admits with every field of each.
 * Pure: a parsed document in, plain data out, so `contract-diff` can compare two specs whatever
 * their shapes.
 */
import {
  type Node,
  UnreadableSpecError,
  assertOpenApi3,
  httpMethods,
  resolveRef,
} from "./document.js";
import { errorTypeViews } from "./error-types.js";
import { type Fields, fieldsOf, fieldsOfView } from "./fields.js";

/** One operation's facts; lists are sorted where their order means nothing. */
export interface OperationFacts {
  method: string;
  path: string;
  operationId: string | undefined;
  /** The default server URL(s), with `{variables}` replaced by their defaults. */
  servers: string[];
  /** e.g. `http bearer`, `apiKey header Authorization`; one entry per scheme that may be used. */
  security: string[];
  requestBodyRequired: boolean;
  /** The JSON request body's fields. */
  request: Fields;
  statuses: string[];
  /** Status → header names (lowercase). */
  headers: Record<string, string[]>;
  /** Error status → `type` → the body's fields (`type` itself left out). */
  errors: Record<string, Record<string, Fields>>;
}

/** Where an operation was found, and how that differs from where it was looked for. */
export interface FoundOperation {
  method: string;
  path: string;
  operation: Node;
}

/**
 * Finds `method path` in `doc`; failing that, the operation with `operationId` (the path moved
 * or the method changed), then the same path under another method (both changed). Undefined
 * when the document has none of these.
 */
export function findOperation(
  doc: Node,
  method: string,
  path: string,
  operationId: string | undefined,
): FoundOperation | undefined {
  const atPath = doc.paths?.[path]?.[method];
  if (atPath) return { method, path, operation: atPath };
  const all = Object.entries<Node>(doc.paths ?? {}).flatMap(([where, item]) =>
    httpMethods
      .filter((m) => item?.[m])
      .map((m) => ({ method: m, path: where, operation: item[m] as Node })),
  );
  if (operationId) {
    const byId = all.find((found) => found.operation.operationId === operationId);
    if (byId) return byId;
  }
  const samePath = all.filter((found) => found.path === path);
  return samePath.length === 1 ? samePath[0] : undefined;
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
 * The facts of the operation `found` in `doc`.
 *
 * @example
 * ```ts
 * const found = findOperation(spec, "post", "/auth-tokens.self.delete", "auth-tokens-self-delete");
 * operationFacts(spec, found!).statuses; // ["200", "400", "401", …]
 * ```
 */
export function operationFacts(doc: Node, found: FoundOperation): OperationFacts {
  assertOpenApi3(doc);
  const { operation } = found;
  const body = resolveRef(doc, operation.requestBody);
  const statuses = Object.keys(operation.responses ?? {}).sort();
  const headers: Record<string, string[]> = {};
  const errors: OperationFacts["errors"] = {};
  for (const status of statuses) {
    const response = resolveRef(doc, operation.responses[status]);
    headers[status] = Object.keys(response?.headers ?? {})
      .map((h) => h.toLowerCase())
      .sort();
    const schema = response?.content?.["application/json"]?.schema;
    if (!schema || /^2/.test(status)) continue;
    errors[status] = Object.fromEntries(
      Object.entries(errorTypeViews(doc, schema)).map(([type, view]) => [
        type,
        fieldsOfView(doc, view, ["type"]),
      ]),
    );
  }
  return {
    method: found.method,
    path: found.path,
    operationId: operation.operationId,
    servers: serverUrls(operation.servers ?? doc.paths?.[found.path]?.servers ?? doc.servers),
    security: securityOf(doc, operation),
    requestBodyRequired: body?.required === true,
    request: fieldsOf(doc, body?.content?.["application/json"]?.schema),
    statuses,
    headers,
    errors,
  };
}
