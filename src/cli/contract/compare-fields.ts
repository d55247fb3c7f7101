/**
 * How two sides' facts differ, one `Difference` each, and how a difference is said: the
 * vocabulary compare.ts builds its comparison of two operations from. Pure.
 */
import type { FieldFacts, Fields } from "./fields.js";
import { type ConstraintValue, constraintKeywords } from "./schema-values.js";

/** One difference between our contract and theirs. */
export interface Difference {
  /** What differs, e.g. `token type "urn:…"` or `429 too_many_requests field retry_after`. */
  subject: string;
  /** What our side has, or undefined when it lacks the subject. */
  ours: string | undefined;
  /** What their side has, or undefined when it lacks the subject. */
  theirs: string | undefined;
}

/**
 * `subject: theirs has it (…), ours does not` and the like.
 *
 * @example
 * ```ts
 * describeDifference({ subject: "status 409", ours: undefined, theirs: "error types: conflict" });
 * // "status 409: theirs has it (error types: conflict), ours does not"
 * ```
 */
export function describeDifference({ subject, ours, theirs }: Difference): string {
  if (ours === undefined)
    return `${subject}: theirs has it${theirs ? ` (${theirs})` : ""}, ours does not`;
  if (theirs === undefined)
    return `${subject}: ours has it${ours ? ` (${ours})` : ""}, theirs does not`;
  return `${subject}: ours ${ours}, theirs ${theirs}`;
}

export const requiredness = (required: boolean) => (required ? "required" : "optional");
export const listed = (values: readonly string[]) => (values.length ? values.join(", ") : "none");
/** A value as it is shown: quoted as JSON, so no value can pass for something else. */
export const quoted = (value: string) => JSON.stringify(value);

/** `integer (int64)`, `string`, `string, one of 6 values`. */
function typeText(field: FieldFacts): string {
  const format = field.format ? ` (${field.format})` : "";
  const values = field.enum
    ? `, one of ${field.enum.length} value${field.enum.length === 1 ? "" : "s"}`
    : "";
  return `${field.type}${format}${values}`;
}

/** `optional integer (int64)`; an array's items are not optional, so only their type is said. */
function fieldText(path: string, field: FieldFacts): string {
  return path.endsWith("[]")
    ? typeText(field)
    : `${requiredness(field.required)} ${typeText(field)}`;
}

/** The fields of a body in a few words: `limit (required integer), note (optional string)`. */
export function fieldsText(fields: Fields): string {
  const top = Object.entries(fields).filter(([path]) => !/[.[]/.test(path));
  return top.length
    ? `fields: ${top.map(([path, field]) => `${path} (${fieldText(path, field)})`).join(", ")}`
    : "no fields of its own";
}

/** Differences between two sets of names, each reported as one side having it. */
export function sets(
  subject: (name: string) => string,
  ours: readonly string[],
  theirs: readonly string[],
  detail: (name: string, side: "ours" | "theirs") => string = () => "",
): Difference[] {
  return [
    ...ours
      .filter((n) => !theirs.includes(n))
      .map((n) => ({ subject: subject(n), ours: detail(n, "ours"), theirs: undefined })),
    ...theirs
      .filter((n) => !ours.includes(n))
      .map((n) => ({ subject: subject(n), ours: undefined, theirs: detail(n, "theirs") })),
  ];
}

/** The nearest enclosing field of `path` (`a` of `a.b`, `a` of `a[]`). */
const parentOf = (path: string) => path.replace(/(\.[^.[]+|\[\])$/, "");
const constraintText = (value: ConstraintValue | undefined): string =>
  value === undefined
    ? "none"
    : Array.isArray(value)
      ? value.map((each) => constraintText(each)).join(" and ")
      : typeof value === "string"
        ? quoted(value)
        : String(value);

/** How one field present on both sides differs. */
function fieldDifferences(
  subject: string,
  mine: FieldFacts,
  other: FieldFacts,
  valueLabel: string,
): Difference[] {
  const differences: Difference[] = [];
  if (mine.type !== other.type || mine.format !== other.format)
    differences.push({
      subject,
      ours: `${mine.type}${mine.format ? ` (${mine.format})` : ""}`,
      theirs: `${other.type}${other.format ? ` (${other.format})` : ""}`,
    });
  if (mine.required !== other.required)
    differences.push({
      subject,
      ours: requiredness(mine.required),
      theirs: requiredness(other.required),
    });
  // Values are compared by their JSON text: the string "null" is not null, "1" is not 1.
  if (mine.enum && other.enum)
    differences.push(...sets((v) => `${valueLabel} ${v}`, mine.enum, other.enum));
  else if (mine.enum || other.enum)
    differences.push({
      subject,
      ours: mine.enum ? `one of ${listed(mine.enum)}` : "any value of its type",
      theirs: other.enum ? `one of ${listed(other.enum)}` : "any value of its type",
    });
  for (const keyword of constraintKeywords) {
    const [a, b] = [mine.constraints?.[keyword], other.constraints?.[keyword]];
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push({
        subject: `${subject} ${keyword}`,
        ours: constraintText(a),
        theirs: constraintText(b),
      });
  }
  if (Boolean(mine.deprecated) !== Boolean(other.deprecated))
    differences.push({
      subject,
      ours: mine.deprecated ? "deprecated" : "not deprecated",
      theirs: other.deprecated ? "deprecated" : "not deprecated",
    });
  return differences;
}

/**
 * Every way two bodies' fields differ: a field on one side only (its children not repeated),
 * its type or format, its required-ness, each value of its enum, each constraint, and whether
 * it is deprecated.
 */
export function compareFields(
  label: string,
  ours: Fields,
  theirs: Fields,
  valueLabel: (path: string) => string = (path) => `${label} ${path} value`,
): Difference[] {
  const differences: Difference[] = [];
  const subject = (path: string) => `${label} ${path}`;
  const missingParent = (path: string, side: Fields) =>
    parentOf(path) !== path && side[parentOf(path)] === undefined;
  for (const path of Object.keys(ours)) {
    const mine = ours[path]!;
    const other = theirs[path];
    if (other !== undefined)
      differences.push(...fieldDifferences(subject(path), mine, other, valueLabel(path)));
    else if (!missingParent(path, theirs))
      differences.push({ subject: subject(path), ours: fieldText(path, mine), theirs: undefined });
  }
  for (const path of Object.keys(theirs)) {
    if (path in ours || missingParent(path, ours)) continue;
    differences.push({
      subject: subject(path),
      ours: undefined,
      theirs: fieldText(path, theirs[path]!),
    });
  }
  return differences;
}
