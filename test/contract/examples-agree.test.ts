// An example that lists a field's allowed values must list exactly that field's enum; `npm run
// generate` refuses a spec where it does not (scripts/check-examples.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exampleMismatches } from "../../scripts/check-examples.ts";
import { tokenTypes } from "../../src/token-types.ts";
import { loadSpec } from "../support/contract.ts";
import { fakeNames } from "../support/fake-names.ts";

const root = path.resolve(import.meta.dirname, "../..");
const added = fakeNames().tokenType();
const clone = () => structuredClone(loadSpec()) as any;
const tokenEnum = (spec: any) => spec.components.schemas["auth-token-requested-token-type"].enum;
const enumExample = (spec: any) =>
  spec.components.responses["bad-request"].content["application/json"].examples[
    "invalid-enum-value"
  ].value;

describe("examples that list allowed values equal the enum they list", () => {
  it("holds for the spec as it is", () => {
    expect(enumExample(loadSpec()).allowed_values).toEqual(tokenEnum(loadSpec()));
    expect(exampleMismatches(loadSpec())).toEqual([]);
  });

  it("names the example and the missing type when a type is added to the enum only", () => {
    const spec = clone();
    tokenEnum(spec).push(added);
    const [problem, ...rest] = exampleMismatches(spec);
    expect(rest).toEqual([]);
    expect(problem).toContain('example "invalid-enum-value"');
    expect(problem).toContain(`missing ${added}`);
  });

  it("names a listed value the enum does not have", () => {
    const spec = clone();
    enumExample(spec).allowed_values.push(added);
    expect(exampleMismatches(spec).join("\n")).toContain(`not in the enum: ${added}`);
  });

  it("refuses allowed_values for a field that is no enumerated request field", () => {
    const spec = clone();
    enumExample(spec).field_name = "requested_token_kind";
    expect(exampleMismatches(spec).join("\n")).toContain(
      '"requested_token_kind", which is no enumerated request field',
    );
  });

  it("npm run generate fails naming the example, and writes nothing", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-examples-"));
    try {
      const source = readFileSync(path.join(root, "openapi/devrev-auth-tokens.yaml"), "utf8");
      const last = `        - ${tokenTypes.at(-1)}\n`;
      // The enum's list is the second one in the file; the example's (first) stays as it was.
      const at = source.lastIndexOf(last);
      expect(source.indexOf(last)).toBeLessThan(at);
      const spec = path.join(scratch, "spec.yaml");
      writeFileSync(
        spec,
        source.slice(0, at) + last + `        - ${added}\n` + source.slice(at + last.length),
      );
      const out = path.join(scratch, "generated");
      const result = spawnSync(
        path.join(root, "node_modules/.bin/tsx"),
        ["scripts/generate.ts", "--spec", spec, "--out", out],
        { cwd: root, encoding: "utf8" },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('example "invalid-enum-value"');
      expect(result.stderr).toContain(`missing ${added}`);
      expect(result.stderr).toContain("was left untouched");
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
