/**
 * Reading an OpenAPI document for `contract-diff` and the tools beside it: JSON or YAML from a
 * file, and local `$ref`s followed to what they name. Nothing here knows this package's contract.
 */
import { readFile } from "node:fs/promises";

/** A node of a parsed document, as loosely typed as JSON itself. */
export type Node = Record<string, any>;

/** The document is not one these tools can read (not OpenAPI 3, or a reference they cannot follow). */
export class UnreadableSpecError extends Error {
  override name = "UnreadableSpecError";
}

/**
 * Parses a document: JSON when it looks like JSON (several times faster on DevRev's 1 MB spec),
 * else YAML. js-yaml is loaded only for YAML, so reading JSON costs no YAML parser.
 *
 * @example
 * ```ts
 * const spec = await readSpec("devrev-openapi-public.yaml");
 * ```
 */
export async function readSpec(file: string): Promise<Node> {
  return parseSpec(await readFile(file, "utf8"));
}

/**
 * Parses a document's text (see `readSpec`). A byte order mark is dropped first (RFC 8259,
 * section 8.1 lets a parser ignore one; editors on Windows write it).
 */
export async function parseSpec(given: string): Promise<Node> {
  const text = given.replace(/^\uFEFF/, "");
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as Node;
    } catch (error) {
      // A YAML flow mapping (`{openapi: 3.1.0, …}`) starts with a brace too: YAML reads it.
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  const { load, CORE_SCHEMA, mergeTag } = await import("js-yaml");
  // CORE_SCHEMA keeps dates such as `version: 2024-01-24` strings, as Redocly reads them; merge
  // keys (`<<: *anchor`) are read as YAML 1.1 defines them, as Redocly's parser does.
  const doc = load(text, { schema: CORE_SCHEMA.withTags(mergeTag) });
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new UnreadableSpecError("not a YAML mapping");
  return doc as Node;
}

/** Throws unless `doc` says it is OpenAPI 3.0 or 3.1, saying what it is instead. */
export function assertOpenApi3(doc: unknown): asserts doc is Node {
  const node = (typeof doc === "object" && doc !== null ? doc : {}) as Node;
  const version = node.openapi;
  if (typeof version === "string" && /^3\.[01]\.\d/.test(version)) return;
  throw new UnreadableSpecError(
    typeof version === "number"
      ? `its \`openapi\` field is the number ${version}, not a version string: write it as a string, such as "3.1.0" (in YAML, quoted or with its patch number: 3.1 alone is a number)`
      : version !== undefined
        ? `OpenAPI ${JSON.stringify(version)} is not read here: only OpenAPI 3.0 and 3.1 are`
        : node.swagger !== undefined
          ? `a Swagger ${JSON.stringify(node.swagger)} document, not OpenAPI 3.0 or 3.1`
          : "not an OpenAPI 3.0 or 3.1 document (no `openapi` field)",
  );
}

/**
 * What one local `$ref` (`#/…`, an RFC 6901 pointer in a URI fragment, so percent-decoded
 * first) names in `doc`; throws when it is not local or names nothing.
 */
export function pointerTarget(doc: Node, ref: string): Node {
  if (!ref.startsWith("#/"))
    throw new UnreadableSpecError(`cannot follow $ref ${JSON.stringify(ref)}`);
  const target = ref
    .slice(2)
    .split("/")
    .reduce<Node | undefined>(
      (at, part) => at?.[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")],
      doc,
    );
  if (target === undefined) throw new UnreadableSpecError(`dangling $ref ${ref}`);
  return target;
}

/** Follows local `$ref`s (`#/…`, RFC 6901 pointers) to the node they name. */
export function resolveRef(doc: Node, node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 64)
      throw new UnreadableSpecError(`cannot follow $ref ${JSON.stringify(current.$ref)}`);
    current = pointerTarget(doc, current.$ref);
  }
  return current;
}

/**
 * The path item at `path`, its `$ref` followed: OpenAPI 3.1 (section 4.8.9) lets a path item
 * refer to one in `components.pathItems`.
 */
export function pathItem(doc: Node, path: string): Node | undefined {
  const item: unknown = doc.paths?.[path];
  return item && typeof item === "object" ? resolveRef(doc, item as Node) : undefined;
}

/**
 * Every path of `doc` with its path item, references followed.
 *
 * @example
 * ```ts
 * pathItems(spec).map(([path]) => path); // ["/auth-tokens.self.delete"]
 * ```
 */
export const pathItems = (doc: Node): [string, Node][] =>
  Object.keys(doc.paths ?? {}).flatMap((path): [string, Node][] => {
    const item = pathItem(doc, path);
    return item ? [[path, item]] : [];
  });

/** The HTTP methods an OpenAPI path item may hold operations under. */
export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
