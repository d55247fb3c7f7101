/**
 * `npm run layout`: the "Project layout" section of docs/development.md, written from the code
 * so that it cannot go stale. Each module of src/, scripts/, bench/ and bin/ is described by the
 * first sentence of its header comment; each folder by a line of `folders` below, and a folder
 * that exists without one (or one listed that no longer exists) is an error, not a gap.
 *
 * Usage: npm run layout [-- --write]. Without `--write` it exits 1 when the section differs from
 * what the code says now; `npm test` makes the same comparison (test/layout.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readSection, writeSection, type MarkedSection } from "./markdown.ts";

const projectRoot = path.resolve(import.meta.dirname, "..");

/** Where the layout lives, relative to `root`. */
export const layoutFile = "docs/development.md";
/** The section of `layoutFile` this script owns. */
export function layoutSection(root: string = projectRoot): MarkedSection {
  return {
    file: path.join(root, layoutFile),
    start: "<!-- layout:start (written by npm run layout -- --write) -->",
    end: "<!-- layout:end -->",
  };
}

/** Every folder of the layout, in the order it is shown, with what it holds. */
export const folders: Readonly<Record<string, string>> = {
  "openapi/": "the contract as authored: the hand-written OpenAPI spec, the source of truth.",
  "generated/":
    "what `npm run generate` writes from the spec (the bundled spec, its types, the runtime constants); never edited by hand.",
  "src/": "the handwritten layer over openapi-fetch: the client, the package's main entry.",
  "src/cli/": "the `devrev-auth-tokens` command, its commands one record each.",
  "src/cli/contract/":
    "reading any OpenAPI document, for `contract-diff` (its facts, compared) and `verify` (its validator).",
  "src/testing/":
    "the testing kit: the mock DevRev (`devrev-auth-tokens/testing`, and `/testing/msw` for MSW).",
  "bin/": "the CLI launcher that the package's `bin` installs.",
  "scripts/": "generation and checks: small TypeScript files run with tsx, each one step.",
  "scripts/upstream/":
    "what `npm run upstream:refresh` makes of a spec DevRev published: the fixtures of test/upstream/.",
  "bench/": "`npm run bench`: the benchmark, one module per row of its table.",
  "test/":
    "the tests, run by vitest in `npm test` unless said otherwise; each file at the top tests one module.",
  "test/browser/": "the client in headless Chromium: CORS across origins, `keepalive` at logout.",
  "test/cli/": "the CLI run as users run it, a process of its own: commands, exit codes, signals.",
  "test/client/":
    "the client against the mock server over 127.0.0.1: retries, uncertain outcomes, misuse, hostile answers, middleware, logging, property tests.",
  "test/contract/":
    "the generated constants and the spec's examples, held to the contract and to each other.",
  "test/docs/":
    "`npm run test:docs`: the reference site `npm run docs` builds, opened in Chromium (not in `npm test`).",
  "test/fixtures/":
    "copies of DevRev's published contract (the facts, an excerpt, the whole spec), for test/upstream/ alone.",
  "test/mock/":
    "the mock: its answers validated against the contract, faults, recording, MSW handlers, DevRev's own SDK against it.",
  "test/mutation/":
    "`npm run test:mutation`'s last full run, committed, so a run after a small change tests only what changed.",
  "test/package/":
    "the packed tarball installed in a fresh project: ESM, CommonJS and TypeScript consumers, the kit, the CLI, a browser bundle.",
  "test/runtimes/":
    "`npm run test:runtimes`: the scenario on every runtime, the suites on each Node line, the runtimes table (not in `npm test`).",
  "test/runtimes/adapters/":
    "how each kind of runtime runs the bundled scenario: a program, a Worker, a page.",
  "test/runtimes/node/":
    "the Node lines and MSW 3 that runtimes and bench install on first use, pinned with their own lockfile.",
  "test/spec-changes/":
    "`npm run test:spec-changes`: each kind of spec change DevRev makes, on a copy of the project (not in `npm test`).",
  "test/support/":
    "what the tests share: the mock per file, the contract validator, secrets and their encodings, ports.",
  "test/types/": "type tests: the error union, the exhaustive switch, what must fail to compile.",
  "test/upstream/":
    "the contract compared with DevRev's published one (the fixtures), and Prism on it.",
  "docs/": "the guides the README links to; scripts write only between their markers.",
  ".ci/": "CI's entry point, `.ci/run`: `npm ci`, `npm test`, then the heavier suites.",
};

/** The folders whose modules are listed one by one (the others get their one line). */
const moduleRoots = ["src", "scripts", "bench", "bin"];
/** Where folders are looked for, to catch one without a line: every folder but these. */
const unlisted = new Set(["node_modules", ".git", "dist", "reference", "coverage", "reports"]);

