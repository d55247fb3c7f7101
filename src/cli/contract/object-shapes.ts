/**
 * The object a schema describes: its properties, each with every schema that holds of it, and
 * the names it requires. The parts of a conjunction (allOf, `$ref`) each add theirs; the
 * alternatives of a oneOf/anyOf add what any of them gives, required when all of them require it.
 */
import type { Node } from "./document.js";
import { type Reader, alternativesOf, partsOf, remembered } from "./schema-parts.js";
import { valueFacts } from "./schema-values.js";

/** A schema's properties and required names, as the parts of a conjunction give them. */
export interface ObjectView {
  properties: Map<string, Node[]>;
  required: Set<string>;
}

/**
 * The properties and `required` of every part of `nodes` (not of their oneOf/anyOf alternatives).
 *
 * @example
 * ```ts
 * objectView(reader, [{ $ref: "#/components/schemas/error-forbidden" }]).properties.has("type"); // true
 * ```
 */
export function objectView(reader: Reader, nodes: readonly Node[]): ObjectView {
  const view: ObjectView = { properties: new Map(), required: new Set() };
  for (const part of partsOf(reader, nodes)) {
    for (const [name, property] of Object.entries<Node>(part.properties ?? {}))
      view.properties.set(name, [...(view.properties.get(name) ?? []), property]);
    for (const name of Array.isArray(part.required) ? part.required : [])
      view.required.add(String(name));
  }
  return view;
}

/** A property as a shape gives it: its schemas (all hold), and the parts that declare it. */
export interface Property {
  schemas: Node[];
  /** The parts whose `properties` name it: a value described by one of them again recurses. */
  declaredBy: Node[];
}

/** An object as its schema describes it: its properties, and the names it requires. */
export interface Shape {
  properties: Map<string, Property>;
  required: Set<string>;
}

/** Each once: alternatives that share a schema would otherwise double it at every level. */
const once = <T>(items: T[]) => [...new Set(items)];

function add(shape: Shape, name: string, property: Property): void {
  const known = shape.properties.get(name);
  if (!known) shape.properties.set(name, { ...property });
  else
    shape.properties.set(name, {
      schemas: once([...known.schemas, ...property.schemas]),
      declaredBy: once([...known.declaredBy, ...property.declaredBy]),
    });
}

/**
 * The object `nodes` describe: the view of their parts, and what their alternatives add.
 *
 * @example
 * ```ts
 * shapeOf(reader, [schema]).required; // Set { "type" }
 * ```
 */
export function shapeOf(reader: Reader, nodes: readonly Node[]): Shape {
  if (nodes.length === 1)
    return remembered(reader, "shape", nodes[0]!, () => joinedShape(reader, nodes), emptyShape);
  return joinedShape(reader, nodes);
}
const emptyShape: Shape = { properties: new Map(), required: new Set() };

function joinedShape(reader: Reader, nodes: readonly Node[]): Shape {
  const shape: Shape = { properties: new Map(), required: new Set() };
  for (const part of partsOf(reader, nodes)) {
    for (const [name, property] of Object.entries<Node>(part.properties ?? {}))
      add(shape, name, { schemas: [property], declaredBy: [part] });
    for (const name of Array.isArray(part.required) ? part.required : [])
      shape.required.add(String(name));
    for (const alternatives of alternativesOf(part)) {
      const either = eitherShape(reader, alternatives);
      for (const [name, property] of either.properties) add(shape, name, property);
      for (const name of either.required) shape.required.add(name);
    }
  }
  return shape;
}

/**
 * The object one of `alternatives` describes: a field any alternative gives is a field of the
 * value (its schemas those alternatives give it, any of which may hold); a field is required
 * when every alternative that is an object requires it ("required" says what such a value
 * always has; an alternative of `required` alone is such a constraint too).
 */
function eitherShape(reader: Reader, alternatives: Node[]): Shape {
  return remembered(
    reader,
    "either-shape",
    alternatives,
    () => {
      const shapes = alternatives
        .map((alternative) => ({ alternative, shape: shapeOf(reader, [alternative]) }))
        .filter(
          ({ alternative, shape }) =>
            shape.properties.size > 0 ||
            shape.required.size > 0 ||
            valueFacts(reader, [alternative]).types?.has("object"),
        )
        .map(({ shape }) => shape);
      // A name an alternative requires without a property for it is a field too, of any type.
      const names = new Set(
        shapes.flatMap((shape) => [...shape.properties.keys(), ...shape.required]),
      );
      const either: Shape = { properties: new Map(), required: new Set() };
      for (const name of names) {
        const giving = once(shapes.flatMap((shape) => shape.properties.get(name) ?? []));
        either.properties.set(name, {
          schemas: [{ anyOf: giving.map((property) => ({ allOf: property.schemas })) }],
          declaredBy: once(giving.flatMap((property) => property.declaredBy)),
        });
      }
      for (const name of shapes[0]?.required ?? [])
        if (shapes.every((shape) => shape.required.has(name))) either.required.add(name);
      return either;
    },
    emptyShape,
  );
}
