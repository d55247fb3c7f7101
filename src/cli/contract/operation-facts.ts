/**
 * What a client of one OpenAPI operation depends on, read out of any OpenAPI 3.0/3.1 document:
 * where the operation is and whether it is deprecated, server, security, parameters, the request
 * body's media types and fields, the response statuses with their media types and headers, the
 * fields of every success body, and for each error status the `type`s it admits with every
 * field of each.
 * Pure: a parsed document in, plain data out, so `contract-diff` can compare two specs whatever
 * their shapes.
 */
import {
  type Node,
  UnreadableSpecError,
  assertOpenApi3,
  pathItem,
  resolveRef,
} from "./document.js";
import { errorTypeDisagreements, errorTypeViews } from "./error-types.js";
import { type FieldFacts, type Fields, fieldsOfValue, fieldsOfView } from "./fields.js";
import { type Reader, readerOf } from "./schema-parts.js";
import type { FoundOperation } from "./find-operation.js";

export { type FoundOperation, findOperation, operationById } from "./find-operation.js";

/** One operation's facts; lists are sorted where their order means nothing. */
export interface OperationFacts {
  method: string;
  path: string;
  operationId: string | undefined;
  deprecated: boolean;
  /** The default server URL(s), with `{variables}` replaced by their defaults. */
  servers: string[];
  /** e.g. `http bearer`, `apiKey header Authorization`; one entry per scheme that may be used. */
  security: string[];
  /** Parameters (the path item's and the operation's) as `header x-name`, `query name`… */
  parameters: Fields;
  requestBodyRequired: boolean;
  /** The request body's media types. */
  requestMediaTypes: string[];
  /** The request body's fields (of its JSON media type, else its first). */
  request: Fields;
  /** The request body as a whole: its type and what holds it (`minProperties`, `additionalProperties`…). */
  requestShape: FieldFacts | undefined;
  statuses: string[];
  /** Status → the media types of its body (none when it has no body). */
  mediaTypes: Record<string, string[]>;
  /** Status → header (lowercase) → its facts: required-ness, type, format, constraints. */
  headers: Record<string, Fields>;
  /** Success status with a body → the body's fields, the body itself as `body`. */
  success: Record<string, Fields>;
  /** Error status → `type` → the body's fields (`type` itself left out). */
  errors: Record<string, Record<string, Fields>>;
  /** Error status → `type` → whether a body of that type must carry `type`. */
  errorTypeRequired: Record<string, Record<string, boolean>>;
  /** Error status → where its schema lists its `type`s inconsistently (error-types.ts). */
  errorTypeDisagreements: Record<string, string[]>;
}

/**
 * The schema of a body's content: its JSON media type's (`application/json`, else one such as
 * `application/problem+json`), else its first media type's. Which media types there are is a
 * fact of its own, so a body that changed media type is not told as fields gone.
 */
export function bodySchema(content: Node | undefined): Node | undefined {
  const media = Object.entries<Node>(content ?? {}).map(
    ([type, value]) => [mediaType(type), value] as const,
  );
  const chosen =
    media.find(([type]) => type === "application/json")?.[1] ??
    media.find(([type]) => /^application\/[^;]*\+json\b/.test(type))?.[1] ??
    media.find(([, value]) => value?.schema)?.[1];
  return chosen?.schema;
}

/**
 * A media type as compared: its type and subtype in lower case, which "are case-insensitive"
 * (RFC 9110, section 8.3.1), so `Application/JSON` is `application/json`;  parameters as written.
 *
 * @example
 * ```ts
 * mediaType("Application/JSON; charset=utf-8"); // "application/json; charset=utf-8"
 * ```
 */
export const mediaType = (type: string) =>
  type.replace(/^[^;]*/, (essence) => essence.trim().toLowerCase());

const mediaTypesOf = (content: Node | undefined) =>
  [...new Set(Object.keys(content ?? {}).map(mediaType))].sort();