/** A declaration directly after a comment makes the comment that declaration's, not the file's. */
const declaration =
  /^(export\s+(default\s+)?(async\s+)?(const|let|var|function|class|interface|type\s+\w+\s*=|enum|abstract)|(const|let|var|function|class|interface|type|enum)\s)/;

/** The file's header comment (`/** … *\/` or a run of `//` lines at its top), as plain text. */
export function headerOf(source: string): string | undefined {
  const text = source.replace(/^#!.*\n/, "");
  let comment: string;
  let rest: string;
  const block = /^\/\*\*?([\s\S]*?)\*\/\n?/.exec(text);
  if (block) {
    comment = block[1]!.replace(/^[ \t]*\* ?/gm, "");
    rest = text.slice(block[0].length);
  } else {
    const lines = /^(?:\/\/.*\n)+/.exec(text);
    if (!lines) return undefined;
    comment = lines[0].replace(/^\/\/ ?/gm, "");
    rest = text.slice(lines[0].length);
  }
  if (declaration.test(rest) && !comment.includes("@module")) return undefined;
  return comment.trim();
}

const abbreviations = /(^|\W)(e\.g|i\.e|etc|vs|cf)$/;

/**
 * The first sentence of a comment's first paragraph, on one line; tags, examples and lists left
 * out. A paragraph that leads into a list ends at it, marked `…` (the description continues
 * there).
 */
export function firstSentence(comment: string): string {
  const [first = ""] = comment.split(/\n\s*\n|\n\s*@|\n\s*(?=(?:[-*]|\d+\.)\s)/);
  const paragraph = first.replace(/\s+/g, " ").trim();
  let inCode = false;
  let depth = 0;
  for (let i = 0; i < paragraph.length; i++) {
    const char = paragraph[i]!;
    if (char === "`") inCode = !inCode;
    if (inCode) continue;
    if (char === "(") depth++;
    if (char === ")") depth = Math.max(0, depth - 1);
    const ends = ".!?".includes(char) && (i + 1 === paragraph.length || paragraph[i + 1] === " ");
    if (ends && depth === 0 && !abbreviations.test(paragraph.slice(0, i)))
      return paragraph.slice(0, i + 1);
  }
  return /[.!?]$/.test(paragraph) ? paragraph : `${paragraph} …`;
}

/** `{@link name}` as the name alone: TSDoc's link means nothing in a Markdown page. */
const plain = (sentence: string) => sentence.replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, "`$1`");

/** The folders of the project that a layout must describe, as `dir/`. */
export function foldersOf(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || unlisted.has(entry.name) || entry.name.startsWith(".tmp"))
        continue;
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      found.push(`${relative}/`);
      if (depth < 2) walk(relative, depth + 1);
    }
  };
  walk("", 0);
  return found;
}

/** The modules of a folder (not of its subfolders), sorted. */
function modulesOf(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs|js)$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The layout as Markdown: a line per folder, and under those of `moduleRoots` a line per module. */
export function renderLayout(root: string = projectRoot): string {
  const found = foldersOf(root);
  const undescribed = found.filter((folder) => !(folder in folders));
  const gone = Object.keys(folders).filter((folder) => !existsSync(path.join(root, folder)));
  if (undescribed.length || gone.length) {
    const problems = [
      ...undescribed.map((folder) => `${folder} has no line`),
      ...gone.map((folder) => `${folder} is described but does not exist`),
    ];
    throw new Error(`scripts/layout.ts folders: ${problems.join("; ")}`);
  }
  const lines: string[] = [];
  for (const [folder, description] of Object.entries(folders)) {
    lines.push(`- \`${folder}\`: ${description}`);
    if (!moduleRoots.includes(folder.split("/")[0]!)) continue;
    for (const name of modulesOf(root, folder)) {
      const header = headerOf(readFileSync(path.join(root, folder, name), "utf8"));
      const line = header ? plain(firstSentence(header)) : "_(no header comment)_";
      lines.push(`  - [\`${name}\`](../${folder}${name}): ${line}`);
    }
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { write: { type: "boolean", default: false } } });
  const section = layoutSection();
  const layout = renderLayout();
  if (values.write) {
    writeSection(section, layout);
    console.log(`layout: wrote the project layout into ${layoutFile}.`);
  } else if (readSection(section) !== layout) {
    console.error(`layout: ${layoutFile} is stale; run \`npm run layout -- --write\`.`);
    process.exitCode = 1;
  } else {
    console.log(`layout: ${layoutFile} is up to date.`);
  }
}
