/**
 * The bundled contract (generated/openapi.json) carries every fact of DevRev's contract facts
 * (test/fixtures/devrev-contract-facts.txt). The facts file is parsed here, not copied: each fact
 * line becomes one test named after it, so a failure says which fact the spec no longer honours.
 *
 * Two deliberate differences from the published spec shape how some facts are checked (the
 * spec's info.description and the facts' "Known pitfall" explain why):
 *
 * 1. Error bodies are never closed. The facts mark many empty variants
 *    `(additionalProperties: false)`; in an error body that rejects the base's own
 *    `message`/`detail` (and even `type`). So for every error body (a schema built on error-base,
 *    or a variant of one) the test asserts the opposite: nothing closes it, and a body carrying
 *    the base fields is accepted. Closed shapes that are not error bodies (the merge-works
 *    error's empty `closed` and `locked` reasons) must stay closed.
 *
 * 2. Empty variants are folded into their parent. The facts name one empty variant per
 *    discriminator value, e.g. `error-forbidden = error-base AND { type: error-forbidden-type }
 *    one of [error-forbidden-forbidden] by "type"` with `error-forbidden-forbidden = {  }`.
 *    A variant without fields adds nothing but its discriminator value, so the spec leaves it
 *    out: error-forbidden is allOf(error-base, { type: error-forbidden-type }), and the
 *    customization error's sixteen empty subtype variants are its `subtype` enum. A variant's
 *    value is its name after the parent's, kebab-case to snake_case (error-forbidden-forbidden →
 *    "forbidden", error-bad-request-customization-validation-error-bad-id-type → "bad_id_type").
 *    For a variant the spec does not name, the test asserts the fact itself: the parent admits
 *    that value, requires nothing beyond its own listed fields, and accepts a body of that variant.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { createContractValidator } from "../support/contract.ts";

const contract = createContractValidator();
const spec = contract.spec;
const schemas = spec.components.schemas!;

// ---- The facts file, parsed -------------------------------------------------------------------

const factsText = readFileSync(
  new URL("../fixtures/devrev-contract-facts.txt", import.meta.url),
  "utf8",
);
const factLines = factsText.split("\n");

/** The lines from the one starting with `start` up to (not including) the one starting with `end`. */
function section(start: string, end?: string): string[] {
  const from = factLines.findIndex((line) => line.startsWith(start));
  const to = end ? factLines.findIndex((line, i) => i > from && line.startsWith(end)) : -1;
  if (from < 0) throw new Error(`the facts file has no section "${start}"`);
  return factLines.slice(from + 1, to < 0 ? undefined : to);
}

type Field = { name: string; optional: boolean; type: string };
type EnumFact = { kind: "enum"; name: string; line: string; values: string[] };
type ObjectFact = {
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
type ShapeFact = EnumFact | ObjectFact;

const objectShape =
  /^(?:(?<base>[a-z][\w-]*) AND )?\{(?<body>[^{}]*)\}(?<closed> \(additionalProperties: false\))?(?: (?:AND )?one of \[(?<variants>[^\]]*)\] by "(?<by>\w+)")?$/;

