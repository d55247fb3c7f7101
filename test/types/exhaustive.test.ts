import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main as generate } from "../../scripts/generate.ts";
import { compile } from "./compile.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const switchFile = path.join(projectRoot, "test/types/errors.test-d.ts");
const scratch = mkdtempSync(path.join(projectRoot, ".tmp-types-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the exhaustive switch over error.type", () => {
  it("compiles with every case", () => {
    expect(compile([switchFile])).toEqual([]);
  });

  it("fails to compile when one case is missing, naming the missing type", () => {
    const source = readFileSync(switchFile, "utf8").replace(
      /    case "timeout":\n      return `\$\{error\.timeoutMs\}`;\n/,
      "",
    );
    expect(source).not.toContain('case "timeout"');
    const file = path.join(projectRoot, "test/types", ".missing-case.test-d.ts");
    writeFileSync(file, source);
    try {
      const errors = compile([file]);
      expect(errors.join("\n")).toMatch(/TS2322 Type 'TimeoutError' is not assignable to type/);
    } finally {
      rmSync(file);
    }
  });
});

describe("a 400 variant added to the spec joins the union without touching src/", () => {
  it(
    "regenerates into a copy and the copy's unchanged src/ knows the new type",
    { timeout: 120_000 },
    async () => {
      // A copy of the project's sources; only the spec changes.
      for (const dir of ["openapi", "src", "test/types"]) {
        cpSync(path.join(projectRoot, dir), path.join(scratch, dir), { recursive: true });
      }
      const specPath = path.join(scratch, "openapi/devrev-auth-tokens.yaml");
      let spec = readFileSync(specPath, "utf8");
      const ref = (name: string) => `"#/components/schemas/${name}"`;
      const last = "error-bad-request-workflow-component-validation-errors";
      const added = "error-bad-request-quota-exceeded";
      spec = spec
        .replace(
          `        - $ref: ${ref(last)}\n`,
          `        - $ref: ${ref(last)}\n        - $ref: ${ref(added)}\n`,
        )
        .replace(
          `          workflow_component_validation_errors: ${ref(last)}\n`,
          `          workflow_component_validation_errors: ${ref(last)}\n          quota_exceeded: ${ref(added)}\n`,
        )
        .replace(
          "        - workflow_component_validation_errors\n",
          "        - workflow_component_validation_errors\n        - quota_exceeded\n",
        )
        .replace(
          "    error-unauthorized:\n",
          [
            `    ${added}:`,
            "      description: A quota was exceeded.",
            "      allOf:",
            `        - $ref: ${ref("error-base")}`,
            "        - type: object",
            "          required: [type, limit]",
            "          properties:",
            "            type:",
            "              const: quota_exceeded",
            "            limit:",
            "              type: integer",
            "              description: The quota.",
            "    error-unauthorized:",
            "",
          ].join("\n"),
        );
      expect(spec.split(ref(added)).length).toBe(3); // in the oneOf and in the mapping
      expect(spec).toContain("        - quota_exceeded\n");
      writeFileSync(specPath, spec);
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

      const probe = path.join(scratch, "test/types/new-variant.test-d.ts");
      writeFileSync(
        probe,
        [
          'import type { DevRevErrorOfType, DevRevErrorType } from "../../src/index.ts";',
          'const quota: DevRevErrorOfType<"quota_exceeded"> = { type: "quota_exceeded", status: 400, limit: 5 };',
          "const limit: number = quota.limit;",
          'const type: DevRevErrorType = "quota_exceeded";',
          "export { limit, type };",
        ].join("\n"),
      );
      // The three programs below in one compiler run; each diagnostic names its file.
      const switchCopy = path.join(scratch, "test/types/errors.test-d.ts");
      // Its strict form, the README's, misses a case: exactly the new variant.
      const strict = path.join(scratch, "test/types/strict-switch.test-d.ts");
      const tolerant = "      const addedLater: Extract<DevRevError, { status: 400 }> = error;\n";
      expect(readFileSync(switchCopy, "utf8")).toContain(tolerant);
      writeFileSync(
        strict,
        readFileSync(switchCopy, "utf8").replace(
          tolerant,
          "      const addedLater: never = error;\n",
        ),
      );
      const diagnostics = compile([probe, switchCopy, strict]);
      const of = (file: string) =>
        diagnostics.filter((line) => line.startsWith(`${path.basename(file)}: `));
      expect(of(probe)).toEqual([]);
      // The switch tolerates a new 400 variant (its default branch takes any 400)...
      expect(of(switchCopy)).toEqual([]);
      // ...while its strict form misses a case (below), and nothing else fails.
      expect(diagnostics.filter((line) => !line.startsWith("strict-switch.test-d.ts: "))).toEqual(
        [],
      );
      const errors = of(strict).join("\n");
      expect(errors).toMatch(/TS2322 .*quota_exceeded.* is not assignable to type 'never'/s);
    },
  );
});
