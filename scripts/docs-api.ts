/**
 * The library's API reference, by TypeDoc, from the TSDoc of what each entry point exports
 * (`devrev-auth-tokens`, `devrev-auth-tokens/testing`, `devrev-auth-tokens/testing/msw`). Every
 * page links to the contract reference beside it (`../contract/index.html`). A warning fails
 * the build: a broken `{@link}`, an unknown tag, or a public type that leans on one TypeDoc
 * cannot show.
 */
import path from "node:path";
import { Application, JSX, OptionDefaults, type DefaultThemeRenderContext } from "typedoc";
import { operations } from "../generated/constants.ts";
import { projectRoot } from "./redocly.ts";

/** What each entry point of `exports` is compiled from. */
export const apiEntryPoints = ["src/index.ts", "src/testing/index.ts", "src/testing/msw.ts"];

/**
 * Helper types that public types are written with but that are deliberately not exported (the
 * public types are what callers name); TypeDoc shows their names without a page.
 */
const helperTypes = [
  "OfType",
  "IsSuccess",
  "WithStatus",
  "JsonBodyOf",
  "ResultHistory",
  "OperationAt",
  "HttpMethod",
  "DataOf",
  "Responses",
  "ToNumber",
  "operations",
];

const operationNames = Object.values(operations)
  .map((operation) => `${operation.method.toUpperCase()} ${operation.path}`)
  .join(", ");

/** A link from every page to the contract reference, whatever the page's depth. */
const contractLink = (context: DefaultThemeRenderContext) =>
  JSX.createElement(
    "nav",
    { class: "reference-nav" },
    JSX.createElement("a", { href: `${context.relativeURL("./")}../index.html` }, "Reference"),
    " · ",
    JSX.createElement(
      "a",
      { href: `${context.relativeURL("./")}../contract/index.html` },
      `HTTP contract (${operationNames})`,
    ),
  );

/** Writes the API reference into `outDir`; throws, saying why, when TypeDoc warns or fails. */
export async function buildApiReference(outDir: string): Promise<void> {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: apiEntryPoints.map((entry) => path.join(projectRoot, entry)),
    tsconfig: path.join(projectRoot, "tsconfig.build.json"),
    readme: "none",
    // Source links need a git host to point at; a clone (or CI's checkout) may have none, and
    // the site is read offline, beside the package, not beside a repository.
    disableSources: true,
    includeVersion: true,
    // openapi-typescript writes these JSDoc tags into generated/schema.ts.
    blockTags: [...OptionDefaults.blockTags, "@description", "@constant"],
    intentionallyNotExported: helperTypes,
    excludePrivate: true,
    excludeInternal: true,
    treatWarningsAsErrors: true,
    logLevel: "Warn",
  });
  app.renderer.hooks.on("sidebar.begin", contractLink);
  const project = await app.convert();
  if (!project) throw new Error("TypeDoc could not read the entry points (see above).");
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings())
    throw new Error("TypeDoc reported problems (see above); the API reference was not written.");
  await app.generateDocs(project, outDir);
}
