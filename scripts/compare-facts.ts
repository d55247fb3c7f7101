/**
 * Compares two operations' facts (scripts/operation-facts.ts) and says, one line each, where
 * they differ and which side has what. Pure; `contract:diff` prints the lines.
 */
import type { OperationFacts } from "./operation-facts.ts";

/** One difference between our contract and theirs. */
export interface Difference {
  /** What differs, e.g. `token type "urn:…:agent"` or `429 header retry-after`. */
  subject: string;
  /** What our side has, or undefined when it lacks the subject. */
  ours: string | undefined;
  /** What their side has, or undefined when it lacks the subject. */
  theirs: string | undefined;
}

/** `subject: theirs has it, ours does not` and the like. */
export function describeDifference({ subject, ours, theirs }: Difference): string {
  if (ours === undefined)
    return `${subject}: theirs has it${theirs ? ` (${theirs})` : ""}, ours does not`;
  if (theirs === undefined)
    return `${subject}: ours has it${ours ? ` (${ours})` : ""}, theirs does not`;
  return `${subject}: ours ${ours}, theirs ${theirs}`;
}

const requiredness = (required: boolean) => (required ? "required" : "optional");

/** Differences between two sets of names, each reported as one side having it. */
function sets(subject: (name: string) => string, ours: string[], theirs: string[]): Difference[] {
  return [
    ...ours
      .filter((n) => !theirs.includes(n))
      .map((n) => ({ subject: subject(n), ours: "", theirs: undefined })),
    ...theirs
      .filter((n) => !ours.includes(n))
      .map((n) => ({ subject: subject(n), ours: undefined, theirs: "" })),
  ];
}

/** Fields that one side lacks or that are required on one side only. */
function fields(
  subject: (name: string) => string,
  ours: Record<string, boolean>,
  theirs: Record<string, boolean>,
): Difference[] {
  const differences: Difference[] = [];
  for (const name of Object.keys(ours)) {
    const other = theirs[name];
    if (other === undefined)
      differences.push({
        subject: subject(name),
        ours: requiredness(ours[name]!),
        theirs: undefined,
      });
    else if (other !== ours[name])
      differences.push({
        subject: subject(name),
        ours: requiredness(ours[name]!),
        theirs: requiredness(other),
      });
  }
  for (const name of Object.keys(theirs)) {
    if (!(name in ours))
      differences.push({
        subject: subject(name),
        ours: undefined,
        theirs: requiredness(theirs[name]!),
      });
  }
  return differences;
}

const listed = (values: string[]) => (values.length ? values.join(", ") : "none");

/**
 * Every difference that matters to a client, in a stable order: where the operation is, server,
 * security, request (fields, required-ness, enums: token types), statuses, headers, error types
 * and their fields. How schemas are shaped (open or closed, allOf or oneOf) is not compared.
 */
export function compareFacts(ours: OperationFacts, theirs: OperationFacts): Difference[] {
  const differences: Difference[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (ours.path !== theirs.path)
    differences.push({
      subject: `path of ${ours.operationId ?? "the operation"}`,
      ours: ours.path,
      theirs: theirs.path,
    });
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
    ...fields((n) => `request field ${n}`, ours.requestFields, theirs.requestFields),
  );
  for (const field of Object.keys(ours.requestEnums).filter((f) => f in theirs.requestEnums)) {
    const label = field === "requested_token_type" ? "token type" : `${field} value`;
    differences.push(
      ...sets((v) => `${label} "${v}"`, ours.requestEnums[field]!, theirs.requestEnums[field]!),
    );
  }
  differences.push(...sets((s) => `status ${s}`, ours.statuses, theirs.statuses));
  for (const status of ours.statuses.filter((s) => theirs.statuses.includes(s))) {
    differences.push(
      ...sets(
        (h) => `${status} header ${h}`,
        ours.headers[status] ?? [],
        theirs.headers[status] ?? [],
      ),
    );
    const ourTypes = ours.errorTypes[status] ?? {};
    const theirTypes = theirs.errorTypes[status] ?? {};
    differences.push(
      ...sets((t) => `${status} error type ${t}`, Object.keys(ourTypes), Object.keys(theirTypes)),
    );
    for (const type of Object.keys(ourTypes).filter((t) => t in theirTypes)) {
      differences.push(
        ...fields((f) => `${status} ${type} field ${f}`, ourTypes[type]!, theirTypes[type]!),
      );
    }
  }
  return differences;
}
