/**
 * DevRev's published spec reduced to one operation: its path item holding that operation alone
 * (another method on the same path is another operation, left out), and every component it
 * refers to, transitively, of whatever kind (schemas, responses, parameters, headers, examples,
 * request bodies, links, security schemes…), with the document's own openapi, info, servers and
 * security. This is the form of test/fixtures/devrev-published-excerpt.json, and what
 * `npm run upstream:refresh` writes there from a whole spec or from an excerpt alike.
 */
import {
  type Node,
  UnreadableSpecError,
  assertOpenApi3,
  httpMethods,
  pathItem,
  pointerTarget,
} from "../../src/cli/contract/document.ts";
import { findOperation, operationById } from "../../src/cli/contract/operation-facts.ts";

/** What to look for: our operation (by its operationId, else by its method and path). */
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
  // By its operationId first: whatever else DevRev puts at that path and method is not it.
  // An operationId at two places is refused (operationById): either copy could be the wrong one.
  const found =
    operationById(doc, operation.operationId) ??
    findOperation(doc, operation.method, operation.path, operation.operationId);
  if (!found)
    throw new UnreadableSpecError(
      `the spec has no ${operation.method.toUpperCase()} ${operation.path} and no operation "${operation.operationId}"`,
    );
  // The path item's own fields (shared parameters, servers…) and our operation, in its order.
  const item: Node = Object.fromEntries(
    // A path item given by reference (OpenAPI 3.1) is copied as what it refers to.
    Object.entries<Node>(pathItem(doc, found.path) ?? {}).filter(
      ([key]) => !httpMethods.includes(key) || key === found.method,
    ),
  );
  const picked: Record<string, string[]> = {};
  const seen = new Set<string>();
  const pick = (kind: string, name: string) => {
    const names = (picked[kind] ??= []);
    if (!names.includes(name)) names.push(name);
  };
  // Each object once: a node YAML shares (an alias) holds the same references wherever it is.
  const walked = new Set<object>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object" || walked.has(node)) return;
    walked.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "$ref" || typeof value !== "string") {
        walk(value);
        continue;
      }
      // RFC 6901 pointers, percent-encoded as URI fragments may be.
      const [hash, section, kind, name] = value
        .split("/")
        .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"));
      if (seen.has(value)) continue;
      seen.add(value);
      // The excerpt holds components only: a reference to anything else (another part of the
      // document, another file) would be copied without what it names, a dangling excerpt.
      if (hash !== "#" || section !== "components" || !kind || !name)
        throw new UnreadableSpecError(
          `cannot keep $ref ${JSON.stringify(value)} in the excerpt: it holds only what #/components/<kind>/<name> names (and what is inside it), so this reference would dangle there`,
        );
      if (doc.components?.[kind]?.[name] === undefined)
        throw new UnreadableSpecError(`dangling $ref ${value}`);
      pick(kind, name);
      // The whole pointer, not only its component: `…/schemas/a/properties/b` must name something.
      walk(pointerTarget(doc, value));
      walk(doc.components[kind][name]);
    }
  };
  walk(item);
  const requirements: Node[] = [...(doc.security ?? []), ...(item[found.method]?.security ?? [])];
  for (const name of requirements.flatMap((requirement) => Object.keys(requirement))) {
    pick("securitySchemes", name);
    walk(doc.components?.securitySchemes?.[name]);
  }
  // Every kind picked: the usual ones in the fixture's order, then any other in the document's.
  const usual = [
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
  ];
  const kinds = [...usual, ...Object.keys(doc.components ?? {}), ...Object.keys(picked)].filter(
    (kind, at, all) => picked[kind]?.length && all.indexOf(kind) === at,
  );
  const components = Object.fromEntries(
    kinds.map((kind) => [
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
