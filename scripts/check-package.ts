/**
 * `npm run check:package`: the tarball checked as it would be published. It builds and packs the
 * package once, then fails unless
 *   - the tarball holds only intended files (scripts/package-files.ts),
 *   - publint reports nothing, suggestions included,
 *   - attw (Are the Types Wrong?) finds no problem in any entry point under node10, node16
 *     (from CJS and from ESM) and bundler resolution.
 * attw ignores one rule, `cjs-resolves-to-esm`: the package is ESM-only on purpose and
 * `require()` of it works on every Node in `engines` (see docs/runtimes.md), which attw's
 * checker predates. The consumer tests (test/package) show what CommonJS users really get.
 * attw skips `./openapi.yaml`: a YAML document to read, which no resolver types or imports.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { checkPackedFiles } from "./package-files.ts";

const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-check-"));
const problems: string[] = [];

try {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  // The build just ran: --ignore-scripts skips `prepack`, whose output would corrupt the JSON.
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error("npm pack reported no tarball");
  const tarball = path.join(scratch, packed.filename);
  console.log(`Packed ${packed.filename}: ${packed.files.length} files`);

  const { unexpected, missing } = checkPackedFiles(packed.files.map((file) => file.path));
  for (const file of unexpected) problems.push(`tarball: ${file} should not be published`);
  for (const file of missing) problems.push(`tarball: ${file} is missing`);

  const bytes = readFileSync(tarball);
  const lint = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: "suggestion",
    strict: true,
  });
  for (const message of lint.messages) {
    problems.push(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false })}`);
  }
  console.log(
    `publint: ${lint.messages.length === 0 ? "all good" : `${lint.messages.length} message(s)`}`,
  );

  const attw = spawnSync(
    path.join(root, "node_modules/.bin/attw"),
    [
      tarball,
      "--ignore-rules",
      "cjs-resolves-to-esm",
      // Data read as a file (a YAML document is no module to import); the consumer tests
      // resolve it and read it.
      "--exclude-entrypoints",
      "./openapi.yaml",
      "--format",
      "table-flipped",
      "--no-color",
    ],
    { cwd: root, encoding: "utf8" },
  );
  process.stdout.write(attw.stdout);
  process.stderr.write(attw.stderr);
  if (attw.status !== 0) problems.push(`attw exited with ${attw.status ?? attw.signal}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\ncheck:package found ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
} else {
  console.log("\ncheck:package: the tarball, publint and attw are clean.");
}
