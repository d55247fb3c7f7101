#!/usr/bin/env node
// The `devrev-auth-tokens` command. `--version` is answered here, before anything else loads,
// so it costs little more than starting node. Everything else runs the CLI's `main`:
// - in a checkout (src/ and the tsx devDependency are there), the TypeScript source through
//   tsx, so a stale dist/ can never be what runs; DEVREV_AUTH_TOKENS_FROM_DIST=1 runs the build
//   instead (the benchmark measures the build, as users get it);
// - in an installed package (no src/, no tsx), the built dist/src/cli/main.js.
import { existsSync, readFileSync } from "node:fs";

// A reader that stops early (`devrev-auth-tokens --help | head`) closes the pipe, and a closed
// terminal (SIGHUP) makes writes fail with EIO: not errors of this tool. The output is lost,
// but the run goes on to the exit code it would have had (129 after SIGHUP, 4 for an outcome
// it cannot know), never a crash's 1 or an early 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${manifest.version}\n`);
} else {
  const built = new URL("../dist/src/cli/main.js", import.meta.url);
  const source = new URL("../src/cli/main.ts", import.meta.url);
  let cli;
  if (process.env.DEVREV_AUTH_TOKENS_FROM_DIST !== "1" && existsSync(source)) {
    let register;
    try {
      ({ register } = await import("tsx/esm/api"));
    } catch (error) {
      // Only a missing tsx means "not a checkout"; any other failure is a real error.
      if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    }
    if (register) {
      register();
      cli = await import(source.href);
    }
  }
  cli ??= await import(built.href);
  process.exitCode = await cli.main(args);
}
