// `npm run mock [-- --port 4010] [-- --quiet]`: the mock DevRev server, standalone, with demo
// tokens, printing a line per request unless --quiet.
import { parseArgs } from "node:util";
import { runStandaloneMock } from "../src/testing/standalone.ts";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, quiet: { type: "boolean", short: "q" } },
});
const port = values.port === undefined ? 4010 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0-65535), got ${values.port}`);
  process.exit(2);
}
try {
  await runStandaloneMock({ port, traffic: values.quiet !== true });
} catch (error) {
  console.error(`Could not start the mock: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
