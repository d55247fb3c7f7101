/**
 * DevRev's contract facts (test/fixtures/devrev-contract-facts.txt) written from a published
 * excerpt (excerpt.ts): the operation (where it is, server, security, request body, responses)
 * and one line per schema in the facts' notation, which test/upstream/facts.test.ts reads back.
 * The prose of the previous file (its introduction, the known pitfall, the notation's legend,
 * and what only DevRev's documentation page says) is kept: a spec cannot carry it.
 */
import type { Node } from "../../src/cli/contract/document.ts";
import { renderShape, renderType } from "./facts-shapes.ts";

const nameOf = (ref: string) => ref.split("/").at(-1)!;

/** The lines of `previous` from the one starting with `start` up to the next blank line. */
function kept(previous: string, start: string): string[] {
  const lines = previous.split("\n");
  const from = lines.findIndex((line) => line.startsWith(start));
  if (from < 0) return [];
  const to = lines.findIndex((line, i) => i > from && line.trim() === "");
  return lines.slice(from, to < 0 ? undefined : to);
}

const resolve = (doc: Node, node: Node | undefined): Node | undefined =>
  typeof node?.$ref === "string"
    ? resolve(doc, doc.components?.responses?.[nameOf(node.$ref)])
    : node;
const sentence = (text: unknown) =>
  String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
const lowerFirst = (text: string) =>
  text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");

function operationLines(doc: Node, previous: string): string[] {
  const [path, item] = Object.entries<Node>(doc.paths)[0]!;
  const [method, operation] = Object.entries<Node>(item).find(([, op]) => op?.operationId)!;
  const lines = [
    "Operation",
    `- ${method.toUpperCase()} ${path}, operationId "${operation.operationId}", tag "${(operation.tags ?? []).join(", ")}",`,
    `  summary "${operation.summary}". ${sentence(operation.description)}`,
  ];
  for (const server of doc.servers ?? []) {
    const variables = Object.entries<Node>(server.variables ?? {});
    const url = String(server.url).replace(
      /\{(\w+)\}/g,
      (whole, v: string) => server.variables?.[v]?.default ?? whole,
    );
    const defaults = variables.map(([v, value]) => `${v} default ${value.default}`).join(", ");
    lines.push(
      `- Server: ${url}${variables.length ? ` (published as "${server.url}", ${defaults})` : ""}.`,
    );
  }
  for (const name of (operation.security ?? doc.security ?? []).flatMap((r: Node) =>
    Object.keys(r),
  )) {
    const scheme = doc.components?.securitySchemes?.[name] ?? {};
    const env = scheme["x-fern-bearer"]?.env;
    lines.push(
      scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer"
        ? `- Security: HTTP bearer scheme named "${name}": header "Authorization: Bearer <TOKEN>" on every`
        : `- Security: ${scheme.type} scheme named "${name}"${scheme.in ? ` in ${scheme.in} "${scheme.name}"` : ""} on every`,
      `  request.${env ? ` The published spec names ${env} as the environment variable that conventionally holds it.` : ""}`,
    );
  }
  const body = operation.requestBody;
  if (body) {
    const [media, content] = Object.entries<Node>(body.content ?? {})[0] ?? ["none", {}];
    lines.push(
      `- Request body: ${body.required ? "required" : "optional"}, ${media}, schema ${renderType(content.schema ?? {})}.`,
    );
    // What only the documentation page says (its example) cannot come from a spec: kept.
    const page = kept(previous, "- Request body:")
      .slice(1)
      .filter((line) => /The page/.test(line));
    lines.push(...page);
  }
  lines.push("- Responses:");
  for (const [status, reference] of Object.entries<Node>(operation.responses ?? {})) {
    const response = resolve(doc, reference) ?? {};
    const [media, content] = Object.entries<Node>(response.content ?? {})[0] ?? [];
    const headers = Object.entries<Node>(response.headers ?? {}).map(
      ([header, value]) =>
        `+ response header ${header}: ${lowerFirst(sentence(value.description ?? value.schema?.description ?? value.schema?.type))}`,
    );
    const what = content
      ? `${renderType(content.schema ?? {}).padEnd(29)}(${media})`
      : /^2/.test(status)
        ? "success, no body"
        : "no body";
    lines.push(`    ${status}  ${[what, ...headers].join(" ")}`.trimEnd());
  }
  return lines;
}

/**
 * The facts file for `excerpt`, keeping the prose of `previous` (the file it replaces).
 *
 * @example
 * ```ts
 * writeFileSync(factsFile, factsText(excerpt, readFileSync(factsFile, "utf8")));
 * ```
 */
export function factsText(excerpt: Node, previous: string): string {
  const intro =
    previous.slice(0, previous.indexOf("\nOperation\n") + 1) || "DevRev contract facts\n\n";
  const header = intro
    .replace(/info\.version "[^"]*"/, `info.version "${excerpt.info?.version}"`)
    .replace(/OpenAPI \d+\.\d+\.\d+/, `OpenAPI ${excerpt.openapi}`);
  const pitfall = kept(previous, "Known pitfall");
  const legend = kept(previous, "Shapes (");
  const legendEnd = legend.findIndex((line) => line.trimEnd().endsWith(")"));
  const shapes = Object.entries<Node>(excerpt.components?.schemas ?? {}).map(([name, schema]) =>
    renderShape(name, schema),
  );
  return [
    header.trimEnd(),
    "",
    ...operationLines(excerpt, previous),
    ...(pitfall.length ? ["", ...pitfall] : []),
    "",
    ...(legendEnd >= 0 ? legend.slice(0, legendEnd + 1) : ["Shapes"]),
    ...shapes,
    "",
  ].join("\n");
}
