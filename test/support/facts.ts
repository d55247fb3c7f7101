/**
 * DevRev's contract facts (test/fixtures/devrev-contract-facts.txt), read: each line of its
 * Operation and Shapes sections becomes a fact with a check against the bundled contract. The
 * tests (test/upstream/facts.test.ts) turn each into one test named after its line; why some
 * facts are checked the way they are is told there.
 */
import { expect } from "vitest";
import {
  contract,
  schemas,
  spec,
  refTo,
  objectView,
  render,
  admitted,
  sample,
  foldedValue,
  inheritedFields,
  baseFields,
} from "./contract-view.ts";
import {
  section,
  type EnumFact,
  type ObjectFact,
  shapeFacts,
  factOf,
  objectFact,
  parentOf,
  ancestorsOf,
  isErrorBody,
  errorBase,
} from "./facts-file.ts";

export { shapeFacts, unreadShapeLines } from "./facts-file.ts";
export { contract, schemas, spec } from "./contract-view.ts";

// ---- One test per fact ------------------------------------------------------------------------

export function checkEnum(fact: EnumFact) {
  const schema = schemas[fact.name];
  expect(schema, `the contract has a schema ${fact.name}`).toBeDefined();
  expect(schema.type).toBe("string");
  expect(schema.enum).toEqual(fact.values);
}

export function checkObject(fact: ObjectFact) {
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

export const title = (line: string) => (line.length > 120 ? `${line.slice(0, 119)}…` : line);

// ---- The operation's facts --------------------------------------------------------------------

type OperationFact = { title: string; check: () => void };
export const operationFacts: OperationFact[] = [];
export const unreadOperationLines: string[] = [];
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
