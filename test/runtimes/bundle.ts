/**
 * The scenario and the client, bundled once by esbuild into one file per way a runtime loads it:
 * a program (Node, Bun, Deno), a Worker (workerd) and a page's script (Chromium).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";

export interface Bundles {
  /** cli-entry.ts: prints the outcomes on a `scenario: ` line. */
  cli: string;
  /** worker-entry.ts: a Worker that runs the scenario when POSTed its config. */
  worker: string;
  /** browser-entry.ts: puts `runScenario` on `window`. */
  browser: string;
  /** The temporary folder that holds them, for the caller to remove. */
  dir: string;
}

const entries = { cli: "cli-entry.ts", worker: "worker-entry.ts", browser: "browser-entry.ts" };

export async function bundleScenario(): Promise<Bundles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-runtimes-"));
  const out = {} as Record<keyof typeof entries, string>;
  for (const [name, entry] of Object.entries(entries) as [keyof typeof entries, string][]) {
    out[name] = path.join(dir, `${name}.mjs`);
    await esbuild.build({
      entryPoints: [path.join(import.meta.dirname, entry)],
      outfile: out[name],
      bundle: true,
      // What every runtime here has: fetch, timers, web streams; no Node built-in gets in.
      platform: "browser",
      format: "esm",
      target: "es2022",
      logLevel: "error",
    });
  }
  return { ...out, dir };
}
