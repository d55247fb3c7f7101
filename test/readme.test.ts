// Issue 13: the README's claims stay true. Every TypeScript block in it is compiled, as a module
// of its own, against the package (its source entries), so an example that drifts from the API
// fails here rather than in a reader's editor.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** The ```ts blocks of the README, with the line each starts on. */
export function typeScriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith("```")) end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}

describe("the README's TypeScript examples", () => {
  const blocks = typeScriptBlocks(readme);

  it("finds the examples, the first-screen one among the first 60 lines", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks[0]!.line).toBeLessThanOrEqual(60);
    expect(readme.split("\n").slice(0, 60).join("\n")).toContain("npm ci && npm test");
  });

  it("every one compiles against the package", () => {
    const dir = path.join(root, ".tmp", "readme-blocks");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = blocks.map(({ line, code }) => {
      const file = path.join(dir, `readme-line-${line}.ts`);
      // `export {}` makes each block a module, so top-level await and names stay its own.
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
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
        files: files.map((file) => path.basename(file)),
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
    // Only what is wrong in a README block counts; the package's own files are typechecked elsewhere.
    const problems = `${tsc.stdout}${tsc.stderr}`
      .split("\n")
      .filter((line) => line.includes("readme-line-"));
    expect(tsc.status === 0 || problems.length > 0).toBe(true);
    expect(problems).toEqual([]);
  });
});
