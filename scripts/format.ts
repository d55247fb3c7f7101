/**
 * Step 5 of generation: format generated text with the project's prettier config, so that
 * `prettier --check .` passes on generated/ and regeneration is byte-for-byte stable.
 */
import path from "node:path";
import * as prettier from "prettier";
import { projectRoot } from "./redocly.ts";

export async function formatAs(fileName: string, text: string): Promise<string> {
  // Resolve the config as if the file lived in generated/, wherever it is being staged.
  const config =
    (await prettier.resolveConfig(path.join(projectRoot, "generated", fileName))) ?? {};
  return prettier.format(text, { ...config, filepath: fileName });
}