function parseShape(line: string): ShapeFact | undefined {
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
const shapesSection = section("Shapes (");
const legendEnd = shapesSection.findIndex((line) => line.trimEnd().endsWith(")"));
const shapeLines = shapesSection.slice(legendEnd + 1).filter((line) => line.trim());
const shapeFacts = shapeLines.map(parseShape).filter((f): f is ShapeFact => f !== undefined);
const unreadShapeLines = shapeLines.filter((line) => !parseShape(line));

const factOf = new Map(shapeFacts.map((fact) => [fact.name, fact]));
const objectFact = (name: string) => {
  const fact = factOf.get(name);
  if (fact?.kind !== "object") throw new Error(`the facts have no object shape ${name}`);
  return fact;
};
/** For each variant a one-of lists: its parent and the property that tells them apart. */
const parentOf = new Map<string, { parent: string; by: string }>();
for (const fact of shapeFacts) {
  if (fact.kind !== "object" || !fact.oneOf) continue;
  for (const variant of fact.oneOf.variants) {
    parentOf.set(variant, { parent: fact.name, by: fact.oneOf.by });
  }
}
/** The parent, grandparent... of a variant (a customization subtype → the customization error → error-bad-request). */
const ancestorsOf = (name: string): string[] => {
  const parent = parentOf.get(name)?.parent;
  return parent ? [parent, ...ancestorsOf(parent)] : [];
};
/** An error body: built on error-base, or a variant of one. */
const isErrorBody = (name: string): boolean => {
  const fact = factOf.get(name);
  if (fact?.kind === "object" && fact.base === "error-base") return true;
  return ancestorsOf(name).some(isErrorBody);
};
const errorBase = objectFact("error-base");

// ---- The contract, read -----------------------------------------------------------------------

const refTo = (name: string) => `#/components/schemas/${name}`;
const nameOf = (ref: string) => {
  if (!ref.startsWith("#/components/schemas/")) throw new Error(`unexpected reference ${ref}`);
  return ref.slice("#/components/schemas/".length);
};
const deref = (node: any): any => {
  while (node?.$ref) node = schemas[nameOf(node.$ref)];
  return node;
};

/** A schema and everything it joins with allOf, references resolved, itself first. */
const allOfParts = (node: any): any[] => {
  const schema = deref(node);
  return [schema, ...(schema.allOf ?? []).flatMap(allOfParts)];
};

/** What an object schema amounts to once its allOf parts are joined. */
function objectView(node: any) {
  const parts = allOfParts(node);
  const properties = new Map<string, any[]>();
  const required = new Set<string>();
  for (const part of parts) {
    for (const [name, schema] of Object.entries<any>(part.properties ?? {})) {
      properties.set(name, [...(properties.get(name) ?? []), schema]);
    }
    for (const name of part.required ?? []) required.add(name);
  }
  return {
    properties,
    required,
    closed: parts.some(
      (p) => p.additionalProperties === false || p.unevaluatedProperties === false,
    ),
    oneOf: parts.flatMap((p) => (p.oneOf ?? []).map((branch: any) => nameOf(branch.$ref))),
    discriminators: parts.flatMap((p) => (p.discriminator ? [p.discriminator] : [])),
  };
}

/** A property's schema in the facts' notation: `string (format id)`, `x[]`, `"a" | "b"`, a schema name. */
function render(node: any): string {
  if (node.$ref) return nameOf(node.$ref);
  if (node.enum) return node.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.type === "array") return `${render(node.items)}[]`;
  const notes = [
    node.format !== undefined ? `format ${node.format}` : undefined,
    node.maxLength !== undefined ? `maxLength ${node.maxLength}` : undefined,
  ].filter((note) => note !== undefined);
  return notes.length ? `${node.type} (${notes.join(", ")})` : String(node.type);
}

const literals = (node: any): string[] | undefined => {
  const schema = deref(node);
  if (schema.const !== undefined) return [String(schema.const)];
  return schema.enum?.map(String);
};

/** The values `property` may take in a body matching `node`: allOf narrows, oneOf widens. */
function admitted(node: any, property: string): string[] | undefined {
  const schema = deref(node);
  let allowed: string[] | undefined;
  const narrow = (values: string[] | undefined) => {
    if (values) allowed = allowed ? allowed.filter((v) => values.includes(v)) : values;
  };
  if (schema.properties?.[property]) narrow(literals(schema.properties[property]));
  for (const part of schema.allOf ?? []) narrow(admitted(part, property));
  const branches: (string[] | undefined)[] = (schema.oneOf ?? []).map((b: any) =>
    admitted(b, property),
  );
  if (branches.length && branches.every((b): b is string[] => b !== undefined)) {
    narrow([...new Set(branches.flat())]);
  }
  return allowed;
}

/** A smallest value a schema accepts: every required property, each with a plain value. */
function sample(node: any): unknown {
  const schema = deref(node);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.type === "array") return [];
  if (schema.type === "string") return "x";
  if (schema.type === "boolean") return false;
  if (schema.type === "integer" || schema.type === "number") return 0;
  const view = objectView(node);
  // The last definition of a property is the most specific one (a variant's `const` type
  // comes after error-base's plain string).
  return Object.fromEntries(
    [...view.required].map((name) => [name, sample(view.properties.get(name)?.at(-1) ?? {})]),
  );
}

/** The value a folded variant stands for, read from its name (see the header comment). */
const foldedValue = (parent: string, variant: string, values: string[]) =>
  values.find((value) => `${parent}-${value.replaceAll("_", "-")}` === variant);

/**
 * The properties a shape has without listing them: a variant its discriminator; an error body
 * error-base's fields and `type` (which the contract declares in error-base itself, since every
 * error body requires it, while the facts list it per status).
 */
