/**
 * `npm run docs [-- --out <dir>]`: one offline reference site (by default in reference/, which
 * git ignores: docs/ holds the guides). Its three parts link to each other:
 *   - `contract/index.html`: the HTTP contract (generated/openapi.json) by the project's Redocly
 *     (Redoc's scripts inlined), with scripts/docs-contract.hbs around it;
 *   - `api/`: the library's API, by TypeDoc from the TSDoc of every entry point
 *     (scripts/docs-api.ts);
 *   - `index.html`: what the two are, linking both.
 * Everything works from a file:// URL or any static server; nothing is fetched.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { operations } from "../generated/constants.ts";
import { buildApiReference } from "./docs-api.ts";
import { projectRoot, RedoclyError, runRedocly } from "./redocly.ts";

const { values } = parseArgs({ options: { out: { type: "string", short: "o" } } });
const outDir = path.resolve(values.out ?? path.join(projectRoot, "reference"));
const { name, version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8"));

/**
 * What Redoc's page would fetch although its scripts are inlined: Redocly's logo in the sidebar,
 * from their CDN. The page hides the image when it fails to load, so an empty `data:` image
 * gives the offline look without the request.
 */
const remoteLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** The contract reference: Redoc, inlined, in our page template. */
function buildContractReference(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const page = path.join(dir, "index.html");
  // runRedocly turns telemetry and update checks off: the build must not need the network.
  runRedocly([
    "build-docs",
    path.join(projectRoot, "generated", "openapi.json"),
    "--inlineBundle",
    "--template",
    path.join(projectRoot, "scripts", "docs-contract.hbs"),
    "--title",
    `${name} ${version}: HTTP contract`,
    "--output",
    page,
  ]);
  writeFileSync(page, readFileSync(page, "utf8").replace(remoteLogo, "data:,"));
}

const escape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The page that says what the two references are. */
function landingPage(): string {
  const listed = Object.values(operations)
    .map(
      (operation) =>
        `<code>${escape(`${operation.method.toUpperCase()} ${operation.path}`)}</code>`,
    )
    .join(", ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${name} ${version}: reference`)}</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }</style>
</head>
<body>
<h1>${escape(name)} ${escape(version)}</h1>
<ul>
<li><a href="contract/index.html">HTTP contract</a>: what goes over the wire (${listed}): the request, every answer and error body, with examples. Rendered by Redoc from the bundled OpenAPI document the package ships as <code>${escape(name)}/openapi.json</code> (and, as authored, <code>${escape(name)}/openapi.yaml</code>).</li>
<li><a href="api/index.html">Library API</a>: <code>createDevRevClient</code>, its options and results, the error types, and the testing kit (<code>${escape(name)}/testing</code>, <code>${escape(name)}/testing/msw</code>). Rendered by TypeDoc from the TSDoc in the source.</li>
</ul>
</body>
</html>
`;
}

mkdirSync(outDir, { recursive: true });
const parts = { contract: path.join(outDir, "contract"), api: path.join(outDir, "api") };
for (const dir of Object.values(parts)) rmSync(dir, { recursive: true, force: true });
try {
  buildContractReference(parts.contract);
  await buildApiReference(parts.api);
} catch (error) {
  console.error(error instanceof RedoclyError || error instanceof Error ? error.message : error);
  process.exit(1);
}
writeFileSync(path.join(outDir, "index.html"), landingPage());
const shown = path.relative(process.cwd(), path.join(outDir, "index.html"));
console.log(
  `Wrote ${shown.startsWith("..") ? path.join(outDir, "index.html") : shown} (usable offline).`,
);
