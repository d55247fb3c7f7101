// What DevRev's spec carries beside JSON Schema (its `x-fern-*` and `x-go-name`, OpenAPI's
// `externalDocs` and `xml`) copied into our contract must leave the strict validator of
// src/cli/contract/schemas.ts (the contract tests' and `verify`'s) working: they annotate, they
// assert nothing. Any other unknown keyword is still an error, so a typo is not ignored.
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { contractSchemas, vendorKeywords } from "../../src/cli/contract/schemas.ts";
import { createAnswerChecker } from "../../src/cli/verify-judge.ts";
import { createContractValidator, loadSpec } from "../support/contract.ts";
import { contractBody } from "../support/bodies.ts";
import { fakeNames } from "../support/fake-names.ts";

const { path, method } = operations["auth-tokens-self-delete"];
const names = fakeNames();
const vendor = `x-${names.kebab()}`;

/** The contract with DevRev's annotations on a schema, a property and an enum, as DevRev writes them. */
function annotated() {
  const spec = loadSpec() as any;
  const schemas = spec.components.schemas;
  schemas["error-forbidden"]["x-go-name"] = "ErrorForbidden";
  schemas["error-forbidden"].externalDocs = { url: "https://developer.devrev.ai/" };
  schemas["error-forbidden"].xml = { name: "error" };
  const tokenType = schemas["auth-token-requested-token-type"];
  tokenType["x-fern-enum"] = Object.fromEntries(
    tokenType.enum.map((value: string) => [value, { name: value.split(":").at(-1) }]),
  );
  schemas["error-base"].properties.message["x-fern-availability"] = "generally-available";
  schemas["error-base"].properties.message[vendor] = { any: ["thing"] };
  return spec;
}

const { errorTypesByStatus } = operations["auth-tokens-self-delete"];
/** Every error status with a body of its first type, and a type of another status. */
const cases = Object.entries(errorTypesByStatus).map(([status, types], at, all) => ({
  status: Number(status),
  body: contractBody(types[0]!, { message: "m" }),
  wrong: contractBody(all[(at + 1) % all.length]![1][0]!),
}));

describe("annotations in the contract", () => {
  it("finds every vendor keyword, at any depth", () => {
    expect([...vendorKeywords(annotated())]).toEqual(
      expect.arrayContaining(["x-go-name", "x-fern-enum", "x-fern-availability", vendor]),
    );
  });

  it("the strict validator compiles them and judges bodies as without them", () => {
    const contract = createContractValidator(annotated());
    for (const { status, body, wrong } of cases) {
      expect(contract.response(path, method, status, body).errors, `${status}`).toEqual([]);
      expect(contract.response(path, method, status, wrong).valid, `${status}`).toBe(false);
    }
    expect(contract.requestBody(path, method, { requested_token_type: "nope" }).valid).toBe(false);
  });

  it("verify's answer checker builds and judges with them", () => {
    const violations = createAnswerChecker(annotated(), path, method);
    const headers = { "content-type": "application/json" };
    for (const { status, body, wrong } of cases) {
      expect(violations({ status, headers, text: JSON.stringify(body) })).toEqual([]);
      expect(violations({ status, headers, text: JSON.stringify(wrong) })).not.toEqual([]);
    }
  });

  it("still refuses a keyword that is neither JSON Schema, OpenAPI's nor a vendor extension", () => {
    const spec = loadSpec() as any;
    const schema = { type: "string", minLenght: 3 };
    expect(() => contractSchemas(spec).compile("typo", schema)).toThrow(/unknown keyword/);
  });
});
