/**
 * The maintainer's loop, as docs/contract.md walks it: DevRev publishes its next spec (here, the
 * one in test/fixtures/ with a token type added, a 409 on the operation and a new 400 variant,
 * each written as DevRev writes its spec), and the maintainer follows it in openapi/, written as
 * ours is. run.ts takes a copy of the project through `upstream:refresh`, `contract:diff` (the
 * drift, then none), `generate` and the whole of `npm test`, test/upstream/ included.
 */
import type { FakeNames } from "../support/fake-names.ts";

type Spec = Record<string, any>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const operation = (spec: Spec) => spec.paths["/auth-tokens.self.delete"].post;
const sortedByStatus = (responses: Spec) =>
  Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));

/** What DevRev adds in its next release, named once for both sides. */
export interface NextRelease {
  tokenType: string;
  variantType: string;
  variantSchema: string;
  field: string;
}

export function nextRelease(names: FakeNames): NextRelease {
  return {
    tokenType: names.tokenType(),
    variantType: names.snake(),
    variantSchema: `error-bad-request-${names.kebab()}`,
    field: names.snake(),
  };
}

/** DevRev's spec with the release: closed variants, discriminators, its `conflict` response. */
export function devrevNext(published: Spec, next: NextRelease): Spec {
  const schemas = published.components.schemas;
  schemas["auth-token-requested-token-type"].enum.push(next.tokenType);
  schemas[next.variantSchema] = {
    type: "object",
    properties: { [next.field]: { type: "integer", format: "int32" } },
    required: [next.field],
    title: next.variantSchema,
  };
  schemas["error-bad-request-type"].enum.push(next.variantType);
  const part = schemas["error-bad-request"].allOf.find((p: Spec) => p.oneOf);
  part.oneOf.push(ref(next.variantSchema));
  part.discriminator.mapping[next.variantType] = `#/components/schemas/${next.variantSchema}`;
  if (!published.components.responses.conflict)
    throw new Error("DevRev's spec has no `conflict` response to add to the operation");
  operation(published).responses["409"] = { $ref: "#/components/responses/conflict" };
  operation(published).responses = sortedByStatus(operation(published).responses);
  return published;
}

/** Our spec following the release, by the recipes of docs/contract.md. */
export function oursFollowing(ours: Spec, next: NextRelease): Spec {
  const schemas = ours.components.schemas;
  schemas["auth-token-requested-token-type"].enum.push(next.tokenType);
  const badRequest = ours.components.responses["bad-request"].content["application/json"];
  badRequest.examples["invalid-enum-value"].value.allowed_values.push(next.tokenType);
  schemas[next.variantSchema] = {
    description: "A variant DevRev added.",
    allOf: [
      ref("error-base"),
      {
        type: "object",
        required: ["type", next.field],
        properties: {
          type: { const: next.variantType },
          [next.field]: { type: "integer", format: "int32", description: "A limit." },
        },
      },
    ],
  };
  schemas["error-bad-request-type"].enum.push(next.variantType);
  schemas["error-bad-request"].oneOf.push(ref(next.variantSchema));
  schemas["error-bad-request"].discriminator.mapping[next.variantType] =
    `#/components/schemas/${next.variantSchema}`;
  schemas["error-conflict-type"] = {
    type: "string",
    description: "Every `type` a 409 body may carry.",
    enum: ["conflict"],
  };
  schemas["error-conflict"] = {
    description: "A 409 body.",
    allOf: [
      ref("error-base"),
      { type: "object", required: ["type"], properties: { type: ref("error-conflict-type") } },
    ],
  };
  ours.components.responses.conflict = {
    description: "The request conflicts with the state of the caller's tokens.",
    content: {
      "application/json": {
        schema: ref("error-conflict"),
        examples: {
          "in-progress": {
            summary: "Another revocation is running",
            value: { type: "conflict", message: "Another revocation of these tokens is running." },
          },
        },
      },
    },
  };
  operation(ours).responses["409"] = { $ref: "#/components/responses/conflict" };
  operation(ours).responses = sortedByStatus(operation(ours).responses);
  return ours;
}

/** The lines `contract:diff` must print between DevRev's next spec and ours before following. */
export function expectedDrift(next: NextRelease): string[] {
  return [
    `token type "${next.tokenType}": theirs has it, ours does not`,
    "status 409: theirs has it (error types: conflict), ours does not",
    `400 error type ${next.variantType}: theirs has it (fields: detail (optional string), message (optional string), ${next.field} (required integer (int32))), ours does not`,
  ];
}
