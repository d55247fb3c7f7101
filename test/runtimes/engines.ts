/**
 * Whether package.json's `engines.node` admits exactly the Node lines that ran: each alternative
 * is a caret range (`^22.12.0`), one per line, and each line that ran satisfies one of them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./binaries.ts";

/** A runtime that ran, as the runtimes table names it (`Node 22`) and the version it reported. */
export interface RanRuntime {
  runtime: string;
  version: string;
}

/** What is wrong with `engines.node` given the runtimes that ran; undefined when nothing is. */
export function enginesProblem(ran: readonly RanRuntime[]): string | undefined {
  const engines: string = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).engines
    .node;
  const ranges = engines.split("||").map((range) => range.trim());
  const parsed = ranges.map((range) => /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range));
  if (parsed.some((match) => match === null)) {
    return `"${engines}": expected caret ranges only (^20.19.0 || ^22.12.0 …), one per tested line`;
  }
  const nodes = ran.filter((row) => row.runtime.startsWith("Node "));
  const admitted = (version: string) =>
    parsed.some((match) => {
      const [major, minor, patch] = version.split(".").map(Number) as [number, number, number];
      const [, wantMajor, wantMinor, wantPatch] = match!.map(Number) as number[];
      return (
        major === wantMajor && (minor > wantMinor! || (minor === wantMinor && patch >= wantPatch!))
      );
    });
  const outside = nodes.filter((row) => !admitted(row.version)).map((row) => row.version);
  if (outside.length > 0)
    return `"${engines}" does not admit Node ${outside.join(", ")}, which ran`;
  const untested = parsed
    .map((match) => Number(match![1]))
    .filter((major) => !nodes.some((row) => row.runtime === `Node ${major}`));
  if (untested.length > 0)
    return `"${engines}" admits Node ${untested.join(", ")}, which did not run`;
  return undefined;
}
