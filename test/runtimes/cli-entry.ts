/**
 * The scenario as a program, for the runtimes that run a file: Node, Bun and Deno. It takes the
 * scenario's configuration as JSON in its last argument and prints one line, `scenario: ` and
 * the outcomes as JSON, for adapters/program.ts to read.
 *
 * The arguments come from `process.argv` where there is a `process` (Node, Bun), else from
 * `Deno.args`; nothing else here differs between runtimes.
 */
import { runScenario, type ScenarioConfig } from "./scenario.ts";

declare const Deno: { args: string[] } | undefined;

const runtimeArgs: string[] =
  typeof Deno !== "undefined"
    ? Deno.args
    : (globalThis as { process?: { argv: string[] } }).process!.argv.slice(2);
const config = JSON.parse(runtimeArgs.at(-1)!) as ScenarioConfig;
console.log(`scenario: ${JSON.stringify(await runScenario(config))}`);
