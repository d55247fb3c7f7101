/**
 * Reading the project's Markdown as a reader's browser does: its TypeScript blocks, its links to
 * other files of the repository, and the anchors its headings get (GitHub's rule), so the tests
 * can compile the examples and follow every link.
 *
 * @example
 * const links = relativeLinks(readFileSync("README.md", "utf8")); // [{ line: 42, target: "docs/cli.md#exit-codes" }, …]
 */

/** Each line of `markdown`, with whether it lies inside a fenced code block (fences included). */
function linesWithFences(markdown: string): { text: string; fenced: boolean }[] {
  let inFence = false;
  return markdown.split("\n").map((text) => {
    const fence = text.startsWith("```");
    const fenced = inFence || fence;
    if (fence) inFence = !inFence;
    return { text, fenced };
  });
}

/** The ```ts blocks, each with the line its code starts on. */
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

/**
 * The links to a file of the repository or to a heading (`docs/cli.md`, `#install`,
 * `retries.md#retries-and-timeouts`), outside code; links to the web are left out.
 */
export function relativeLinks(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  linesWithFences(markdown).forEach(({ text, fenced }, at) => {
    if (fenced) return;
    const prose = text.replace(/`[^`]*`/g, "``");
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target!)) links.push({ line: at + 1, target: target! });
    }
  });
  return links;
}

/**
 * The anchors of a document's headings, as GitHub makes them: the heading's text lower-cased,
 * every character but letters, digits, spaces, `-` and `_` dropped, spaces made `-`; a repeated
 * anchor gets `-1`, `-2`….
 */
export function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const { text, fenced } of linesWithFences(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (fenced || !heading) continue;
    const base = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
      .replaceAll(" ", "-");
    let slug = base;
    for (let n = 1; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
  }
  return slugs;
}
