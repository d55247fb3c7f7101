// The README and its guides (docs/*.md) keep their claims true. Every TypeScript block in them is
// compiled, as a module of its own, against the package (its source entries), so an example that
// drifts from the API fails here rather than in a reader's editor; and every link between them
// lands on a file and a heading that exist, so moving a section cannot strand a reader.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  defaultMaxRetries,
  defaultMaxRetryDelayMs,
  defaultTimeoutMs,
  retryableStatuses,
} from "../src/retry.ts";
import { headingSlugs, relativeLinks, typeScriptBlocks } from "./support/markdown.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const guides = readdirSync(path.join(root, "docs"))
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => `docs/${name}`);
/** Every document a reader is sent to: the README, then each guide. */
const documents = ["README.md", ...guides];
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");

describe("the README, a front door", () => {
  const blocks = typeScriptBlocks(readme);

  it("shows the two commands and an example on the first screen", () => {
    expect(blocks[0]!.line).toBeLessThanOrEqual(60);
    const firstScreen = readme.split("\n").slice(0, 60).join("\n");
    expect(firstScreen).toContain("npm ci && npm start");
    expect(firstScreen).toContain("npm ci && npm test");
  });

  it("has a library example and a testing-kit example, in well under 200 lines", () => {
    expect(blocks.some(({ code }) => code.includes('from "devrev-auth-tokens"'))).toBe(true);
    expect(blocks.some(({ code }) => code.includes('from "devrev-auth-tokens/testing"'))).toBe(
      true,
    );
    expect(readme.split("\n").length).toBeLessThan(150);
  });

  it("links every guide", () => {
    const linked = new Set(relativeLinks(readme).map(({ target }) => target.split("#")[0]));
    expect(guides.filter((guide) => !linked.has(guide))).toEqual([]);
  });
});

describe("the links between the README and the guides", () => {
  it("each lands on a file that exists, and on a heading of it when it names one", () => {
    const broken: string[] = [];
    for (const document of documents) {
      for (const { line, target } of relativeLinks(read(document))) {
        const [file = "", anchor] = target.split("#");
        const to = file ? path.join(path.dirname(document), file) : document;
        if (!existsSync(path.join(root, to))) {
          broken.push(`${document}:${line}: ${target}: no such file`);
        } else if (anchor !== undefined && !headingSlugs(read(to)).has(anchor)) {
          broken.push(`${document}:${line}: ${target}: no heading #${anchor} in ${to}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("the TypeScript examples of the README and the guides", () => {
  const blocks = documents.flatMap((document) =>
    typeScriptBlocks(read(document)).map((block) => ({ document, ...block })),
  );

  it("finds the examples, some in the README and some in the guides", () => {
    expect(blocks.filter(({ document }) => document === "README.md").length).toBeGreaterThan(0);
    expect(blocks.filter(({ document }) => document !== "README.md").length).toBeGreaterThan(0);
  });

  it("every one compiles against the package", () => {
    const dir = path.join(root, ".tmp", "readme-blocks");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map(({ document, line, code }) => {
      // docs/library.md line 40 → block-docs-library-line-40.ts: the error names where to look.
      const name = `block-${document.replace(/\.md$/, "").replaceAll("/", "-")}-line-${line}.ts`;
      // `export {}` makes each block a module, so top-level await and names stay its own.
      writeFileSync(path.join(dir, name), `${code}\nexport {};\n`);
      return name;
    });
    // TypeScript 7's compiler (the one `npm run typecheck` uses): a second for what 5.9's API
    // takes six for.
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          types: ["node"],
          typeRoots: [path.join(root, "node_modules", "@types")],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          resolveJsonModule: true,
          allowImportingTsExtensions: true,
          paths: {
            "devrev-auth-tokens": [path.join(root, "src/index.ts")],
            "devrev-auth-tokens/testing": [path.join(root, "src/testing/index.ts")],
            "devrev-auth-tokens/testing/msw": [path.join(root, "src/testing/msw.ts")],
          },
        },
        files,
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules", "typescript7", "bin", "tsc"),
        "-p",
        dir,
        "--pretty",
        "false",
      ],
      { encoding: "utf8" },
    );
    // Only what is wrong in a document's block counts; the package's own files are typechecked
    // elsewhere.
    const problems = `${tsc.stdout}${tsc.stderr}`
      .split("\n")
      .filter((line) => line.includes("block-"));
    expect(tsc.status === 0 || problems.length > 0).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe("the retry policy as the docs state it", () => {
  const retries = readFileSync(path.join(root, "docs/retries.md"), "utf8");
  const options = readFileSync(path.join(root, "src/options.ts"), "utf8");

  it("docs/retries.md lists the statuses retry.ts retries", () => {
    const listed = /\*\*Retried\*\*: ((?:\d{3}, )+)/.exec(retries)?.[1];
    expect(listed?.split(", ").filter(Boolean).map(Number)).toEqual([...retryableStatuses]);
  });

  it("the options' TSDoc gives the defaults retry.ts holds", () => {
    const defaults = {
      timeoutMs: defaultTimeoutMs,
      maxRetries: defaultMaxRetries,
      maxRetryDelayMs: defaultMaxRetryDelayMs,
    };
    for (const [name, value] of Object.entries(defaults))
      expect(options, name).toMatch(new RegExp(`@default ${value}\\n\\s*\\*/\\n\\s*${name}\\?:`));
  });
});