/** The parameters of an operation: the path item's, overridden by the operation's own. */
function parametersOf(reader: Reader, path: string, operation: Node): Fields {
  const { doc } = reader;
  const byKey = new Map<string, Node>();
  for (const node of [
    ...(pathItem(doc, path)?.parameters ?? []),
    ...(operation.parameters ?? []),
  ]) {
    const parameter = resolveRef(doc, node);
    if (!parameter?.name || !parameter.in) continue;
    // HTTP header names are case-insensitive (RFC 9110, section 5.1).
    const name = parameter.in === "header" ? String(parameter.name).toLowerCase() : parameter.name;
    byKey.set(`${parameter.in} ${name}`, parameter);
  }
  const fields: Fields = {};
  for (const key of [...byKey.keys()].sort()) {
    const parameter = byKey.get(key)!;
    const schema = parameter.schema ?? bodySchema(parameter.content) ?? {};
    Object.assign(fields, fieldsOfValue(reader, key, schema, parameter.required === true));
    if (parameter.deprecated === true) fields[key]!.deprecated = true;
  }
  return fields;
}

/**
 * `fields` without `additionalProperties`: whether an error body and what nests in it is closed
 * is how DevRev models its variants (each closed beside a shared base), which this contract
 * deliberately does not follow (see docs/contract.md), so it is not compared there.
 */
function open(fields: Fields): Fields {
  return Object.fromEntries(
    Object.entries(fields).map(([path, field]) => {
      const { additionalProperties: _, ...constraints } = field.constraints ?? {};
      const { constraints: __, ...rest } = field;
      return [path, Object.keys(constraints).length ? { ...rest, constraints } : rest];
    }),
  );
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
  const reader = readerOf(doc);
  const { operation } = found;
  const body = resolveRef(doc, operation.requestBody);
  const statuses = Object.keys(operation.responses ?? {}).sort();
  const headers: OperationFacts["headers"] = {};
  const mediaTypes: OperationFacts["mediaTypes"] = {};
  const success: OperationFacts["success"] = {};
  const errors: OperationFacts["errors"] = {};
  const errorTypeRequired: OperationFacts["errorTypeRequired"] = {};
  const disagreements: OperationFacts["errorTypeDisagreements"] = {};
  for (const status of statuses) {
    const response = resolveRef(doc, operation.responses[status]);
    headers[status] = {};
    for (const [name, node] of Object.entries<Node>(response?.headers ?? {})) {
      const header = resolveRef(doc, node) ?? {};
      const schema = header.schema ?? bodySchema(header.content) ?? {};
      Object.assign(
        headers[status],
        fieldsOfValue(reader, name.toLowerCase(), schema, header.required === true),
      );
    }
    mediaTypes[status] = mediaTypesOf(response?.content);
    const schema = bodySchema(response?.content);
    if (!schema) continue;
    if (/^2/.test(status)) {
      success[status] = fieldsOfValue(reader, "body", schema, true);
      continue;
    }
    const views = Object.entries(errorTypeViews(doc, schema, reader));
    errors[status] = Object.fromEntries(
      views.map(([type, view]) => [type, open(fieldsOfView(reader, view, ["type"]))]),
    );
    errorTypeRequired[status] = Object.fromEntries(
      views.map(([type, view]) => [type, view.required.has("type")]),
    );
    disagreements[status] = errorTypeDisagreements(doc, schema, reader);
  }
  const requestSchema = bodySchema(body?.content);
  const { "": requestShape, ...request } = requestSchema
    ? fieldsOfValue(reader, "", requestSchema, true)
    : {};
  return {
    method: found.method,
    path: found.path,
    operationId: operation.operationId,
    deprecated: operation.deprecated === true,
    servers: serverUrls(operation.servers ?? pathItem(doc, found.path)?.servers ?? doc.servers),
    security: securityOf(doc, operation),
    parameters: parametersOf(reader, found.path, operation),
    requestBodyRequired: body?.required === true,
    requestMediaTypes: mediaTypesOf(body?.content),
    request,
    requestShape,
    statuses,
    mediaTypes,
    headers,
    success,
    errors,
    errorTypeRequired,
    errorTypeDisagreements: disagreements,
  };
}
