import { describe, expect, it } from "vitest";
import { createContractValidator } from "../support/contract.ts";

const contract = createContractValidator();
const path = "/auth-tokens.self.delete";
const operation = contract.spec.paths[path]!.post;
const resolve = (node: any): any =>
  node?.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at: any, p: string) => at[p], contract.spec),
      )
    : node;

describe("every example in the spec validates against its schema", () => {
  const requestExamples = Object.entries<any>(
    operation.requestBody.content["application/json"].examples,
  );
  it.each(requestExamples)("request example %s", (_name, example) => {
    expect(contract.requestBody(path, "post", example.value).errors).toEqual([]);
  });

  const responseExamples = Object.entries<any>(operation.responses).flatMap(([status, ref]) =>
    Object.entries<any>(resolve(ref).content?.["application/json"]?.examples ?? {}).map(
      ([name, example]) => [`${status} ${name}`, Number(status), example.value] as const,
    ),
  );
  it("has at least one example for every response with a body", () => {
    const withBody = Object.entries<any>(operation.responses).filter(([, r]) => resolve(r).content);
    for (const [status] of withBody) {
      expect(
        responseExamples.some(([, s]) => s === Number(status)),
        `status ${status}`,
      ).toBe(true);
    }
    expect(withBody.map(([s]) => s)).toEqual(["400", "401", "403", "404", "429", "500", "503"]);
  });
  it.each(responseExamples)("response example %s", (_name, status, value) => {
    expect(contract.response(path, "post", status, value).errors).toEqual([]);
  });
  it("the Retry-After header example validates", () => {
    const header = resolve(operation.responses["429"]).headers["Retry-After"];
    expect(
      contract.response(
        path,
        "post",
        429,
        { type: "too_many_requests" },
        { "Retry-After": String(header.example) },
      ).errors,
    ).toEqual([]);
  });
});

describe("bodies the real server sends are accepted (the published spec's pitfall)", () => {
  it.each([
    [401, { type: "unauthenticated", message: "token expired", detail: "exp < now" }],
    [403, { type: "forbidden", message: "not allowed" }],
    [404, { type: "not_found", message: "no such path", detail: "x" }],
    [429, { type: "too_many_requests", message: "slow down", retry_after: 0 }],
    [500, { type: "internal_error", message: "boom", reference_id: "abc" }],
    [503, { type: "service_unavailable", message: "maintenance" }],
    [400, { type: "bad_request", message: "bad", detail: "more" }],
    [400, { type: "parse_error", message: "bad json" }],
    [400, { type: "stale_schema_fragments", detail: "reload" }],
    [
      400,
      {
        type: "customization_validation_error",
        subtype: "field_required",
        message: "m",
        field_name: "f",
        reason: "r",
      },
    ],
    [
      400,
      {
        type: "merge_works_error",
        message: "m",
        errors: [
          {
            details: "d",
            work: "don:core:dvrv-us-1:devo/1:issue/1",
            subtype: "locked",
            locked: {},
          },
        ],
      },
    ],
    [
      400,
      {
        type: "missing_dependency",
        dependencies: [{ field_name: "a", field_value: "b" }],
        dependent_field_name: "c",
      },
    ],
    [
      400,
      {
        type: "workflow_component_validation_errors",
        errors: [
          {
            code: "E1",
            message: "bad step",
            location: "workflow_step",
            workflow_step: { id: "don:x" },
          },
        ],
      },
    ],
    [
      400,
      {
        type: "artifact_already_attached_to_a_parent",
        existing_parent: "don:core:a",
        is_same: false,
        message: "m",
      },
    ],
    [
      400,
      {
        type: "unexpected_json_type",
        field_name: "",
        expected: "object",
        actual: "array",
        message: "m",
      },
    ],
    // A field the server adds tomorrow must not make today's clients reject the body.
    [401, { type: "unauthenticated", message: "m", trace_id: "t-1" }],
  ])("%i %j", (status, body) => {
    expect(contract.response(path, "post", status, body).errors).toEqual([]);
  });
});

describe("wrong bodies are rejected", () => {
  it.each([
    ["a 401 with type forbidden", 401, { type: "forbidden", message: "m" }],
    [
      "a 400 invalid_enum_value without allowed_values",
      400,
      { type: "invalid_enum_value", field_name: "f", value: "v" },
    ],
    ["a 429 with a string retry_after", 429, { type: "too_many_requests", retry_after: "3" }],
    ["a 400 with a 401 type", 400, { type: "unauthenticated" }],
    ["a 400 with an unknown type", 400, { type: "teapot" }],
    ["a 500 without type", 500, { message: "m" }],
    ["a 403 with type not_found", 403, { type: "not_found" }],
    ["a 404 with type forbidden", 404, { type: "forbidden" }],
    ["a 503 with type internal_error", 503, { type: "internal_error" }],
    ["a 500 with a numeric reference_id", 500, { type: "internal_error", reference_id: 7 }],
    [
      "a 400 unexpected_json_type with an unknown JSON type",
      400,
      { type: "unexpected_json_type", field_name: "f", expected: "string", actual: "integer" },
    ],
    [
      "a 400 customization error with an unknown subtype",
      400,
      { type: "customization_validation_error", subtype: "nope" },
    ],
    [
      "a 400 merge_works_error entry without work",
      400,
      { type: "merge_works_error", errors: [{ details: "d" }] },
    ],
    [
      "a 400 workflow error whose code is over 16 characters",
      400,
      {
        type: "workflow_component_validation_errors",
        errors: [{ code: "x".repeat(17), message: "m" }],
      },
    ],
    ["an error body that is an array", 401, [{ type: "unauthenticated" }]],
    ["a message that is not a string", 403, { type: "forbidden", message: 1 }],
    ["a status the contract does not list", 418, { type: "teapot" }],
    ["a 200 with a body", 200, { ok: true }],
  ])("%s", (_what, status, body) => {
    expect(contract.response(path, "post", status, body).valid).toBe(false);
  });

  it("rejects a Retry-After that is neither seconds nor a date", () => {
    expect(
      contract.response(path, "post", 429, { type: "too_many_requests" }, { "retry-after": "" })
        .valid,
    ).toBe(false);
  });

  it.each([
    ["an unknown token type", { requested_token_type: "pat" }],
    ["a numeric token type", { requested_token_type: 1 }],
    ["a body that is not an object", ["urn:devrev:params:oauth:token-type:pat"]],
  ])("rejects a request with %s", (_what, body) => {
    expect(contract.requestBody(path, "post", body).valid).toBe(false);
  });
});
