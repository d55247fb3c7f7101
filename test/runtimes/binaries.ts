/**
 * Where a runtime's binary is, when an npm package ships it, and what version it says it is.
 *
 * Bun, Deno and workerd each come as a wrapper package (`bun`, a devDependency) whose
 * optionalDependencies list one package per platform (`@oven/bun-linux-x64`, …), and npm installs
 * only the one whose `os`, `cpu` and `libc` fit the machine. The wrapper's own `bin` is a shim
 * that its install script, which npm is not allowed to run here, would replace with a link to
 * that binary; so the binary is found the way that script finds it: the installed platform
 * package that fits this machine, and the file inside it that `binaryFile` names.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The project's devDependencies, by name: what the runtimes table says a runtime came from. */
export const devDependencies = readJson(path.join(root, "package.json")).devDependencies as Record<
  string,
  string
>;

/** Where a runtime came from, for the runtimes table: `npm bun@1.4.5`. */
export const fromNpm = (name: string) => `npm ${name}@${devDependencies[name]}`;

/**
 * The binary's file inside each wrapper's platform packages (their package.json names none):
 * the one table to extend for a new runtime shipped this way.
 */
export const binaryFile: Readonly<Record<string, string>> = {
  bun: "bin/bun",
  deno: "deno",
  workerd: "bin/workerd",
};

interface Manifest {
  os?: string | string[];
  cpu?: string | string[];
  libc?: string | string[];
}

/** The C library of this machine as npm names it in `libc` ("glibc" or "musl"). */
function libc(): string {
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } })
    .header;
  return header?.glibcVersionRuntime ? "glibc" : "musl";
}

/** Whether a package's `os`, `cpu` and `libc` admit this machine, as npm decides it. */
function fitsThisMachine(manifest: Manifest): boolean {
  const admits = (allowed: string | string[] | undefined, value: string) =>
    allowed === undefined || [allowed].flat().includes(value);
  return (
    admits(manifest.os, process.platform) &&
    admits(manifest.cpu, process.arch) &&
    (process.platform !== "linux" || admits(manifest.libc, libc()))
  );
}

/** The binary of `wrapper` (a devDependency) for this machine; throws naming what is missing. */
export function npmBinary(wrapper: string): string {
  const file = binaryFile[wrapper];
  if (!file) throw new Error(`${wrapper}: binaryFile does not say where its binary is`);
  const nodeModules = path.join(root, "node_modules");
  const { optionalDependencies = {} } = readJson(
    path.join(nodeModules, wrapper, "package.json"),
  ) as { optionalDependencies?: Record<string, string> };
  const platformPackage = Object.keys(optionalDependencies).find((name) => {
    const manifest = path.join(nodeModules, name, "package.json");
    return existsSync(manifest) && fitsThisMachine(readJson(manifest));
  });
  if (!platformPackage) {
    throw new Error(
      `${wrapper}: none of its platform packages for ${process.platform}-${process.arch} is installed: run npm ci`,
    );
  }
  const exe = process.platform === "win32" ? ".exe" : "";
  return path.join(nodeModules, platformPackage, `${file}${exe}`);
}

/** `bin`, once it is known to be there; else an error that says how to get it. */
export function present(bin: string): string {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm ci`);
  return bin;
}

/** What a binary says its version is, without its name or a leading "v". */
export const versionOf = (bin: string) =>
  execFileSync(bin, ["--version"], { encoding: "utf8" })
    .split("\n")[0]!
    .trim()
    .replace(/^(?:deno|workerd) /, "")
    .replace(/^v/, "")
    .replace(/ \(.*$/, "");
