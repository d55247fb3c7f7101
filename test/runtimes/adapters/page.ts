/**
 * A browser (Chromium): the scenario bundled as a page's script (browser-entry.ts), served from
 * a site on 127.0.0.1 of its own, so every call to the mock crosses origins (CORS preflight
 * included); playwright calls `runScenario` in the page and brings the outcomes back.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { launchChromium } from "../../browser/launch.ts";
import type { StepOutcome } from "../scenario.ts";
import type { Adapter } from "./adapter.ts";

const html = `<!doctype html><meta charset="utf-8"><script type="module" src="/scenario.js"></script>`;

export function page(): Adapter {
  return async (config, bundles) => {
    const script = readFileSync(bundles.browser, "utf8");
    const site: Server = createServer((req, res) => {
      if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(html);
      else if (req.url === "/scenario.js")
        res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const browser = await launchChromium();
    let printed = "";
    try {
      const tab = await browser.newPage();
      tab.on("console", (message) => (printed += `${message.text()}\n`));
      tab.on("pageerror", (error) => (printed += `page error: ${error.message}\n`));
      await tab.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await tab.waitForFunction(() => "runScenario" in window, undefined, { timeout: 10_000 });
      const outcomes = (await tab.evaluate(
        (config) =>
          (window as unknown as { runScenario: (c: unknown) => Promise<unknown> }).runScenario(
            config,
          ),
        config,
      )) as StepOutcome[];
      printed += JSON.stringify(outcomes);
      return { version: browser.version(), outcomes, printed };
    } finally {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    }
  };
}