function inheritedFields(name: string): Set<string> {
  const inherited = new Set<string>();
  const variantOf = parentOf.get(name);
  if (variantOf) inherited.add(variantOf.by);
  if (name === "error-base" || isErrorBody(name)) {
    for (const field of ["type", ...errorBase.fields.map((f) => f.name)]) inherited.add(field);
  }
  return inherited;
}

const baseFields = { message: "A human-readable explanation.", detail: "More, for debugging." };

// ---- One test per fact ------------------------------------------------------------------------

function checkEnum(fact: EnumFact) {
  const schema = schemas[fact.name];
  expect(schema, `the contract has a schema ${fact.name}`).toBeDefined();
  expect(schema.type).toBe("string");
  expect(schema.enum).toEqual(fact.values);
}

function checkObject(fact: ObjectFact) {
  if (!schemas[fact.name]) return checkFoldedVariant(fact);
  const node = { $ref: refTo(fact.name) };
  const view = objectView(node);

  if (fact.base) expect(schemas[fact.name].allOf ?? []).toContainEqual({ $ref: refTo(fact.base) });

  for (const field of fact.fields) {
    const definitions = view.properties.get(field.name);
    expect(definitions, `${fact.name} has the property ${field.name}`).toBeDefined();
    expect(definitions!.map(render), `the type of ${fact.name}.${field.name}`).toContain(
      field.type,
    );
    expect(
      view.required.has(field.name),
      `${fact.name}.${field.name} is ${field.optional ? "optional" : "required"}`,
    ).toBe(!field.optional);
    // A field typed by an enum schema admits exactly that enum's values: no allOf part narrows
    // it, and (for error-bad-request's `type`) the oneOf variants cover every value.
    const named = factOf.get(field.type);
    if (named?.kind === "enum") {
      expect([...(admitted(node, field.name) ?? [])].sort(), `the ${field.name} values`).toEqual(
        [...named.values].sort(),
      );
    }
  }

  // Nothing the facts do not list, apart from what the shape inherits.
  const listed = new Set(fact.fields.map((f) => f.name));
  const listedRequired = new Set(fact.fields.filter((f) => !f.optional).map((f) => f.name));
  const inherited = inheritedFields(fact.name);
  expect(
    [...view.properties.keys()].filter((p) => !listed.has(p) && !inherited.has(p)),
    "properties the facts do not list",
  ).toEqual([]);
  expect(
    [...view.required].filter((p) => !listedRequired.has(p) && !inherited.has(p)),
    "required properties the facts do not require",
  ).toEqual([]);

  if (isErrorBody(fact.name)) {
    // The pitfall: whatever the facts say about additionalProperties, an error body stays open.
    expect(view.closed, `${fact.name} does not forbid the base fields`).toBe(false);
    for (const field of errorBase.fields) {
      expect(view.properties.get(field.name)?.map(render)).toContain(field.type);
      expect(view.required.has(field.name)).toBe(false);
    }
    if (view.oneOf.length === 0) {
      // A real body of this shape, base fields included, is accepted by it and by every schema
      // it is a variant of (a 400 variant by error-bad-request as a whole).
      const body = { ...(sample(node) as object), ...baseFields };
      for (const name of [fact.name, ...ancestorsOf(fact.name)]) {
        expect(contract.schema(name, body).errors, `${JSON.stringify(body)} as ${name}`).toEqual(
          [],
        );
      }
    }
  } else {
    expect(view.closed, `${fact.name} is ${fact.closed ? "closed" : "open"}`).toBe(fact.closed);
    if (fact.closed) {
      expect(contract.schema(fact.name, {}).valid).toBe(true);
      expect(contract.schema(fact.name, { unexpected: true }).valid).toBe(false);
    }
  }

  if (fact.base === "error-base") {
    // A body whose `type` belongs to no status at all, or to another status, is not this error.
    const own = admitted(node, "type") ?? [];
    const otherTypes = shapeFacts
      .filter((f): f is EnumFact => f.kind === "enum" && /^error-[a-z-]+-type$/.test(f.name))
      .flatMap((f) => f.values)
      .filter((value) => !own.includes(value));
    for (const type of [...otherTypes, "no_such_error"]) {
      expect(contract.schema(fact.name, { type }).valid, `${fact.name} with type ${type}`).toBe(
        false,
      );
    }
  }

  if (fact.oneOf) checkOneOf(fact, view);
}

