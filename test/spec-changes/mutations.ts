/**
 * The kinds of change DevRev makes to its contract, each applied to a parsed copy of our spec
 * the way docs/contract.md tells a maintainer to follow it (the enum and the example that lists its
 * values together, a variant in its schema, the oneOf, the mapping and the `type` enum...).
 * Every name added is made up (test/support/fake-names.ts); every name removed or renamed is
 * one the project does not name itself (pinned.ts).
 */
import type { FakeNames } from "../support/fake-names.ts";

type Spec = Record<string, any>;

/** What a mutation needs besides the spec. */
export interface MutationContext {
  names: FakeNames;
  /** Token types src/, test/, the README or a guide name; never removed or renamed. */
  pinned: ReadonlySet<string>;
}

/** What generation must show after a change: strings in, or gone from, generated/. */
export interface Expected {
  /** In generated/constants.ts. */
  constants?: string[];
  /** In generated/schema.ts. */
  schema?: string[];
  /** In neither. */
  absent?: string[];
  /** In generated/openapi.json (the bundled contract the validators read). */
  bundled?: string[];
}

/**
 * Thrown when a change has nothing to act on in this spec (every token type left is one the
 * project names, say): the suite reports it as not applicable, which is no failure.
 */
export class NotApplicable extends Error {
  override name = "NotApplicable";
}

/** One kind of change. */
export interface Mutation {
  /** A short id, e.g. `add-token-types`. */
  id: string;
  /** What it does, as a sentence. */
  title: string;
  /**
   * Changes `spec` in place; returns what generation must then show: strings that must appear
   * in generated/constants.ts (`constants`) or generated/schema.ts (`schema`).
   */
  apply(spec: Spec, context: MutationContext): Expected;
}

const schemas = (spec: Spec) => spec.components.schemas;
const operation = (spec: Spec) => spec.paths["/auth-tokens.self.delete"].post;
const tokenEnum = (spec: Spec): string[] => schemas(spec)["auth-token-requested-token-type"].enum;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const quoted = (values: string[]) => values.map((value) => JSON.stringify(value));
/** The allOf part of an error schema that holds its own properties. */
const ownPart = (spec: Spec, name: string) =>
  schemas(spec)[name].allOf.find((part: Spec) => part.properties);

/** Every example of every response, as its value. */
function responseExamples(spec: Spec): Spec[] {
  return Object.values<Spec>(spec.components.responses ?? {}).flatMap((response) =>
    Object.values<Spec>(response.content?.["application/json"]?.examples ?? {}).map(
      (example) => example.value,
    ),
  );
}

/** Examples that list a request field's allowed values list the enum's (generation checks it). */
function syncAllowedValues(spec: Spec): void {
  for (const value of responseExamples(spec)) {
    if (value?.field_name === "requested_token_type" && Array.isArray(value.allowed_values))
      value.allowed_values = [...tokenEnum(spec)];
  }
}

/**
 * The token types a mutation may remove or rename: DevRev's, less those the project names (a
 * type another change made up is left to it).
 */
const unpinned = (spec: Spec, context: MutationContext) =>
  tokenEnum(spec).filter((type) => !context.pinned.has(type) && !type.includes(context.names.stem));

