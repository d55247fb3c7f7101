// The contract judges bodies as the real server sends them: every example, every body the mock
// builds from the contract and every real-world variant of them is accepted, and each body
// broken in one way is rejected. Statuses, types, fields and their types are read from the
// contract itself (generated/), so a spec that gains a status, a type or a field is covered
// without an edit here.
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { errorBodies } from "../../generated/error-bodies.ts";
import { errorTypeViews } from "../../src/cli/contract/error-types.ts";
import { sampleValue } from "../../scripts/error-bodies.ts";
import { createContractValidator } from "../support/contract.ts";
import { fakeNames } from "../support/fake-names.ts";

const contract = createContractValidator();
const { path, method, errorTypesByStatus, requestEnums, successStatuses } =
  operations["auth-tokens-self-delete"];
const spec = contract.spec as any;
const operation = spec.paths[path][method];
const resolve = (node: any): any =>
  node?.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at: any, p: string) => at[p], contract.spec),
      )
    : node;
const bodies = errorBodies["auth-tokens-self-delete"];
const names = fakeNames();
const statuses = Object.keys(errorTypesByStatus);
const byType = bodies.byType as Record<string, Record<string, unknown>>;
/** Every error type with its status, e.g. ["400", "parse_error"]. */
const typed = Object.entries(errorTypesByStatus).flatMap(([status, types]) =>
  types.map((type) => [status, type] as const),
);
const accepts = (status: string | number, body: unknown, headers?: Record<string, string>) =>
  contract.response(path, method, Number(status), body, headers).errors;
const rejects = (status: string | number, body: unknown, headers?: Record<string, string>) =>
  contract.response(path, method, Number(status), body, headers).valid === false;

describe("every example in the spec validates against its schema", () => {
  const requestExamples = Object.entries<any>(
    operation.requestBody.content["application/json"].examples,
  );
  it.each(requestExamples)("request example %s", (_name, example) => {
    expect(contract.requestBody(path, method, example.value).errors).toEqual([]);
  });

  const responseExamples = Object.entries<any>(operation.responses).flatMap(([status, ref]) =>
    Object.entries<any>(resolve(ref).content?.["application/json"]?.examples ?? {}).map(
      ([name, example]) => [`${status} ${name}`, status, example.value] as const,
    ),
  );
  it("has at least one example for every response with a body", () => {
    const withBody = Object.entries<any>(operation.responses).filter(([, r]) => resolve(r).content);
    for (const [status] of withBody)
      expect(
        responseExamples.some(([, s]) => s === status),
        `status ${status}`,
      ).toBe(true);
    expect(withBody.map(([s]) => s)).toEqual(expect.arrayContaining(statuses));
  });
  it.each(responseExamples)("response example %s", (_name, status, value) => {
    expect(accepts(status, value)).toEqual([]);
  });

  const headerExamples = Object.entries<any>(operation.responses).flatMap(([status, ref]) =>
    Object.entries<any>(resolve(ref).headers ?? {})
      .filter(([, header]) => resolve(header).example !== undefined)
      .map(([name, header]) => [`${status} ${name}`, status, name, resolve(header)] as const),
  );
  it.each(headerExamples)("the %s header example validates", (_what, status, name, header) => {
    expect(
      accepts(status, bodies.byStatus[status as keyof typeof bodies.byStatus], {
        [name]: String(header.example),
      }),
    ).toEqual([]);
  });
});

describe("the bodies the mock builds from the contract are valid", () => {
  it.each(statuses)("the default body of %s", (status) => {
    expect(accepts(status, bodies.byStatus[status as keyof typeof bodies.byStatus])).toEqual([]);
  });
  it.each(typed)("%s %s, with only the fields it requires", (status, type) => {
    expect(byType[type]).toMatchObject({ type });
    expect(accepts(status, byType[type])).toEqual([]);
  });
});

describe("bodies the real server sends are accepted (the published spec's pitfall)", () => {
  // The published spec closes its variants, so a real body with the shared message/detail fails
  // there; here each type, with every field of error-base and one the server adds tomorrow
  // (which must not make today's clients reject it), is accepted.
  it.each(typed)("%s %s with message, detail and an unknown field", (status, type) => {
    const body = { ...byType[type], message: "m", detail: "d", [names.snake()]: "t-1" };
    expect(accepts(status, body)).toEqual([]);
  });
});

