/**
 * A schema read as a validator reads it: the conjunction of its parts, each a schema object
 * whose keywords all hold (the schema itself, what its `$ref` names, its `allOf` parts, and
 * theirs, transitively). What is computed from a part is kept for the reading of one document,
 * so a schema reached by many paths is read once, and the work stays linear in the spec's size.
 */
import { type Node, UnreadableSpecError, pointerTarget } from "./document.js";

/** One document being read, and what was already computed of its schema objects. */
export interface Reader {
  readonly doc: Node;
  /** Root schema object → its parts (see `partsOf`). */
  readonly parts: WeakMap<Node, Node[]>;
  /** Any other per-object memo, by name (facts of a part, shapes, alternatives…). */
  readonly memo: Map<string, WeakMap<Node, unknown>>;
  /** Fields described so far: `fields.ts` refuses past a budget (see there). */
  fields: number;
  /** The values being computed (`remembered`), innermost last, and the work done. */
  readonly computing: { node: Node; name: string; tainted: boolean }[];
  work: number;
}

/**
 * A reader of `doc`. One per comparison: what it remembers is only true of the document as it
 * was when read.
 *
 * @example
 * ```ts
 * const reader = readerOf(spec);
 * partsOf(reader, [spec.components.schemas["error-forbidden"]]).length; // 4
 * ```
 */
export function readerOf(doc: Node): Reader {
  return { doc, parts: new WeakMap(), memo: new Map(), fields: 0, computing: [], work: 0 };
}

const isObject = (node: unknown): node is Node =>
  typeof node === "object" && node !== null && !Array.isArray(node);

/**
 * Every schema object that holds of a value `nodes` describe: each node itself, what its `$ref`
 * names, its `allOf` parts, transitively, each once, in that order. Keywords beside a `$ref`
 * hold too: JSON Schema 2020-12 (so OpenAPI 3.1) says so; OpenAPI 3.0 says to ignore them, but
 * a spec that writes them means something by them, and reading them can only report more. A
 * part met again (a cycle through `$ref` or `allOf`) adds nothing a conjunction does not have.
 */
export function partsOf(reader: Reader, nodes: readonly unknown[]): Node[] {
  if (nodes.length === 1 && isObject(nodes[0])) return rootParts(reader, nodes[0]);
  const found = new Set<Node>();
  for (const node of nodes)
    if (isObject(node)) for (const part of rootParts(reader, node)) found.add(part);
  return [...found];
}

function rootParts(reader: Reader, root: Node): Node[] {
  const known = reader.parts.get(root);
  if (known) return known;
  const found = new Set<Node>();
  const visit = (node: unknown): void => {
    if (!isObject(node) || found.has(node)) return;
    found.add(node);
    if (typeof node.$ref === "string") visit(pointerTarget(reader.doc, node.$ref));
    if (Array.isArray(node.allOf)) for (const part of node.allOf) visit(part);
  };
  visit(root);
  const parts = [...found];
  reader.parts.set(root, parts);
  return parts;
}

/**
 * `compute(node)`, once per reader and `name`. A node met again while its own value is being
 * computed (a schema whose alternative refers back to it) gets `whileComputing` there; what was
 * computed from that stand-in (every value between the two) is not remembered, so no answer
 * built on a half-computed one is reused elsewhere.
 */
export function remembered<T>(
  reader: Reader,
  name: string,
  node: Node,
  compute: () => T,
  whileComputing: T,
): T {
  let memo = reader.memo.get(name) as WeakMap<Node, T> | undefined;
  if (!memo) reader.memo.set(name, (memo = new WeakMap()));
  const known = memo.get(node);
  if (known !== undefined) return known;
  const at = reader.computing.findIndex((frame) => frame.node === node && frame.name === name);
  if (at >= 0) {
    for (const frame of reader.computing.slice(at + 1)) frame.tainted = true;
    return whileComputing;
  }
  if (++reader.work > workBudget)
    throw new TooLargeError(
      `reading its schemas takes more than ${workBudget} steps (schemas that refer to each other in a loop?)`,
    );
  const frame = { node, name, tainted: false };
  reader.computing.push(frame);
  try {
    const value = compute();
    if (!frame.tainted) memo.set(node, value);
    return value;
  } finally {
    reader.computing.pop();
  }
}
const workBudget = 1_000_000;

/** The oneOf/anyOf lists of a part: a value satisfies at least one alternative of each. */
export const alternativesOf = (part: Node): Node[][] =>
  [part.oneOf, part.anyOf].filter((list): list is Node[] => Array.isArray(list) && list.length > 0);

/** Thrown past a budget: what would have to be read is out of proportion to the spec. */
export class TooLargeError extends UnreadableSpecError {
  override name = "TooLargeError";
}
