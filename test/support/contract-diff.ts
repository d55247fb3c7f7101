/**
 * Running `contract-diff` in this process for the tests of test/upstream/: the command with its
 * arguments (and, optionally, other contract files than the package's), its exit code and what
 * it printed; and copies of a spec written to a scratch folder, changed first.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { commandNamed } from "../../src/cli/commands.ts";
import { type ContractFiles, contractDiff } from "../../src/cli/contract-diff.ts";
import { compareDocuments } from "../../src/cli/contract/compare-documents.ts";
import { readSpec } from "../../src/cli/contract/document.ts";
import { knownDifferences, sortOut } from "../../src/cli/contract/known-differences.ts";
import { parsedArgs } from "../../src/cli/main.ts";
import { Printer } from "../../src/cli/output.ts";

export const root = path.resolve(import.meta.dirname, "../..");
export const fixture = (name: string) => path.join(root, "test/fixtures", name);
export const excerptFile = fixture("devrev-published-excerpt.json");
export const sourceFile = path.join(root, "openapi/devrev-auth-tokens.yaml");
export const bundledFile = path.join(root, "generated/openapi.json");
/** DevRev's published excerpt (JSON, OpenAPI 3.0): quick to read, and what most tests change. */
export const excerpt = await readSpec(excerptFile);

/** What one run of the command did. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The command, in this process, with `args` (as typed after `contract-diff`), comparing
 * `contract` (by default the package's own files) with the spec named.
 */
export async function contractDiffRun(args: string[], contract?: ContractFiles): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const printer = new Printer({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: (async function* () {})(),
    env: {},
    onInterrupt: () => () => {},
  });
  const code = await contractDiff(
    parsedArgs(commandNamed("contract-diff")!, args),
    printer,
    contract,
  );
  return { code, stdout, stderr };
}

/** A scratch folder, removed after the test file. */
export function scratchFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of `doc`, changed by `change`, written as JSON to `file`; returns `file`. */
export function writtenSpec(file: string, doc: unknown, change: (copy: any) => void = () => {}) {
  const copy = structuredClone(doc);
  change(copy);
  writeFileSync(file, JSON.stringify(copy));
  return file;
}

/** Our contract as a maintainer edits it (openapi/). */
export const oursDoc = await readSpec(sourceFile);
const known = knownDifferences(oursDoc);

/** Our contract against `doc`: the drift lines contract-diff prints (known differences apart). */
export const drift = (doc: unknown) => sortOut(compareDocuments(oursDoc, doc as any), known).drift;

/** A copy of DevRev's published excerpt, changed by `change`. */
export function changedExcerpt(change: (doc: any) => void): any {
  const copy = structuredClone(excerpt);
  change(copy);
  return copy;
}

/** Shortcuts into a published document. */
export const published = {
  schemas: (doc: any) => doc.components.schemas,
  operation: (doc: any) => doc.paths["/auth-tokens.self.delete"].post,
  /** The schema of the request body, by name. */
  request: (doc: any) => doc.components.schemas["auth-tokens-self-delete-request"],
  tokenTypes: (doc: any) =>
    doc.components.schemas["auth-token-requested-token-type"].enum as string[],
  /** The allOf part of an error schema that holds its own properties. */
  ownPart: (doc: any, name: string) =>
    doc.components.schemas[name].allOf?.find((part: any) => part.properties) ??
    doc.components.schemas[name],
};
export const tokenTypeRef = { $ref: "#/components/schemas/auth-token-requested-token-type" };