/** The fields of each error type, with their schemas, read through the contract's own allOf. */
const fieldsOf = (status: string, type: string) => {
  const media = resolve(operation.responses[status]).content["application/json"];
  return errorTypeViews(spec, media.schema)[type]!;
};
/** A value of the wrong JSON type for a schema, or undefined when any value would do. */
function wrongValue(schemas: any[]): unknown {
  const schema = resolve(schemas.at(-1));
  const types = new Set<string>(Array.isArray(schema?.type) ? schema.type : [schema?.type]);
  if (schema?.enum || schema?.const !== undefined) return names.snake();
  if (types.has("string")) return 7;
  if (types.has("integer") || types.has("number")) return "3";
  if (types.has("boolean")) return "yes";
  if (types.has("array")) return {};
  if (types.has("object") || schema?.properties) return [];
  return undefined;
}

describe("wrong bodies are rejected", () => {
  const others = typed.flatMap(([status]) =>
    typed.filter(([other]) => other !== status).map(([, type]) => [status, type] as const),
  );
  it.each(others)("a %s with the type %s, which belongs to another status", (status, type) => {
    expect(rejects(status, { ...byType[type] })).toBe(true);
  });

  it.each(statuses)("a %s with an unknown type, without a type, or not an object", (status) => {
    expect(rejects(status, { type: names.snake() })).toBe(true);
    const { type: _, ...untyped } = bodies.byStatus[status as keyof typeof bodies.byStatus] as any;
    expect(rejects(status, untyped)).toBe(true);
    expect(rejects(status, [bodies.byStatus[status as keyof typeof bodies.byStatus]])).toBe(true);
  });

  const fieldCases = typed.flatMap(([status, type]) =>
    [...fieldsOf(status, type).properties]
      .filter(([name]) => name !== "type")
      .map(([name, schemas]) => [status, type, name, schemas] as const),
  );
  it.each(fieldCases)("a %s %s whose %s has the wrong type", (status, type, name, schemas) => {
    const wrong = wrongValue(schemas);
    if (wrong === undefined) return;
    expect(rejects(status, { ...byType[type], [name]: wrong }), JSON.stringify(wrong)).toBe(true);
  });

  const requiredCases = typed.flatMap(([status, type]) =>
    [...fieldsOf(status, type).required]
      .filter((name) => name !== "type")
      .map((name) => [status, type, name] as const),
  );
  it.each(requiredCases)("a %s %s without its required %s", (status, type, name) => {
    const { [name]: _, ...without } = byType[type]!;
    expect(rejects(status, without)).toBe(true);
  });

  it("a string longer than its maxLength, anywhere in a body", () => {
    const limited = Object.entries<any>(spec.components.schemas).flatMap(([name, schema]) =>
      Object.entries<any>(schema.properties ?? {})
        .filter(([, property]) => resolve(property).maxLength !== undefined)
        .map(([field, property]) => [name, field, resolve(property).maxLength as number] as const),
    );
    expect(limited.length).toBeGreaterThan(0);
    for (const [schema, field, max] of limited) {
      const smallest = sampleValue(
        spec,
        { $ref: `#/components/schemas/${schema}` },
        field,
      ) as object;
      expect(contract.schema(schema, smallest).errors, `${schema}`).toEqual([]);
      const body = { ...smallest, [field]: "x".repeat(max + 1) };
      expect(contract.schema(schema, body).errors.join(), `${schema}.${field}`).toMatch(
        /more than \d+ characters/,
      );
    }
  });

  it("a status the contract does not list, and a body on a success that has none", () => {
    const unlisted = [418, 599].find((s) => !(String(s) in operation.responses))!;
    expect(rejects(unlisted, { type: names.snake() })).toBe(true);
    for (const status of successStatuses)
      if (!resolve(operation.responses[String(status)]).content)
        expect(rejects(status, { ok: true })).toBe(true);
  });

  it("a Retry-After that is neither seconds nor a date, wherever the contract declares it", () => {
    const declaring = statuses.filter((s) =>
      Object.keys(resolve(operation.responses[s]).headers ?? {}).some(
        (h) => h.toLowerCase() === "retry-after",
      ),
    );
    expect(declaring.length).toBeGreaterThan(0);
    for (const status of declaring) {
      const body = bodies.byStatus[status as keyof typeof bodies.byStatus];
      expect(rejects(status, body, { "retry-after": "" })).toBe(true);
    }
  });

  const enumerated = Object.keys(requestEnums);
  it.each(enumerated)("a request whose %s is not one of its values, or not a string", (field) => {
    expect(contract.requestBody(path, method, { [field]: names.snake() }).valid).toBe(false);
    expect(contract.requestBody(path, method, { [field]: 1 }).valid).toBe(false);
  });

  it("a request body that is not an object", () => {
    expect(contract.requestBody(path, method, [Object.values(requestEnums)[0]?.[0]]).valid).toBe(
      false,
    );
  });
});
