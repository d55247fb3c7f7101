/**
 * Where an operation is in an OpenAPI document: at a method and path, or wherever its
 * operationId is (DevRev may move it), and never one of two operations that share that id.
 */
import { type Node, UnreadableSpecError, httpMethods, pathItem, pathItems } from "./document.js";

/** Where an operation was found, and how that differs from where it was looked for. */
export interface FoundOperation {
  method: string;
  path: string;
  operation: Node;
}

const where = (found: FoundOperation) => `${found.method.toUpperCase()} ${found.path}`;

/**
 * The operation of `doc` whose operationId is `operationId`, if any. Throws when several are:
 * "the id MUST be unique among all operations described in the API" (OpenAPI 3.1, section
 * 4.8.10), and taking either would compare, or copy, one of them silently.
 *
 * @example
 * ```ts
 * operationById(spec, "auth-tokens-self-delete")?.path; // "/auth-tokens.self.delete"
 * ```
 */
export function operationById(doc: Node, operationId: string): FoundOperation | undefined {
  const found = pathItems(doc).flatMap(([path, item]) =>
    httpMethods
      .filter((method) => item?.[method]?.operationId === operationId)
      .map((method) => ({ method, path, operation: item[method] as Node })),
  );
  if (found.length > 1)
    throw new UnreadableSpecError(
      `operationId ${JSON.stringify(operationId)} appears at ${found.length} places (${found.map(where).join(", ")}): an operationId is unique in a document (OpenAPI 3.1, section 4.8.10), so which one is meant cannot be told`,
    );
  return found[0];
}

/**
 * Finds `method path` in `doc`; failing that, the operation with `operationId` (the path moved
 * or the method changed), then the same path under another method (both changed). Undefined
 * when the document has none of these; throws when `operationId` names several operations.
 */
export function findOperation(
  doc: Node,
  method: string,
  path: string,
  operationId: string | undefined,
): FoundOperation | undefined {
  const byId = operationId === undefined ? undefined : operationById(doc, operationId);
  const item = pathItem(doc, path);
  const atPath = item?.[method];
  if (atPath) return { method, path, operation: atPath };
  if (byId) return byId;
  const samePath = httpMethods
    .filter((m) => item?.[m])
    .map((m) => ({ method: m, path, operation: item![m] as Node }));
  return samePath.length === 1 ? samePath[0] : undefined;
}
