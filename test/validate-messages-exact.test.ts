// The exact words of what JavaScript callers are told when a body, options or headers are
// refused: each message says what was given and what is allowed.
import { describe, expect, it } from "vitest";
import { tokenTypes } from "../src/token-types.ts";
import {
  checkedHeaders,
  checkedRequestBody,
  checkedSelfDeleteBody,
  ownFields,
} from "../src/validate.ts";
import { usageErrorMessage } from "./support/refusals.ts";

const inherits = " (what it inherits would not be read as given).";
const allowedTypes = ` Allowed values: ${tokenTypes.join(", ")}.`;

describe("what is not a plain object is named in the refusal", () => {
  it("a number is shown as itself, null and a string by their kind", () => {
    expect(usageErrorMessage(() => ownFields(42, "call", "field", []))).toBe(
      `call expects a plain object of fields ({ … }), got 42${inherits}`,
    );
    expect(usageErrorMessage(() => ownFields(null, "call", "option", []))).toBe(
      `call expects a plain object of options ({ … }), got null${inherits}`,
    );
    expect(usageErrorMessage(() => ownFields("x", "call", "option", []))).toBe(
      `call expects a plain object of options ({ … }), got string${inherits}`,
    );
  });
  it("a class instance is named by its class", () => {
    expect(usageErrorMessage(() => ownFields(new Map(), "call", "option", []))).toBe(
      `call expects a plain object of options ({ … }), got a Map${inherits}`,
    );
  });
  it("an object with a prototype of its own is called that when its constructor says nothing useful", () => {
    const ownPrototype = `call expects a plain object of fields ({ … }), got an object with a prototype of its own${inherits}`;
    // Inherits Object's constructor: "Object" would mislead.
    expect(usageErrorMessage(() => ownFields(Object.create({}), "call", "field", []))).toBe(
      ownPrototype,
    );
    // A constructor whose name is not a string, or is empty.
    expect(
      usageErrorMessage(() =>
        ownFields(Object.create({ constructor: { name: 5 } }), "call", "field", []),
      ),
    ).toBe(ownPrototype);
    expect(
      usageErrorMessage(() =>
        ownFields(Object.create({ constructor: { name: "" } }), "call", "field", []),
      ),
    ).toBe(ownPrototype);
  });
  it("an object without a prototype is a plain object: its fields are read", () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(ownFields(bare, "call", "field", ["a"])).toEqual({ a: 1 });
  });
});

describe("keys that would not be read are refused by kind", () => {
  it("a symbol key", () => {
    expect(usageErrorMessage(() => ownFields({ [Symbol("s")]: 1 }, "call", "option", []))).toBe(
      "call: a symbol option is not read; give options as ordinary properties.",
    );
  });
  it("a hidden (non-enumerable) key", () => {
    const hidden = Object.defineProperty({}, "a", { value: 1, enumerable: false });
    expect(usageErrorMessage(() => ownFields(hidden, "call", "field", ["a"]))).toBe(
      "call: a hidden (non-enumerable) field is not read; give fields as ordinary properties.",
    );
  });
});

describe("a body field that holds nothing or a value outside the contract", () => {
  it("null in the token type field lists the token types", () => {
    expect(usageErrorMessage(() => checkedSelfDeleteBody({ requested_token_type: null }))).toBe(
      "selfDelete: requested_token_type is null (a value that was not set?); give one, or leave the field out to let DevRev choose (what it chooses is not documented)." +
        allowedTypes,
    );
  });
  it("a field without an enum lists nothing", () => {
    const contract = { requestFields: ["note"], requestEnums: {} };
    expect(usageErrorMessage(() => checkedRequestBody(contract, { note: undefined }, "op"))).toBe(
      "op: note is undefined (a value that was not set?); give one, or leave the field out to let DevRev choose (what it chooses is not documented).",
    );
  });
  it("a token type nothing resembles gets no suggestion", () => {
    expect(usageErrorMessage(() => checkedSelfDeleteBody({ requested_token_type: "patt" }))).toBe(
      `requested_token_type "patt" is not a token type.${allowedTypes}`,
    );
  });
  it("a field whose enum is not the token types is not read as a token type", () => {
    // "pat" is a token type's short form, but this field's values are others.
    const contract = { requestFields: ["colour"], requestEnums: { colour: ["red", "blue"] } };
    expect(usageErrorMessage(() => checkedRequestBody(contract, { colour: "pat" }, "op"))).toBe(
      'colour "pat" is not one of the values the contract allows. Allowed values: red, blue.',
    );
  });
});

describe("headers that are not an object of names to strings", () => {
  it("a number", () => {
    expect(usageErrorMessage(() => checkedHeaders(42))).toBe(
      "headers must be an object of header names to string values, got 42.",
    );
  });
  it("a Map, which fetch would read but these checks would not", () => {
    expect(usageErrorMessage(() => checkedHeaders(new Map([["x-a", "1"]])))).toBe(
      `headers expects a plain object of fields ({ … }), got a Map${inherits}`,
    );
  });
});
