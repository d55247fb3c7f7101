/**
 * The steps of `npm run test:spec-changes`: a process run in a copy of the project, timed, its
 * output kept; and the check that a spec change reached generated/.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { redoclyOffline } from "../../scripts/redocly.ts";
import { capture } from "../../scripts/spawn.ts";
import type { Expected } from "./mutations.ts";
import { root } from "./project-copy.ts";

export interface Step {
  name: string;
  ok: boolean;
  /** The exit code, when it was a process. */
  code?: number | null;
  seconds: number;
  output: string;
}

const node = process.execPath;
/**
 * The suite runs the tests ten times over: a timing test that misses its window once on a loaded
 * machine is run again, where a spec change that breaks a test breaks it every time.
 */
export const retry = "--retry=1";
export const bin = {
  tsx: path.join(root, "node_modules/tsx/dist/cli.mjs"),
  tsc7: path.join(root, "node_modules/typescript7/bin/tsc"),
  vitest: path.join(root, "node_modules/vitest/vitest.mjs"),
};

/** Runs `command args` (`node` unless `args` starts with `npm`) in `cwd`; never rejects. */
export async function step(
  name: string,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Step> {
  const [command, rest] = args[0] === "npm" ? ["npm", args.slice(1)] : [node, args];
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    ...redoclyOffline,
    ...env,
  };
  if (env.DEVREV_AUTH_TOKENS_DIST_BUILT === undefined)
    delete childEnv.DEVREV_AUTH_TOKENS_DIST_BUILT;
  const { code, output, ms } = await capture(command, rest, { cwd, env: childEnv });
  return { name, ok: code === 0, code, seconds: ms / 1000, output };
}

/** What generated/ must show after the change; one problem per missing or lingering string. */
export function checkGenerated(dir: string, expected: Expected): Step {
  const read = (file: string) => readFileSync(path.join(dir, "generated", file), "utf8");
  const constants = read("constants.ts");
  const schema = read("schema.ts");
  const bundled = read("openapi.json");
  const problems = [
    ...(expected.bundled ?? [])
      .filter((s) => !bundled.includes(s))
      .map((s) => `openapi.json lacks ${s}`),
    ...(expected.constants ?? [])
      .filter((s) => !constants.includes(s))
      .map((s) => `constants.ts lacks ${s}`),
    ...(expected.schema ?? [])
      .filter((s) => !schema.includes(s))
      .map((s) => `schema.ts lacks ${s}`),
    ...(expected.absent ?? [])
      .filter((s) => constants.includes(s) || schema.includes(s))
      .map((s) => `generated/ still has ${s}`),
  ];
  return {
    name: "generated/ shows the change",
    ok: problems.length === 0,
    seconds: 0,
    output: problems.join("\n"),
  };
}
