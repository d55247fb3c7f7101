/**
 * DevRev's published spec reduced to one operation: its path item and everything it refers to
 * (schemas, responses, security schemes), with the document's own openapi, info, servers and
 * security. This is the form of test/fixtures/devrev-published-excerpt.json, and what
 * `npm run upstream:refresh` writes there from a whole spec or from an excerpt alike.
 */
import { type Node, UnreadableSpecError, assertOpenApi3 } from "../../src/cli/contract/document.ts";
import { findOperation } from "../../src/cli/contract/operation-facts.ts";

/** What to look for: our operation (found by operationId when its path or method changed). */
export interface OperationRef {
  method: string;
  path: string;
  operationId: string;
}

/**
 * The excerpt of `doc` for `operation`, components in the order they are first referred to.
 *
 * @example
 * ```ts
 * publishedExcerpt(whole, { method: "post", path: "/auth-tokens.self.delete", operationId: "auth-tokens-self-delete" });
 * ```
 */
export function publishedExcerpt(doc: Node, operation: OperationRef): Node {
  assertOpenApi3(doc);
  const found = findOperation(doc, operation.method, operation.path, operation.operationId);
  if (!found)
    throw new UnreadableSpecError(
      `the spec has no ${operation.method.toUpperCase()} ${operation.path} and no operation "${operation.operationId}"`,
    );
  const item: Node = doc.paths[found.path];
  const picked: Record<string, string[]> = {};
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key !== "$ref" || typeof value !== "string") {
        walk(value);
        continue;
      }
      const [hash, section, kind, name] = value.split("/");
      if (hash !== "#" || section !== "components" || !kind || !name || seen.has(value)) continue;
      seen.add(value);
      const target = doc.components?.[kind]?.[name];
      if (target === undefined) throw new UnreadableSpecError(`dangling $ref ${value}`);
      (picked[kind] ??= []).push(name);
      walk(target);
    }
  };
  walk(item);
  const requirements: Node[] = [
    ...(doc.security ?? []),
    ...Object.values<Node>(item).flatMap((op) => op?.security ?? []),
  ];
  for (const name of requirements.flatMap((requirement) => Object.keys(requirement))) {
    const schemes = (picked.securitySchemes ??= []);
    if (!schemes.includes(name)) schemes.push(name);
    walk(doc.components?.securitySchemes?.[name]);
  }
  const components = Object.fromEntries(
    ["schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes"]
      .filter((kind) => picked[kind]?.length)
      .map((kind) => [
        kind,
        Object.fromEntries(picked[kind]!.map((name) => [name, doc.components[kind][name]])),
      ]),
  );
  return {
    openapi: doc.openapi,
    info: doc.info,
    ...(doc.servers ? { servers: doc.servers } : {}),
    ...(doc.security ? { security: doc.security } : {}),
    paths: { [found.path]: item },
    components,
  };
}
