/**
 * Headless Chromium for the tests, from npm: `@sparticuz/chromium` ships the browser inside the
 * package (unpacked to the temp folder on first use, about 1.5 s), so `npm ci` is all a machine
 * needs. playwright-core drives it and downloads nothing.
 *
 * `CHROMIUM_PATH` names another Chromium to use instead (a system one, say); it is never needed.
 *
 * The arguments are ours, never the package's own `chromium.args`: those include
 * `--disable-web-security`, which turns CORS off, so a cross-origin test would pass without
 * testing anything (and on the 143 line they crash the browser at launch). Playwright starts the
 * browser with a fresh temporary profile (its own `--user-data-dir`) every launch.
 */
import sparticuz from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

/** No sandbox (CI runs as root); nothing that reaches for the network on its own. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

/** The browser binary: `CHROMIUM_PATH` when set, else the one @sparticuz/chromium ships. */
export async function chromiumExecutable(): Promise<string> {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv) return fromEnv;
  return await sparticuz.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  try {
    return await chromium.launch({ executablePath, args: [...chromiumArgs], timeout: 30_000 });
  } catch (error) {
    const from = process.env["CHROMIUM_PATH"]
      ? "CHROMIUM_PATH"
      : "@sparticuz/chromium (reinstall with npm ci, or set CHROMIUM_PATH to another Chromium)";
    throw new Error(
      `Chromium at ${executablePath} (from ${from}) could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