/** `one of [a, b] by "type"`: one variant per admitted value, each reachable by its value. */
function checkOneOf(fact: ObjectFact, view: ReturnType<typeof objectView>) {
  const { variants, by } = fact.oneOf!;
  const values = admitted({ $ref: refTo(fact.name) }, by) ?? [];
  const discriminator = view.discriminators.find((d) => d.propertyName === by);
  const valueOf = new Map<string, string | undefined>();
  for (const variant of variants) {
    if (schemas[variant]) {
      expect(view.oneOf, `${fact.name}'s oneOf`).toContain(variant);
      expect(discriminator, `${fact.name} has a discriminator on ${by}`).toBeDefined();
      const mapping: Record<string, string> = discriminator?.mapping ?? {};
      const value = Object.keys(mapping).find((key) => mapping[key] === refTo(variant));
      expect(value, `the discriminator mapping names ${variant}`).toBeDefined();
      expect(admitted({ $ref: refTo(variant) }, by), `${variant}'s ${by}`).toEqual([value]);
      valueOf.set(variant, value);
    } else {
      valueOf.set(variant, foldedValue(fact.name, variant, values));
    }
  }
  expect(
    variants.filter((v) => valueOf.get(v) === undefined),
    `variants of ${fact.name} whose ${by} it does not admit`,
  ).toEqual([]);
  expect([...valueOf.values()].sort(), `${fact.name}'s ${by} values`).toEqual([...values].sort());
}

/** An empty variant the contract folded into its parent (see the header comment). */
function checkFoldedVariant(fact: ObjectFact) {
  const variantOf = parentOf.get(fact.name);
  expect(variantOf, `the contract has a schema ${fact.name}`).toBeDefined();
  const { parent, by } = variantOf!;
  expect(fact.fields, `${fact.name} has fields, so it cannot be folded into ${parent}`).toEqual([]);

  const parentNode = { $ref: refTo(parent) };
  const values = admitted(parentNode, by) ?? [];
  const value = foldedValue(parent, fact.name, values);
  expect(value, `${parent} admits the ${by} that ${fact.name} stands for`).toBeDefined();
  if (objectFact(parent).oneOf?.variants.length === 1) {
    expect(values, `${parent} admits exactly one ${by}`).toEqual([value]);
  }

  // The variant adds no required field: the parent requires only what its own fact requires
  // (and what it inherits, like any error body's `type`).
  const parentFact = objectFact(parent);
  const parentRequired = new Set(parentFact.fields.filter((f) => !f.optional).map((f) => f.name));
  const parentInherited = inheritedFields(parent);
  expect(
    [...objectView(parentNode).required].filter(
      (p) => p !== by && !parentRequired.has(p) && !parentInherited.has(p),
    ),
    `what ${parent} requires besides its own fields`,
  ).toEqual([]);

  // And a body of this variant, base fields included, is accepted all the way up.
  const body = { ...(sample(parentNode) as object), [by]: value, ...baseFields };
  for (const name of [parent, ...ancestorsOf(parent)]) {
    expect(contract.schema(name, body).errors, `${JSON.stringify(body)} as ${name}`).toEqual([]);
  }
}

const title = (line: string) => (line.length > 120 ? `${line.slice(0, 119)}…` : line);

// ---- The operation's facts --------------------------------------------------------------------

