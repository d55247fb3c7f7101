/**
 * Every runtime `npm run test:runtimes` runs the scenario on, one row each, in the order of the
 * runtimes table (docs/runtimes.md): its name there, where it comes from, and the adapter that
 * runs the scenario on it. A runtime that runs a file (a binary from an npm package) is one row
 * with `program`.
 *
 * Every binary comes from npm: Node 22/24/26 pinned by test/runtimes/node (installed by
 * scripts/node-lines.ts when missing), the others from devDependencies, called directly (their
 * install scripts, which npm is not allowed to run, would only link these binaries).
 */
import { nodeLines } from "../../scripts/node-lines.ts";
import type { Adapter } from "./adapters/adapter.ts";
import { page } from "./adapters/page.ts";
import { program } from "./adapters/program.ts";
import { worker } from "./adapters/worker.ts";
import { fromNpm, npmBinary } from "./binaries.ts";

export interface Runtime {
  /** As the runtimes table names it; Node lines are `Node <major>`. */
  name: string;
  /** Where it comes from, for the runtimes table. */
  from: string;
  run: Adapter;
}

/** The machine's own Node, which runs this script, the mock and `npm test`. */
export const machineNode = `Node ${process.versions.node.split(".")[0]}`;

export const runtimes: readonly Runtime[] = [
  {
    name: machineNode,
    from: "the machine's node",
    run: program({ bin: () => process.execPath }),
  },
  ...nodeLines.map((line) => ({
    name: `Node ${line.major}`,
    from: `npm ${line.package}@${line.version} (test/runtimes/node)`,
    run: program({ bin: () => line.bin }),
  })),
  { name: "Bun", from: fromNpm("bun"), run: program({ bin: () => npmBinary("bun") }) },
  {
    name: "Deno",
    from: fromNpm("deno"),
    run: program({
      bin: () => npmBinary("deno"),
      // Only the loopback network: the mock is all the scenario may reach.
      args: (bundle, config) => ["run", "--no-prompt", "--allow-net=127.0.0.1", bundle, config],
      env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    }),
  },
  { name: "workerd", from: fromNpm("workerd"), run: worker({ bin: () => npmBinary("workerd") }) },
  {
    name: "Chromium",
    from: process.env["CHROMIUM_PATH"] ? "CHROMIUM_PATH" : fromNpm("@sparticuz/chromium"),
    run: page(),
  },
];
