// `contract-diff` never hangs on a spec built to make a naive reading exponential: a schema
// reached by many paths is read once (a DAG of allOf, oneOf or anyOf, an allOf of many oneOfs in
// an error body, cycles), and where the answer itself is exponential (a field per path through
// a DAG of properties) or absurd (nesting a hundred deep) it refuses (exit 2), saying why. Each
// case would not finish, or would stop short, if any of these were expanded path by path.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareDocuments } from "../../src/cli/contract/compare-documents.ts";
import {
  changedExcerpt,
  contractDiffRun,
  drift,
  excerpt,
  published,
  scratchFolder,
  tokenTypeRef,
  writtenSpec,
} from "../support/contract-diff.ts";
import { fakeNames } from "../support/fake-names.ts";

const scratch = scratchFolder("devrev-contract-size-");
const { request, schemas, tokenTypes } = published;
const prefix = fakeNames().kebab();
const ref = (i: number) => ({ $ref: `#/components/schemas/${prefix}-${i}` });
const kept = tokenTypes(excerpt).find((t) => t.endsWith(":pat"))!;
const removedAllBut = (allowed: string) =>
  tokenTypes(excerpt)
    .filter((type) => type !== allowed)
    .map((type) => `token type ${JSON.stringify(type)}: ours has it, theirs does not`);

/** A chain of `depth` schemas, each `link(next)`, the last `bottom`; returns its first. */
function chain(doc: any, depth: number, link: (next: object) => object, bottom: object) {
  for (let i = 0; i < depth; i++) schemas(doc)[`${prefix}-${i}`] = link(ref(i + 1));
  schemas(doc)[`${prefix}-${depth}`] = bottom;
  return ref(0);
}
const tokenTypeIs = (schema: (doc: any) => object) =>
  changedExcerpt((doc) => (request(doc).properties.requested_token_type = schema(doc)));

describe("contract-diff reads a schema reached by many paths once", () => {
  it.each([
    [
      "a DAG of allOf forty deep narrowing the token types",
      tokenTypeIs((doc) => chain(doc, 40, (n) => ({ allOf: [n, { ...n }] }), { enum: [kept] })),
      removedAllBut(kept),
    ],
    [
      "a DAG of oneOf forty deep ending in the token types",
      tokenTypeIs((doc) => chain(doc, 40, (n) => ({ oneOf: [n, { ...n }] }), tokenTypeRef)),
      [],
    ],
    [
      "a DAG of anyOf forty deep around the request's field",
      changedExcerpt((doc) => {
        delete request(doc).properties;
        request(doc).anyOf = [
          chain(doc, 40, (n) => ({ anyOf: [n, { ...n }] }), {
            properties: { requested_token_type: tokenTypeRef },
          }),
        ];
      }),
      [],
    ],
    [
      "an allOf cycle around the request",
      changedExcerpt((doc) => {
        chain(doc, 1, (n) => ({ allOf: [n] }), { allOf: [ref(0)] });
        request(doc).allOf = [ref(0)];
      }),
      [],
    ],
    [
      "an error schema that is its own allOf part",
      changedExcerpt((doc) =>
        schemas(doc)["error-forbidden"].allOf.push({
          $ref: "#/components/schemas/error-forbidden",
        }),
      ),
      [],
    ],
    [
      "a request field that holds itself (recursive), once",
      changedExcerpt((doc) => {
        schemas(doc)[`${prefix}-0`] = { type: "object", properties: { child: ref(0) } };
        request(doc).properties.tree = ref(0);
      }),
      ["request field tree: theirs has it (optional object), ours does not"],
    ],
  ])("%s", (_what, doc, expected) => {
    expect(drift(doc)).toEqual(expected);
  });

  it.each([7, 12])("an error body that is an allOf of %i oneOfs of eight alternatives", (count) => {
    const added: string[] = [];
    const doc = changedExcerpt((doc) => {
      for (let i = 0; i < count; i++)
        schemas(doc)["error-forbidden"].allOf.push({
          oneOf: Array.from({ length: 8 }, (_, j) => {
            added.push(`f${i}_${j}`);
            return { type: "object", properties: { [`f${i}_${j}`]: { type: "string" } } };
          }),
        });
    });
    expect(drift(doc)).toEqual(
      added.map(
        (name) => `403 forbidden field ${name}: theirs has it (optional string), ours does not`,
      ),
    );
  });

  it("reports a change thirty levels deep, past where reading once stopped", () => {
    const deep = (value: string) =>
      changedExcerpt((doc) => {
        let node: object = { type: "string", enum: [value] };
        for (let i = 0; i < 30; i++) node = { type: "object", properties: { n: node } };
        request(doc).properties.deep = node;
      });
    const at = `deep${".n".repeat(30)}`;
    expect(compareDocuments(deep("a"), deep("b"))).toEqual([
      `request field ${at} value "a": ours has it, theirs does not`,
      `request field ${at} value "b": theirs has it, ours does not`,
    ]);
  });
});

describe("contract-diff refuses (exit 2) what it cannot list, saying why", () => {
  it.each([
    [
      "a DAG of properties forty deep (a field per path: 2^40)",
      (doc: any) =>
        (request(doc).properties.tree = chain(
          doc,
          40,
          (n) => ({ type: "object", properties: { a: n, b: { ...n } } }),
          { type: "string" },
        )),
      /cannot compare: more than 10000 fields to compare \(the last at tree\.[ab.]+\)/,
    ],
    [
      "a DAG of list items and properties thirty deep",
      (doc: any) =>
        (request(doc).properties.tree = chain(
          doc,
          30,
          (n) => ({ type: "object", properties: { a: { type: "array", items: n }, b: n } }),
          { type: "string" },
        )),
      /cannot compare: more than 10000 fields to compare/,
    ],
    [
      "fields nested a hundred deep",
      (doc: any) => {
        let node: object = { type: "string" };
        for (let i = 0; i < 100; i++) node = { type: "object", properties: { n: node } };
        request(doc).properties.deep = node;
      },
      /cannot compare: fields nested more than 64 deep \(at deep\.n\.n/,
    ],
  ])("%s", async (_what, change, message) => {
    const file = writtenSpec(
      path.join(scratch, `${prefix}-${Math.random()}.json`),
      excerpt,
      change,
    );
    const run = await contractDiffRun([file]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(message);
  });
});
