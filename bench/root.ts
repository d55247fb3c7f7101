/** The repository root, for the benchmark's spawns and file paths. */
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
