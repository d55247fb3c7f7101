/**
 * The token types the project itself names (in src/, test/, the README or a guide: a demo token,
 * a CLI example, a test's `--type pat`). A spec change that removed one of them would need those
 * edited too, as DevRev retiring `pat` would; the mutations that remove or rename token types
 * leave these alone and take every other one, so nothing else may depend on them.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Where the project may name a token type: every TypeScript file, the README and its guides. */
function corpus(root: string): string {
  const documents = [
    "README.md",
    ...readdirSync(path.join(root, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`),
  ];
  const texts = documents.map((file) => readFileSync(path.join(root, file), "utf8"));
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      // What DevRev publishes and what only compares with it are not the project's own names.
      if (["test/fixtures", "test/upstream", "test/spec-changes"].includes(relative)) continue;
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|mjs|js)$/.test(entry.name))
        texts.push(readFileSync(path.join(root, relative), "utf8"));
    }
  };
  for (const dir of ["src", "test", "bench", "scripts", "bin"]) walk(dir);
  return texts.join("\n");
}

/**
 * The token types of `tokenTypes` named by the project at `root`: as a URN, or as a short form
 * in quotes (`"pat"`).
 *
 * @example
 * ```ts
 * pinnedTokenTypes(root, tokenTypes); // Set { "urn:devrev:params:oauth:token-type:pat", … }
 * ```
 */
export function pinnedTokenTypes(root: string, tokenTypes: readonly string[]): Set<string> {
  const text = corpus(root);
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new Set(
    tokenTypes.filter((type) => {
      const short = type.slice(type.indexOf("token-type:") + "token-type:".length);
      return (
        new RegExp(`${escape(type)}(?![a-z0-9:-])`).test(text) ||
        new RegExp(`["'\`]${escape(short)}["'\`]`).test(text)
      );
    }),
  );
}