type OperationFact = { title: string; check: () => void };
const operationFacts: OperationFact[] = [];
const unreadOperationLines: string[] = [];
{
  const bullets: string[] = [];
  const responseLines: string[] = [];
  for (const line of section("Operation", "Known pitfall")) {
    if (line.startsWith("- ")) bullets.push(line.slice(2));
    else if (/^\s+\d{3}\s/.test(line)) responseLines.push(line.trim());
    else if (line.trim() && bullets.length) bullets[bullets.length - 1] += ` ${line.trim()}`;
  }

  const [first = ""] = bullets;
  const where =
    /^(GET|POST|PUT|PATCH|DELETE) (\S+), operationId "([^"]+)", tag "([^"]+)",\s+summary "([^"]+)"/.exec(
      first,
    );
  const method = where?.[1]?.toLowerCase() ?? "";
  const path = where?.[2] ?? "";
  const operation = () => spec.paths[path]?.[method];
  const response = (status: string) => {
    let node = operation()?.responses?.[status];
    while (node?.$ref) {
      node = node.$ref
        .slice(2)
        .split("/")
        .reduce((at: any, part: string) => at?.[part], spec);
    }
    return node;
  };

  for (const bullet of bullets) {
    const facts: OperationFact[] = [];
    if (bullet === first && where) {
      facts.push(
        {
          title: `${where[1]} ${path}`,
          check: () => expect(operation(), `${where[1]} ${path}`).toBeDefined(),
        },
        {
          title: `operationId "${where[3]}"`,
          check: () => expect(operation()?.operationId).toBe(where[3]),
        },
        { title: `tag "${where[4]}"`, check: () => expect(operation()?.tags).toEqual([where[4]]) },
        {
          title: `summary "${where[5]}"`,
          check: () => expect(operation()?.summary).toBe(where[5]),
        },
      );
    }
    const server = /^Server: (\S+)/.exec(bullet);
    if (server) {
      facts.push({
        title: `server ${server[1]}`,
        check: () => expect(spec.servers.map((s) => s.url)).toEqual([server[1]]),
      });
    }
    const security = /^Security: HTTP bearer scheme named "([^"]+)"/.exec(bullet);
    if (security) {
      const name = security[1]!;
      facts.push({
        title: `security: HTTP bearer scheme "${name}" on every request`,
        check: () => {
          expect(spec.components.securitySchemes?.[name]).toMatchObject({
            type: "http",
            scheme: "bearer",
          });
          const requirements = operation()?.security ?? (spec as any).security;
          expect(requirements).toEqual([{ [name]: [] }]);
        },
      });
      const env = /names (\w+) as the environment variable/.exec(bullet);
      if (env) {
        facts.push({
          title: `the token conventionally lives in ${env[1]}`,
          check: () =>
            expect(spec.components.securitySchemes?.[name]?.description).toContain(env[1]),
        });
      }
    }
    const request = /^Request body: (required|optional), (\S+), schema ([\w-]+)/.exec(bullet);
    if (request) {
      const [, requiredness = "", media = "", schema = ""] = request;
      facts.push({
        title: `request body: ${requiredness}, ${media}, ${schema}`,
        check: () => {
          const body = operation()?.requestBody;
          expect(body?.required === true).toBe(requiredness === "required");
          expect(Object.keys(body?.content ?? {})).toEqual([media]);
          expect(body?.content?.[media]?.schema).toEqual({ $ref: refTo(schema) });
        },
      });
      if (/example sends the empty object \{\}/.test(bullet)) {
        facts.push({
          title: "the request example sends {}",
          check: () => {
            const examples = Object.values<any>(
              operation()?.requestBody?.content?.[media]?.examples ?? {},
            ).map((example) => example.value);
            expect(examples).toContainEqual({});
            expect(contract.requestBody(path, method, {}).errors).toEqual([]);
          },
        });
      }
    }
    if (bullet.startsWith("Responses:")) {
      facts.push({
        title: `responses ${responseLines.map((line) => line.slice(0, 3)).join(", ")}`,
        check: () =>
          expect(Object.keys(operation()?.responses ?? {})).toEqual(
            responseLines.map((line) => line.slice(0, 3)),
          ),
      });
    }
    if (facts.length === 0 && !bullet.startsWith("Responses:")) unreadOperationLines.push(bullet);
    operationFacts.push(...facts);
  }

  for (const line of responseLines) {
    const [status = "", rest = ""] = line.split(/\s+(.*)/);
    if (/^success, no body$/.test(rest)) {
      operationFacts.push({
        title: `${status} success, no body`,
        check: () => {
          expect(response(status), `a ${status} response`).toBeDefined();
          expect(response(status).content).toBeUndefined();
        },
      });
      continue;
    }
    const schema = /^([a-z][\w-]*)/.exec(rest)?.[1];
    if (!schema) {
      unreadOperationLines.push(line);
      continue;
    }
    operationFacts.push({
      title: `${status} ${schema} (application/json)`,
      check: () =>
        expect(response(status)?.content?.["application/json"]?.schema).toEqual({
          $ref: refTo(schema),
        }),
    });
    const header = /\+ response header ([\w-]+): number of seconds/.exec(rest);
    if (header) {
      const name = header[1]!;
      operationFacts.push({
        title: `${status} carries the ${name} header (seconds to wait)`,
        check: () => {
          expect(response(status)?.headers?.[name]?.schema).toBeDefined();
          const body = sample({ $ref: refTo(schema) });
          expect(
            contract.response(path, method, Number(status), body, { [name]: "3" }).errors,
          ).toEqual([]);
          expect(contract.response(path, method, Number(status), body, { [name]: "" }).valid).toBe(
            false,
          );
        },
      });
    }
  }
}

// ---- The tests --------------------------------------------------------------------------------

