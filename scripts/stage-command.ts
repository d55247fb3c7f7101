/**
 * A generation stage run by hand, outside `npm run generate`: `tsx scripts/<stage>.ts
 * <openapi.json> <out.ts>` reads a bundled spec and writes what the stage makes of it. Each
 * stage module calls this last; it does nothing when the module is imported.
 *
 * @example
 * await runStageCommand(import.meta.url, generateTypes);
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export async function runStageCommand(
  moduleUrl: string,
  generate: (bundledSpec: any) => string | Promise<string>,
): Promise<void> {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    const script = path.relative(process.cwd(), fileURLToPath(moduleUrl));
    console.error(`usage: tsx ${script} <openapi.json> <out.ts>`);
    process.exit(2);
  }
  writeFileSync(output, await generate(JSON.parse(readFileSync(input, "utf8"))));
}
