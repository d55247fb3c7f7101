/**
 * Generation step: examples that list a field's allowed values agree with that field's enum.
 *
 * Redocly validates every example against its schema, but `allowed_values: string[]` accepts
 * any list: when a token type is added to the enum, the `invalid_enum_value` example would go
 * on listing the old ones, and nothing would say so. This step fails naming the example.
 *
 * An example "lists allowed values" when its value has `allowed_values` (an array) and a
 * `field_name`; that field must be a request-body property of the same operation with an enum.
 *
 * Usage: tsx scripts/check-examples.ts [openapi.json]   (default: generated/openapi.json)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Node, httpMethods, resolveRef } from "../src/cli/contract/document.ts";
import { projectRoot } from "./redocly.ts";

/** Thrown when an example contradicts the enum it lists; the message names every such example. */
export class ExampleMismatchError extends Error {
  override name = "ExampleMismatchError";
}

/** The enum of each request-body property that has one, by property name. */
function requestEnums(spec: Node, operation: Node): Map<string, unknown[]> {
  const enums = new Map<string, unknown[]>();
  const body = resolveRef(spec, operation.requestBody);
  for (const media of Object.values<Node>(body?.content ?? {})) {
    const schema = resolveRef(spec, media.schema);
    for (const [name, property] of Object.entries<Node>(schema?.properties ?? {})) {
      const values = resolveRef(spec, property)?.enum;
      if (Array.isArray(values)) enums.set(name, values);
    }
  }
  return enums;
}

/**
 * Every disagreement between an example's `allowed_values` and the enum of the request field
 * its `field_name` names, one message per example; empty when they all agree.
 */
export function exampleMismatches(spec: Node): string[] {
  const problems: string[] = [];
  for (const [apiPath, item] of Object.entries<Node>(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation: Node | undefined = item[method];
      if (!operation) continue;
      const enums = requestEnums(spec, operation);
      for (const [status, ref] of Object.entries<Node>(operation.responses ?? {})) {
        const response = resolveRef(spec, ref);
        for (const [mediaType, media] of Object.entries<Node>(response?.content ?? {})) {
          for (const [name, exampleRef] of Object.entries<Node>(media.examples ?? {})) {
            const value = resolveRef(spec, exampleRef)?.value;
            if (!Array.isArray(value?.allowed_values)) continue;
            const where = `example "${name}" (${method.toUpperCase()} ${apiPath} ${status} ${mediaType})`;
            const enumValues = enums.get(value.field_name);
            if (!enumValues) {
              problems.push(
                `${where} lists allowed_values for field_name ${JSON.stringify(value.field_name)}, which is no enumerated request field`,
              );
              continue;
            }
            const listed = value.allowed_values as unknown[];
            const missing = enumValues.filter((v) => !listed.includes(v));
            const extra = listed.filter((v) => !enumValues.includes(v));
            if (missing.length || extra.length) {
              problems.push(
                `${where}: allowed_values must equal the enum of ${value.field_name}` +
                  (missing.length ? `; missing ${missing.join(", ")}` : "") +
                  (extra.length ? `; not in the enum: ${extra.join(", ")}` : ""),
              );
            }
          }
        }
      }
    }
  }
  return problems;
}

/** Throws `ExampleMismatchError` naming every example whose allowed values disagree. */
export function checkExamples(spec: Node): void {
  const problems = exampleMismatches(spec);
  if (problems.length) throw new ExampleMismatchError(problems.join("\n"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.resolve(process.argv[2] ?? path.join(projectRoot, "generated/openapi.json"));
  const problems = exampleMismatches(JSON.parse(readFileSync(file, "utf8")));
  for (const problem of problems) console.error(`check-examples: ${problem}`);
  if (!problems.length) console.log("check-examples: every allowed_values example equals its enum");
  process.exitCode = problems.length ? 1 : 0;
}
