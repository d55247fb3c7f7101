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
import {
  contract,
  spec,
  schemas,
  shapeFacts,
  unreadShapeLines,
  operationFacts,
  unreadOperationLines,
  checkEnum,
  checkObject,
  title,
} from "../support/facts.ts";

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
