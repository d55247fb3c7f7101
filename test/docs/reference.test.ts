/**
 * `npm run docs`: the reference site as a reader meets it, in headless Chromium from file://
 * URLs with every other request refused (so it is offline, or this fails): the landing page
 * leads to the contract reference, where Redoc shows the operation, and to the API reference,
 * where TypeDoc has a page for every function and class each entry point exports; each links to
 * the other. Not in `npm test` (TypeDoc and Redoc take ~15 s of CPU): `npm run test:docs`,
 * which CI runs after it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { launchChromium } from "../browser/launch.ts";
import { root, run } from "../cli/run.ts";

const spec = JSON.parse(readFileSync(path.join(root, "generated/openapi.json"), "utf8")) as {
  paths: unknown;
};

const entryPoints = {
  "devrev-auth-tokens": "../../src/index.ts",
  "devrev-auth-tokens/testing": "../../src/testing/index.ts",
  "devrev-auth-tokens/testing/msw": "../../src/testing/msw.ts",
} as const;

let out = "";
let browser: Browser | undefined;
let context: BrowserContext;
/** Every request the pages made that was not for a file of the site. */
const refused: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), "devrev-reference-"));
  const built = await run("npm", ["run", "--silent", "docs", "--", "--out", out], {
    timeoutMs: 120_000,
  });
  expect(built.code, `${built.stdout}${built.stderr}`).toBe(0);
  browser = await launchChromium();
  context = await browser.newContext();
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(pathToFileURL(out).href)) return route.continue();
    refused.push(url);
    return route.abort();
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function open(file: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(out, file)).href);
  return page;
}

describe("the reference site (npm run docs)", () => {
  it("starts with a page that leads to both references", async () => {
    const page = await open("index.html");
    await page.getByRole("link", { name: "HTTP contract" }).click();
    await page.waitForURL(/\/contract\/index\.html$/);
    await page.goBack();
    await page.getByRole("link", { name: "Library API" }).click();
    await page.waitForURL(/\/api\/index\.html$/);
    await page.close();
  });

  it("the contract reference (Redoc) shows every operation, and links to the API reference", async () => {
    const page = await open("contract/index.html");
    for (const operation of Object.values(operations)) {
      const { summary } = (spec.paths as Record<string, Record<string, { summary: string }>>)[
        operation.path
      ]![operation.method]!;
      // Redoc renders in the page: the operation shows once its script has run.
      const link = page.getByText(operation.path, { exact: true }).first();
      await link.waitFor({ timeout: 15_000 });
      await link.click();
      await page.getByText(summary, { exact: true }).first().waitFor({ state: "visible" });
    }
    await page.getByRole("link", { name: /Library API/ }).click();
    await page.waitForURL(/\/api\/index\.html$/);
    await page.close();
  });

  it("the API reference (TypeDoc) has a page for every function and class each entry point exports", async () => {
    const page = await open("api/index.html");
    for (const [specifier, source] of Object.entries(entryPoints)) {
      const exported = Object.entries(await import(source))
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => name)
        .sort();
      expect(exported.length).toBeGreaterThan(0);
      const module = await context.newPage();
      await module.goto(
        pathToFileURL(path.join(out, "api/modules", `${specifier.replaceAll("/", "_")}.html`)).href,
      );
      expect(await module.locator("h1").textContent()).toContain(specifier);
      const listed = await module
        .locator(".col-content a")
        .evaluateAll((links) => links.map((link) => link.textContent?.trim() ?? ""));
      expect(
        exported.filter((name) => !listed.includes(name)),
        specifier,
      ).toEqual([]);
      await module.close();
    }
    await page.close();
  });

  it("a function's page shows its signature and its TSDoc example, and links to the contract", async () => {
    const page = await open("api/functions/devrev-auth-tokens.createDevRevClient.html");
    expect(await page.locator(".tsd-signature").first().textContent()).toContain(
      "createDevRevClient(options?: DevRevClientOptions): DevRevClient",
    );
    expect(await page.locator(".col-content").innerText()).toContain(
      'import { createDevRevClient } from "devrev-auth-tokens";',
    );
    await page.getByRole("link", { name: /HTTP contract/ }).click();
    await page.waitForURL(/\/contract\/index\.html$/);
    await page.close();
  });

  it("needs nothing from the network", () => {
    expect(refused).toEqual([]);
  });
});
