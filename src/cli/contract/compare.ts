/**
 * Compares two operations' facts (operation-facts.ts) and says, one line each, where they
 * differ and which side has what. Pure; `contract-diff` prints the lines.
 */
import type { FieldFacts, Fields } from "./fields.js";
import type { OperationFacts } from "./operation-facts.js";

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

const requiredness = (required: boolean) => (required ? "required" : "optional");
const listed = (values: readonly string[]) => (values.length ? values.join(", ") : "none");
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
function fieldsText(fields: Fields): string {
  const top = Object.entries(fields).filter(([path]) => !/[.[]/.test(path));
  return top.length
    ? `fields: ${top.map(([path, field]) => `${path} (${fieldText(path, field)})`).join(", ")}`
    : "no fields of its own";
}

/** Differences between two sets of names, each reported as one side having it. */
function sets(
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

/**
 * Every way two bodies' fields differ: a field on one side only (its children not repeated),
 * its type or format, its required-ness, and each value of its enum.
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
    if (other === undefined) {
      if (!missingParent(path, theirs))
        differences.push({
          subject: subject(path),
          ours: fieldText(path, mine),
          theirs: undefined,
        });
      continue;
    }
    if (mine.type !== other.type || mine.format !== other.format)
      differences.push({
        subject: subject(path),
        ours: `${mine.type}${mine.format ? ` (${mine.format})` : ""}`,
        theirs: `${other.type}${other.format ? ` (${other.format})` : ""}`,
      });
    if (mine.required !== other.required)
      differences.push({
        subject: subject(path),
        ours: requiredness(mine.required),
        theirs: requiredness(other.required),
      });
    if (mine.enum && other.enum)
      differences.push(...sets((v) => `${valueLabel(path)} "${v}"`, mine.enum, other.enum));
    else if (mine.enum || other.enum)
      differences.push({
        subject: subject(path),
        ours: mine.enum ? `one of ${listed(mine.enum)}` : "any value of its type",
        theirs: other.enum ? `one of ${listed(other.enum)}` : "any value of its type",
      });
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

/** The request field whose values are token types: its values are named as such. */
const tokenTypeField = "requested_token_type";

/**
 * Every difference that matters to a client, in a stable order: server, security, request
 * (whether a body is required; each field, nested ones included, with type, format,
 * required-ness and enum values: the token types), statuses with the error types they carry,
 * headers, and for each error type every field of its body. Where the operation is (path,
 * method) is compared by `contract-diff` itself, as it decides which operation to compare.
 */
export function compareFacts(ours: OperationFacts, theirs: OperationFacts): Difference[] {
  const differences: Difference[] = [];
  if (!same([...ours.servers].sort(), [...theirs.servers].sort()))
    differences.push({
      subject: "server URL",
      ours: listed(ours.servers),
      theirs: listed(theirs.servers),
    });
  if (!same(ours.security, theirs.security))
    differences.push({
      subject: "security",
      ours: listed(ours.security),
      theirs: listed(theirs.security),
    });
  if (ours.requestBodyRequired !== theirs.requestBodyRequired)
    differences.push({
      subject: "request body",
      ours: requiredness(ours.requestBodyRequired),
      theirs: requiredness(theirs.requestBodyRequired),
    });
  differences.push(
    ...compareFields("request field", ours.request, theirs.request, (path) =>
      path === tokenTypeField ? "token type" : `request field ${path} value`,
    ),
  );
  const typesOf = (facts: OperationFacts, status: string) =>
    Object.keys(facts.errors[status] ?? {});
  differences.push(
    ...sets(
      (s) => `status ${s}`,
      ours.statuses,
      theirs.statuses,
      (s, side) => {
        const types = typesOf(side === "ours" ? ours : theirs, s);
        return types.length ? `error types: ${types.join(", ")}` : "";
      },
    ),
  );
  for (const status of ours.statuses.filter((s) => theirs.statuses.includes(s))) {
    differences.push(
      ...sets(
        (h) => `${status} header ${h}`,
        ours.headers[status] ?? [],
        theirs.headers[status] ?? [],
      ),
    );
    const ourTypes = ours.errors[status] ?? {};
    const theirTypes = theirs.errors[status] ?? {};
    differences.push(
      ...sets(
        (t) => `${status} error type ${t}`,
        Object.keys(ourTypes),
        Object.keys(theirTypes),
        (t, side) => fieldsText((side === "ours" ? ourTypes : theirTypes)[t]!),
      ),
    );
    for (const type of Object.keys(ourTypes).filter((t) => t in theirTypes))
      differences.push(
        ...compareFields(`${status} ${type} field`, ourTypes[type]!, theirTypes[type]!),
      );
  }
  return differences;
}
