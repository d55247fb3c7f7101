// The strict switch over `error.type` of docs/library.md: with a case for every type the contract
// lists (read from generated/) it compiles; without one, or after the spec gains a 400 variant,
// it fails naming the type that has no case. The tolerant switch of errors.test-d.ts still compiles.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { afterAll, describe, expect, it, vi } from "vitest";
import { operations } from "../../generated/constants.ts";
import { main as generate } from "../../scripts/generate.ts";
import { fakeNames } from "../support/fake-names.ts";
import { compile } from "./compile.ts";
import { outsideCases, strictSwitch } from "./strict-switch.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(projectRoot, ".tmp-types-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const contractTypes = Object.values(
  operations["auth-tokens-self-delete"].errorTypesByStatus,
).flat() as string[];

/** Writes `source` as a test module in `dir` and returns its path. */
function module(dir: string, name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe("the exhaustive switch over error.type", () => {
  const dir = path.join(scratch, "strict");
  mkdirSync(dir);
  const index = path.join(projectRoot, "src/index.ts");

  it("compiles with a case for every type, the contract's and the five outside it", () => {
    expect(compile([module(dir, "every-case.ts", strictSwitch(contractTypes, index))])).toEqual([]);
  });

  it("fails to compile when one case is missing, naming the missing type", () => {
    const lastContractType = contractTypes.at(-1)!;
    const withoutTimeout = Object.keys(outsideCases).filter((type) => type !== "timeout");
    const errors = compile([
      module(dir, "no-timeout.ts", strictSwitch(contractTypes, index, withoutTimeout)),
      module(dir, "no-last.ts", strictSwitch(contractTypes.slice(0, -1), index)),
    ]);
    const of = (name: string) => errors.filter((line) => line.startsWith(`${name}: `)).join("\n");
    expect(of("no-timeout.ts")).toMatch(
      /TS2322 Type 'TimeoutError' is not assignable to type 'never'/,
    );
    expect(of("no-last.ts")).toMatch(
      new RegExp(`TS2322 .*"${lastContractType}".* is not assignable to type 'never'`, "s"),
    );
  });
});

describe("a 400 variant added to the spec joins the union without touching src/", () => {
  it(
    "regenerates into a copy and the copy's unchanged src/ knows the new type",
    { timeout: 120_000 },
    async () => {
      // A copy of the project's sources; only the spec changes.
      for (const dir of ["openapi", "src", "test/types", "test/support"]) {
        cpSync(path.join(projectRoot, dir), path.join(scratch, dir), { recursive: true });
      }
      const names = fakeNames();
      const added = { type: names.snake(), schema: names.kebab(), field: names.snake() };
      const specPath = path.join(scratch, "openapi/devrev-auth-tokens.yaml");
      const spec = load(readFileSync(specPath, "utf8"), { schema: CORE_SCHEMA }) as any;
      const schemas = spec.components.schemas;
      const ref = `#/components/schemas/${added.schema}`;
      schemas[added.schema] = {
        description: "A variant added by a test.",
        allOf: [
          { $ref: "#/components/schemas/error-base" },
          {
            type: "object",
            required: ["type", added.field],
            properties: {
              type: { const: added.type },
              [added.field]: { type: "integer", description: "A field only it has." },
            },
          },
        ],
      };
      schemas["error-bad-request"].oneOf.push({ $ref: ref });
      schemas["error-bad-request"].discriminator.mapping[added.type] = ref;
      schemas["error-bad-request-type"].enum.push(added.type);
      writeFileSync(specPath, dump(spec, { lineWidth: 100, noRefs: true }));
      // Generation in this process (`main(args)`, what `tsx scripts/generate.ts args` runs):
      // no tsx and Redocly start-up in a child; test/generate.test.ts loads them here too.
      let stderr = "";
      const logSpy = vi.spyOn(console, "log").mockImplementation(() => {});
      const errorSpy = vi.spyOn(console, "error").mockImplementation((...parts) => {
        stderr += `${parts.join(" ")}\n`;
      });
      let status: number;
      try {
        status = await generate(["--spec", specPath, "--out", path.join(scratch, "generated")]);
      } finally {
        logSpy.mockRestore();
        errorSpy.mockRestore();
      }
      expect(stderr).toBe("");
      expect(status).toBe(0);

      const types = path.join(scratch, "test/types");
      const probe = module(
        types,
        "new-variant.test-d.ts",
        [
          'import type { DevRevErrorOfType, DevRevErrorType } from "../../src/index.ts";',
          `declare const added: DevRevErrorOfType<"${added.type}">;`,
          `const value: number = added.${added.field};`,
          "const status: 400 = added.status;",
          `const type: DevRevErrorType = "${added.type}";`,
          "export { value, status, type };",
        ].join("\n"),
      );
      // Today's strict switch, against the copy: it misses exactly the new variant.
      const strict = module(
        types,
        "strict-switch.test-d.ts",
        strictSwitch(contractTypes, "../../src/index.ts"),
      );
      const tolerant = path.join(types, "errors.test-d.ts");
      const diagnostics = compile([probe, tolerant, strict]);
      const of = (file: string) =>
        diagnostics.filter((line) => line.startsWith(`${path.basename(file)}: `));
      expect(of(probe)).toEqual([]);
      expect(of(tolerant)).toEqual([]);
      expect(diagnostics.filter((line) => !line.startsWith("strict-switch.test-d.ts: "))).toEqual(
        [],
      );
      expect(of(strict).join("\n")).toMatch(
        new RegExp(`TS2322 .*${added.type}.* is not assignable to type 'never'`, "s"),
      );
    },
  );
});
