/**
 * DevRev's contract facts file (test/fixtures/devrev-contract-facts.txt), read: its sections,
 * and each line of its Shapes section as an enum or an object fact.
 */
import { readFileSync } from "node:fs";

// ---- The facts file, parsed -------------------------------------------------------------------

export const factsText = readFileSync(
  new URL("../fixtures/devrev-contract-facts.txt", import.meta.url),
  "utf8",
);
export const factLines = factsText.split("\n");

/** The lines from the one starting with `start` up to (not including) the one starting with `end`. */
export function section(start: string, end?: string): string[] {
  const from = factLines.findIndex((line) => line.startsWith(start));
  const to = end ? factLines.findIndex((line, i) => i > from && line.startsWith(end)) : -1;
  if (from < 0) throw new Error(`the facts file has no section "${start}"`);
  return factLines.slice(from + 1, to < 0 ? undefined : to);
}

export type Field = { name: string; optional: boolean; type: string };
export type EnumFact = { kind: "enum"; name: string; line: string; values: string[] };
export type ObjectFact = {
  kind: "object";
  name: string;
  line: string;
  /** `error-base AND { ... }`: the schema includes this one. */
  base: string | undefined;
  fields: Field[];
  /** `(additionalProperties: false)` */
  closed: boolean;
  /** `one of [a, b] by "type"` */
  oneOf: { variants: string[]; by: string } | undefined;
};
export type ShapeFact = EnumFact | ObjectFact;

export const objectShape =
  /^(?:(?<base>[a-z][\w-]*) AND )?\{(?<body>[^{}]*)\}(?<closed> \(additionalProperties: false\))?(?: (?:AND )?one of \[(?<variants>[^\]]*)\] by "(?<by>\w+)")?$/;

export function parseShape(line: string): ShapeFact | undefined {
  const eq = / = /.exec(line);
  if (!eq || !/^[a-z][\w-]*$/.test(line.slice(0, eq.index))) return undefined;
  const name = line.slice(0, eq.index);
  const shape = line.slice(eq.index + 3);
  if (shape.startsWith('"')) {
    return { kind: "enum", name, line, values: shape.split(" | ").map((v) => JSON.parse(v)) };
  }
  const groups = objectShape.exec(shape)?.groups;
  if (!groups) return undefined;
  const body = groups.body!.trim();
  const fields = body
    ? body.split("; ").map((text) => {
        const field = /^(\w+)(\?)?: (.+)$/.exec(text);
        if (!field) throw new Error(`cannot read the field "${text}" in: ${line}`);
        return { name: field[1]!, optional: field[2] === "?", type: field[3]! };
      })
    : [];
  return {
    kind: "object",
    name,
    line,
    base: groups.base,
    fields,
    closed: groups.closed !== undefined,
    oneOf: groups.variants ? { variants: groups.variants.split(", "), by: groups.by! } : undefined,
  };
}

// The Shapes section opens with a parenthesised legend; the fact lines follow it.
export const shapesSection = section("Shapes (");
export const legendEnd = shapesSection.findIndex((line) => line.trimEnd().endsWith(")"));
export const shapeLines = shapesSection.slice(legendEnd + 1).filter((line) => line.trim());
export const shapeFacts = shapeLines.map(parseShape).filter((f): f is ShapeFact => f !== undefined);
export const unreadShapeLines = shapeLines.filter((line) => !parseShape(line));

export const factOf = new Map(shapeFacts.map((fact) => [fact.name, fact]));
export const objectFact = (name: string) => {
  const fact = factOf.get(name);
  if (fact?.kind !== "object") throw new Error(`the facts have no object shape ${name}`);
  return fact;
};
/** For each variant a one-of lists: its parent and the property that tells them apart. */
export const parentOf = new Map<string, { parent: string; by: string }>();
for (const fact of shapeFacts) {
  if (fact.kind !== "object" || !fact.oneOf) continue;
  for (const variant of fact.oneOf.variants) {
    parentOf.set(variant, { parent: fact.name, by: fact.oneOf.by });
  }
}
/** The parent, grandparent... of a variant (a customization subtype → the customization error → error-bad-request). */
export const ancestorsOf = (name: string): string[] => {
  const parent = parentOf.get(name)?.parent;
  return parent ? [parent, ...ancestorsOf(parent)] : [];
};
/** An error body: built on error-base, or a variant of one. */
export const isErrorBody = (name: string): boolean => {
  const fact = factOf.get(name);
  if (fact?.kind === "object" && fact.base === "error-base") return true;
  return ancestorsOf(name).some(isErrorBody);
};
export const errorBase = objectFact("error-base");
