/**
 * The package as users get it: built, packed once, and installed from the tarball into a fresh
 * project outside the repository (so nothing resolves from the repository's node_modules); and
 * the processes the consumer tests run there, with an environment that cannot reach back into
 * the repository or carry a real token.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { capture, cleanEnv } from "../../scripts/spawn.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit (the test asserts `code`). */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Ran> {
  // The npm that runs the tests exports npm_config_* (its prefix, its cwd…); a nested npm
  // would inherit them and act on the repository instead of the consumer project. A token of
  // the shell's is never the consumers' business: one that needs a token is given it.
  const { DEVREV_TOKEN: _, ...inherited } = cleanEnv();
  const ran = await capture(command, args, {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
  });
  // A signal, or a command that could not start, counts as a failure like any other.
  return { code: ran.code ?? 1, stdout: ran.stdout, stderr: ran.error ? ran.output : ran.stderr };
}

/** Runs a command that must succeed, and resolves with its stdout; throws with its output if not. */
export async function mustRun(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<string> {
  const result = await run(command, args, { cwd });
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** The package, packed and installed in a consumer project of its own. */
export interface Installed {
  /** The consumer project (`type: module`), the tarball installed in its node_modules. */
  project: string;
  tarball: string;
  /** Every file the tarball holds, as `npm pack` lists them. */
  packedFiles: string[];
  version: string;
  /** What npm printed on stderr while installing the tarball (its warnings included). */
  installWarnings: string;
}

/** A temporary folder for `packAndInstall`; the caller removes it, whatever happened. */
export function makeScratch(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "devrev-auth-tokens-consumers-"));
}

/**
 * Builds (unless `npm test` just did), packs into `scratch`, and installs the tarball into a
 * fresh project there.
 */
export async function packAndInstall(scratch: string): Promise<Installed> {
  // `npm test` (scripts/test.ts) builds dist/ from this source in its first phase
  // (check:package) and says so in DEVREV_AUTH_TOKENS_DIST_BUILT; building again here would
  // spend ~5 s of CPU on the same files. Run any other way, this builds.
  if (process.env.DEVREV_AUTH_TOKENS_DIST_BUILT !== "1") {
    await mustRun("npm", ["run", "--silent", "build"], root);
  }
  // The build ran; --ignore-scripts keeps `prepack` from building again into the JSON.
  const [packed] = JSON.parse(
    await mustRun(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch],
      root,
    ),
  ) as { filename: string; version: string; files: { path: string }[] }[];

  const project = path.join(scratch, "consumer");
  await mkdir(project);
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  const tarball = path.join(scratch, packed!.filename);
  // At npm's default log level, so an engine warning (EBADENGINE) would show. Up to three
  // tries: the dependencies usually come from npm's cache, but a registry that breaks a body off
  // mid-download (ECONNRESET) is not retried by npm itself.
  let install = await installTarball(tarball, project);
  for (let attempt = 2; install.code !== 0 && attempt <= 3; attempt++) {
    install = await installTarball(tarball, project);
  }
  if (install.code !== 0) {
    throw new Error(`npm install of the tarball failed (exit ${install.code}):\n${install.stderr}`);
  }
  return {
    project,
    tarball,
    packedFiles: packed!.files.map((file) => file.path),
    version: packed!.version,
    installWarnings: install.stderr,
  };
}

function installTarball(tarball: string, project: string) {
  return run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: project,
  });
}