/** In an order that lets them all apply to one spec: renaming before removing what is left. */
export const mutations: Mutation[] = [
  {
    id: "add-token-types",
    title: "add three token types",
    apply(spec, { names }) {
      const added = [names.tokenType(), names.tokenType(), names.tokenType()];
      tokenEnum(spec).push(...added);
      syncAllowedValues(spec);
      return { constants: quoted(added) };
    },
  },
  {
    id: "rename-token-types",
    title: "rename two of DevRev's token types (one if only one is free), in place",
    apply(spec, context) {
      const free = unpinned(spec, context).slice(0, 2);
      if (free.length === 0)
        throw new NotApplicable("every token type left is one the project names");
      const renamed = new Map(free.map((type) => [type, context.names.tokenType()]));
      schemas(spec)["auth-token-requested-token-type"].enum = tokenEnum(spec).map(
        (type) => renamed.get(type) ?? type,
      );
      syncAllowedValues(spec);
      return { constants: quoted([...renamed.values()]), absent: quoted([...renamed.keys()]) };
    },
  },
  {
    id: "remove-token-types",
    title: "remove every token type the project does not name (DevRev's own names among them)",
    apply(spec, context) {
      const removed = unpinned(spec, context);
      if (removed.length === 0)
        throw new NotApplicable("every token type left is one the project names");
      const kept = tokenEnum(spec).filter((type) => !removed.includes(type));
      schemas(spec)["auth-token-requested-token-type"].enum = kept;
      syncAllowedValues(spec);
      return { constants: quoted(kept), absent: quoted(removed) };
    },
  },
  {
    id: "add-error-status",
    title: "add an error status with a new error body (its type, an int32 field, an example)",
    apply(spec, { names }) {
      const responses = operation(spec).responses;
      const status = ["409", "410", "422", "451"].find((s) => !(s in responses))!;
      const base = names.kebab();
      const [body, typeSchema, type, field] = [
        `error-${base}`,
        `error-${base}-type`,
        names.snake(),
        names.snake(),
      ];
      schemas(spec)[typeSchema] = {
        type: "string",
        description: `Every \`type\` a ${status} body may carry.`,
        enum: [type],
      };
      schemas(spec)[body] = {
        description: `A ${status} body.`,
        allOf: [
          ref("error-base"),
          {
            type: "object",
            required: ["type"],
            properties: {
              type: ref(typeSchema),
              // A format the spec did not use before: validators must take it in their stride.
              [field]: { type: "integer", format: "int32", minimum: 0, description: "A count." },
            },
          },
        ],
      };
      spec.components.responses[base] = {
        description: "A conflict with the state of the caller's tokens.",
        content: {
          "application/json": {
            schema: ref(body),
            examples: {
              [names.kebab()]: {
                summary: "The new error",
                value: { type, message: "Something conflicts.", [field]: 1 },
              },
            },
          },
        },
      };
      responses[status] = { $ref: `#/components/responses/${base}` };
      operation(spec).responses = Object.fromEntries(
        Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)),
      );
      return { constants: [`"${status}"`, JSON.stringify(type)] };
    },
  },
  {
    id: "add-variants",
    title: "add a variant to an existing status: a 400 variant with fields, a second 403 type",
    apply(spec, { names }) {
      const [variant, type, required, optional] = [
        `error-bad-request-${names.kebab()}`,
        names.snake(),
        names.snake(),
        names.snake(),
      ];
      schemas(spec)[variant] = {
        description: "A variant DevRev added.",
        allOf: [
          ref("error-base"),
          {
            type: "object",
            required: ["type", required],
            properties: {
              type: { const: type },
              [required]: { type: "string", description: "What it is about." },
              [optional]: { type: "boolean", description: "Whether it matters." },
            },
          },
        ],
      };
      const badRequest = schemas(spec)["error-bad-request"];
      badRequest.oneOf.push(ref(variant));
      badRequest.discriminator.mapping[type] = `#/components/schemas/${variant}`;
      schemas(spec)["error-bad-request-type"].enum.push(type);
      const forbidden = names.snake();
      schemas(spec)["error-forbidden-type"].enum.push(forbidden);
      return { constants: quoted([type, forbidden]) };
    },
  },
  {
    id: "add-request-field",
    title: "add an optional request field",
    apply(spec, { names }) {
      const field = names.snake();
      schemas(spec)["auth-tokens-self-delete-request"].properties[field] = {
        type: "boolean",
        description: "A field DevRev added.",
      };
      return { constants: [JSON.stringify(field)], schema: [`${field}?: boolean;`] };
    },
  },
  {
    id: "add-error-fields",
    title: "add an optional field to every error body (error-base) and a date-time to the 429's",
    apply(spec, { names }) {
      const [shared, own] = [names.snake(), names.snake()];
      schemas(spec)["error-base"].properties[shared] = {
        type: "string",
        description: "A field DevRev added to every error.",
      };
      ownPart(spec, "error-too-many-requests").properties[own] = {
        type: "string",
        format: "date-time",
        description: "A field DevRev added to the 429.",
      };
      return { schema: [`${shared}?: string;`, `${own}?: string;`] };
    },
  },
  {
    id: "require-error-fields",
    title: "make error fields required: every error's detail, the 500's reference_id",
    apply(spec) {
      const base = schemas(spec)["error-base"];
      base.required = [...(base.required ?? []), "detail"];
      ownPart(spec, "error-internal-server-error").required.push("reference_id");
      // The examples follow, as the contract now demands (Redocly checks them).
      for (const value of responseExamples(spec)) value.detail ??= "More about the error.";
      return { schema: ["detail: string;", "reference_id: string;"] };
    },
  },
  {
    id: "add-annotations",
    title:
      "add what DevRev's spec carries beside JSON Schema: x-fern-*, x-go-name, externalDocs, xml",
    apply(spec, { names }) {
      const own = `x-${names.kebab()}`;
      // On an enum no other change touches (one keyed by token types would have to follow them).
      const jsonType = schemas(spec)["error-bad-request-unexpected-json-type-type"];
      jsonType["x-fern-enum"] = Object.fromEntries(
        jsonType.enum.map((value: string) => [value, { name: value.toUpperCase() }]),
      );
      schemas(spec)["error-too-many-requests"]["x-go-name"] = "ErrorTooManyRequests";
      schemas(spec)["error-forbidden"].externalDocs = {
        description: "DevRev's errors.",
        url: "https://developer.devrev.ai/",
      };
      schemas(spec)["error-forbidden"].xml = { name: "error" };
      schemas(spec)["error-base"].properties.message[own] = { kept: true };
      operation(spec)["x-fern-availability"] = "generally-available";
      return { bundled: ['"x-fern-enum"', '"x-go-name"', '"externalDocs"', '"xml"', `"${own}"`] };
    },
  },
];
