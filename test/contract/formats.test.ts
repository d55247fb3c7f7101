// The formats the contract validators check (src/cli/contract/formats.ts): OpenAPI's and
// DevRev's checked, and any other a spec may use accepted as its type, so that a spec using a
// format for the first time (DevRev's `int32`, say) does not make every validator throw.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { addFormats, formatsUsed } from "../../src/cli/contract/formats.ts";

/** A strict validator, as the tests' and verify's are, for one schema. */
function validator(schema: object) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv, schema);
  return ajv.compile(schema);
}

describe("formats", () => {
  it.each([
    ["int32", 2 ** 31 - 1, 2 ** 31],
    ["int32", -(2 ** 31), 1.5],
    ["int64", Number.MAX_SAFE_INTEGER, 2 ** 53],
    ["date-time", "2024-01-24T10:00:00Z", "2024-01-24 10:00"],
    ["date", "2024-01-24", "24/01/2024"],
    ["uuid", "7b0c6c1e-4f3a-4a52-9d2e-2f1d8c3b9a10", "7b0c6c1e"],
    ["id", "don:core:dvrv-us-1:devo/1:ticket/9", "has space"],
  ])("%s accepts %j and refuses %j", (format, good, bad) => {
    const type = typeof good === "number" ? "number" : "string";
    const validate = validator({ type, format });
    expect(validate(good)).toBe(true);
    expect(validate(bad)).toBe(false);
  });

  it("takes a format it does not know as its type alone, instead of throwing", () => {
    const validate = validator({ type: "string", format: "x-devrev-secret-sauce" });
    expect(validate("anything")).toBe(true);
    expect(validate(7)).toBe(false);
  });

  it("finds every format a document names, nested ones included", () => {
    const spec = { a: { format: "int32" }, b: [{ properties: { c: { format: "text" } } }] };
    expect([...formatsUsed(spec)].sort()).toEqual(["int32", "text"]);
  });
});
