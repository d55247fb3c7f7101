/**
 * Compares two operations' facts (operation-facts.ts) and says, one line each, where they
 * differ and which side has what. Pure; `contract-diff` prints the lines.
 */
import {
  type Difference,
  compareFields,
  fieldsText,
  listed,
  requiredness,
  sets,
} from "./compare-fields.js";
import type { OperationFacts } from "./operation-facts.js";

export { type Difference, compareFields, describeDifference } from "./compare-fields.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const yesNo = (value: boolean) => (value ? "yes" : "no");

/** The request field whose values are token types: its values are named as such. */
const tokenTypeField = "requested_token_type";

/** What differs between the two sides' statuses present on both: media types, headers, bodies. */
function compareStatus(status: string, ours: OperationFacts, theirs: OperationFacts): Difference[] {
  const differences: Difference[] = [
    ...sets(
      (type) => `${status} media type ${type}`,
      ours.mediaTypes[status] ?? [],
      theirs.mediaTypes[status] ?? [],
    ),
    ...compareFields(`${status} header`, ours.headers[status] ?? {}, theirs.headers[status] ?? {}),
    ...compareFields(`${status} success`, ours.success[status] ?? {}, theirs.success[status] ?? {}),
  ];
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
  differences.push(
    ...sets(
      (disagreement) => `${status} error type ${disagreement}`,
      ours.errorTypeDisagreements[status] ?? [],
      theirs.errorTypeDisagreements[status] ?? [],
    ),
  );
  for (const type of Object.keys(ourTypes).filter((t) => t in theirTypes)) {
    // `type` is compared as the error's name, so its required-ness is compared here.
    const [mine, other] = [ours, theirs].map((side) => side.errorTypeRequired[status]?.[type]);
    if (mine !== other)
      differences.push({
        subject: `${status} ${type} field type`,
        ours: requiredness(mine === true),
        theirs: requiredness(other === true),
      });
    differences.push(
      ...compareFields(`${status} ${type} field`, ourTypes[type]!, theirTypes[type]!),
    );
  }
  return differences;
}

/**
 * Every difference that matters to a client, in a stable order: deprecation, server, security,
 * parameters (each with where it goes, required-ness and schema), the request (whether a body is
 * required, its media types, each field, nested ones and those of oneOf/anyOf alternatives
 * included, with type, format, required-ness, enum values (the token types) and constraints),
 * statuses with the error types they carry, and per status its media types, its headers (each
 * with its schema), the fields of a success body, and for each error type every field of its
 * body. Where the operation is (path, method, operationId) is compared by `contract-diff`
 * itself, as it decides which operation to compare.
 */
export function compareFacts(ours: OperationFacts, theirs: OperationFacts): Difference[] {
  const differences: Difference[] = [];
  if (ours.deprecated !== theirs.deprecated)
    differences.push({
      subject: "operation deprecated",
      ours: yesNo(ours.deprecated),
      theirs: yesNo(theirs.deprecated),
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
  differences.push(...compareFields("parameter", ours.parameters, theirs.parameters));
  if (ours.requestBodyRequired !== theirs.requestBodyRequired)
    differences.push({
      subject: "request body",
      ours: requiredness(ours.requestBodyRequired),
      theirs: requiredness(theirs.requestBodyRequired),
    });
  differences.push(
    ...sets(
      (type) => `request body media type ${type}`,
      ours.requestMediaTypes,
      theirs.requestMediaTypes,
    ),
    ...compareFields(
      "request",
      ours.requestShape ? { body: ours.requestShape } : {},
      theirs.requestShape ? { body: theirs.requestShape } : {},
    ),
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
  for (const status of ours.statuses.filter((s) => theirs.statuses.includes(s)))
    differences.push(...compareStatus(status, ours, theirs));
  return differences;
}
