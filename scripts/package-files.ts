/**
 * What the published tarball may hold, shared by `npm run check:package` and the consumer
 * tests: the build (JavaScript, declarations, source maps), the contract, the CLI launcher, the
 * manifest, and the README with the guides it links to. Tests, scripts, TypeScript sources and configs never ship.
 */

const intended: readonly RegExp[] = [
  /^dist\/index\.js(\.map)?$/,
  /^dist\/(src|generated)\/[\w./-]+\.(js|d\.ts|js\.map)$/,
  /^generated\/openapi\.json$/,
  /^openapi\/[\w.-]+\.yaml$/,
  /^bin\/[\w.-]+\.js$/,
  /^package\.json$/,
  /^README\.md$/,
  /^docs\/[\w.-]+\.md$/,
  /^LICENSE(\.md)?$/,
];

/** Files the package cannot work without (each entry point of `exports`, and the bin). */
export const requiredFiles: readonly string[] = [
  "package.json",
  "dist/index.js",
  "dist/src/index.d.ts",
  "dist/src/testing/index.js",
  "dist/src/testing/index.d.ts",
  "dist/src/testing/msw.js",
  "dist/src/testing/msw.d.ts",
  "dist/src/cli/main.js",
  "generated/openapi.json",
  "openapi/devrev-auth-tokens.yaml",
  "bin/devrev-auth-tokens.js",
];

/** The paths of a tarball's file list that should not be there, and the required ones missing. */
export function checkPackedFiles(paths: readonly string[]): {
  unexpected: string[];
  missing: string[];
} {
  return {
    unexpected: paths.filter((path) => !intended.some((pattern) => pattern.test(path))),
    missing: requiredFiles.filter((path) => !paths.includes(path)),
  };
}