describe("generated/openapi.json carries every fact of DevRev's contract facts", () => {
  it("reads every line of the facts file", () => {
    expect(unreadOperationLines).toEqual([]);
    expect(unreadShapeLines).toEqual([]);
    expect(operationFacts.length).toBeGreaterThanOrEqual(15);
    expect(shapeFacts.length).toBeGreaterThanOrEqual(70);
  });

  describe("Operation", () => {
    it.each(operationFacts.map((fact) => [fact.title, fact.check] as const))("%s", (_, check) =>
      check(),
    );
  });

  describe("Shapes", () => {
    it.each(shapeFacts.map((fact) => [title(fact.line), fact] as const))("%s", (_, fact) =>
      fact.kind === "enum" ? checkEnum(fact) : checkObject(fact),
    );
  });
});

// ---- The published spec's pitfall -------------------------------------------------------------

describe("the published spec rejects real error bodies; this contract accepts them", () => {
  const published = JSON.parse(
    readFileSync(new URL("../fixtures/devrev-published-excerpt.json", import.meta.url), "utf8"),
  );
  // A generic JSON Schema validator, as a mock server or a client-side check would use: OpenAPI
  // 3.0 schemas are draft-07 plus annotations, and strict: false lets Ajv ignore the ones it does
  // not know (`discriminator`, `x-fern-*`). Formats are not what goes wrong, so they are skipped.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const publishedId = "https://published.local/openapi.json";
  ajv.addSchema({ $id: publishedId, components: published.components });
  const path = "/auth-tokens.self.delete";
  const publishedValidate = (status: number) => {
    let response = published.paths[path].post.responses[String(status)];
    while (response.$ref)
      response = published.components.responses[response.$ref.split("/").at(-1)];
    return ajv.compile({
      $ref: `${publishedId}${response.content["application/json"].schema.$ref}`,
    });
  };
  const publishedErrors = (status: number, body: unknown): ErrorObject[] => {
    const validate = publishedValidate(status);
    return validate(body) ? [] : (validate.errors ?? []);
  };

  it.each(
    [
      {
        what: "a 403 with a message (the facts' own example)",
        status: 403,
        body: { type: "forbidden", message: "m" },
        because: "additionalProperties",
      },
      {
        // The empty variant is closed to every property, `type` included.
        what: "a bare 403",
        status: 403,
        body: { type: "forbidden" },
        because: "additionalProperties",
      },
      {
        what: "a 401 with a message",
        status: 401,
        body: { type: "unauthenticated", message: "The authentication token is invalid." },
        because: "additionalProperties",
      },
      {
        what: "a 429 with retry_after",
        status: 429,
        body: { type: "too_many_requests", retry_after: 3 },
        because: "additionalProperties",
      },
      {
        what: "a 500 with its reference id",
        status: 500,
        body: { type: "internal_error", reference_id: "7b0c6c1e" },
        because: "additionalProperties",
      },
      {
        what: "a 400 parse_error with a message",
        status: 400,
        body: { type: "parse_error", message: "The request body is not valid JSON." },
        because: "additionalProperties",
      },
      {
        // The open 400 variants do not pin `type`, so this body also matches invalid-field,
        // invalid-id, merge-works-error, missing-dependency...: oneOf needs exactly one match.
        what: "a complete 400 invalid_enum_value",
        status: 400,
        body: {
          type: "invalid_enum_value",
          field_name: "requested_token_type",
          value: "pat",
          allowed_values: ["urn:devrev:params:oauth:token-type:pat"],
        },
        because: "oneOf",
      },
    ].map((c) => [c.what, c] as const),
  )("%s", (_, { status, body, because }) => {
    const errors = publishedErrors(status, body);
    expect(errors.map((e) => e.keyword)).toContain(because);
    expect(contract.response(path, "post", status, body).errors).toEqual([]);
  });

  it("rejects every error example of this contract, all of which this contract accepts", () => {
    const responses = Object.entries<any>(spec.paths[path]!.post.responses);
    let checked = 0;
    for (const [status, ref] of responses) {
      const node = ref.$ref
        ? ref.$ref
            .slice(2)
            .split("/")
            .reduce((at: any, part: string) => at[part], spec)
        : ref;
      for (const example of Object.values<any>(
        node.content?.["application/json"]?.examples ?? {},
      )) {
        expect(contract.response(path, "post", Number(status), example.value).errors).toEqual([]);
        expect(
          publishedErrors(Number(status), example.value),
          `${status} ${JSON.stringify(example.value)}`,
        ).not.toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
