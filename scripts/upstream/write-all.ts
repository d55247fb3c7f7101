/**
 * Writing a set of files so that either all of them change or none does: the fixtures of
 * test/upstream/ agree with each other (the excerpt, its facts, the whole spec), and a refresh
 * that stopped half-way would leave them disagreeing without saying so.
 */
import { randomBytes } from "node:crypto";
import { lstat, rename as renameFile, rm, writeFile } from "node:fs/promises";

/** What a file held before (undefined: there was none), to put back if the set fails. */
export type Previous = Record<string, string | undefined>;

/**
 * Writes `files` (path → text), all or none. Every target is checked first (a directory, say,
 * refuses the set before anything is written); each text goes to a temporary file beside its
 * target, and only when all are written are they renamed over the targets (a rename within a
 * folder replaces the file at once, POSIX rename(2)). Should a rename still fail, the targets
 * already replaced get `previous` back. `rename` is the renaming step, for its failure to be
 * tested.
 *
 * @example
 * ```ts
 * await writeAllOrNone({ "a.json": "{}", "b.txt": "b" }, { "a.json": "[]", "b.txt": undefined });
 * ```
 */
export async function writeAllOrNone(
  files: Record<string, string>,
  previous: Previous,
  rename: (from: string, to: string) => Promise<void> = renameFile,
): Promise<void> {
  for (const file of Object.keys(files)) {
    const found = await lstat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (found && !found.isFile())
      throw new Error(`cannot write ${file}: it is not a file (a directory?); nothing was written`);
  }
  const suffix = `.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const temporary = Object.keys(files).map((file) => [file, `${file}${suffix}`] as const);
  const cleanUp = () => Promise.all(temporary.map(([, temp]) => rm(temp, { force: true })));
  try {
    for (const [file, temp] of temporary) await writeFile(temp, files[file]!);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const done: string[] = [];
  try {
    for (const [file, temp] of temporary) {
      await rename(temp, file);
      done.push(file);
    }
  } catch (error) {
    for (const file of done) {
      const before = previous[file];
      if (before === undefined) await rm(file, { force: true });
      else await writeFile(file, before);
    }
    await cleanUp();
    throw new Error(
      `${(error as Error).message}; the files already replaced were put back, so none changed`,
    );
  }
}
