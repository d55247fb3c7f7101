/**
 * The main entry point in a real browser: bundled by esbuild for the browser, served from one
 * origin, calling the mock server on another (so Chromium sends a CORS preflight), in headless
 * Chromium from npm (`@sparticuz/chromium`, see ./launch.ts) driven by playwright-core.
 *
 * The browser enforces CORS here, and a test proves it: a page fetching an origin that sends no
 * CORS headers is refused. Without that, every cross-origin test below could pass in a browser
 * started with `--disable-web-security` and test nothing.
 *
 * This test never skips: when Chromium cannot start, it fails and says why.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import * as esbuild from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Entry from "../../src/index.ts";
import { type MockAnswerEvent, type MockServer, startMockServer } from "../../src/testing/index.ts";
import { launchChromium } from "./launch.ts";

const root = path.resolve(import.meta.dirname, "../..");
const entry = path.join(root, "src/index.ts");

const pat: Entry.TokenType = "urn:devrev:params:oauth:token-type:pat";
const session = "urn:devrev:params:oauth:token-type:session";
const users = {
  revokes: "don:identity:dvrv-us-1:devo/1:devu/browser-1",
  throttled: "don:identity:dvrv-us-1:devo/1:devu/browser-2",
} as const;
const tokens = {
  revokes: "browser-pat-secret-1",
  throttled: "browser-pat-secret-2",
} as const;

/** What the page exposes once the bundle has loaded. */
type PageWindow = Window & { devrev?: typeof Entry };

let bundle: esbuild.BuildResult<{ write: false; metafile: true }>;
let site: Server | undefined;
let siteOrigin = "";
/** Another origin that answers every request with JSON and no CORS header at all. */
let closed: Server | undefined;
let closedOrigin = "";
const closedHits: string[] = [];
let mock: MockServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

function serveSite(script: string): Promise<Server> {
  const html = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>devrev-auth-tokens in a browser</title></head>
  <body>
    <script type="module">
      import * as devrev from "/devrev-auth-tokens.js";
      window.devrev = devrev;
    </script>
  </body>
</html>`;
  return listen((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else if (req.url === "/devrev-auth-tokens.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script);
    } else if (req.url === "/signed-out") {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end("<!doctype html><title>Signed out</title><p>Signed out.</p>");
    } else {
      res.writeHead(404).end();
    }
  });
}

function listen(handler: RequestListener): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  bundle = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
});

// One site and one browser for every test of the file: launching Chromium is the costly part.
beforeAll(async () => {
  site = await serveSite(bundle.outputFiles[0]!.text);
  siteOrigin = originOf(site);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
});

describe("the browser bundle of the main entry point", () => {
  it("imports no Node built-in and leaves the testing kit out", () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain("src/client.ts");
    expect(inputs.filter((input) => input.startsWith("src/testing/"))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith("node:"))).toEqual([]);
    const [output] = Object.values(bundle.metafile.outputs);
    expect(output?.imports).toEqual([]); // self-contained: nothing left for the browser to resolve
    expect(bundle.outputFiles[0]!.text).not.toMatch(/["']node:/);
  });

  it("the MSW entry (for setupWorker too) bundles with no Node built-in; msw left to the app", async () => {
    const msw = await esbuild.build({
      entryPoints: [path.join(root, "src/testing/msw.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      external: ["msw"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const [output] = Object.values(msw.metafile.outputs);
    expect(output?.imports.map((imported) => imported.path)).toEqual(["msw"]);
    expect(Object.keys(msw.metafile.inputs).filter((input) => input.startsWith("node:"))).toEqual(
      [],
    );
  });

  it("would fail to build if a Node built-in crept in (the testing kit shows it)", async () => {
    const build = esbuild.build({
      entryPoints: [path.join(root, "src/testing/index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    await expect(build).rejects.toThrow(/Could not resolve "node:/);
  });
});

describe("selfDelete in headless Chromium, across origins", () => {
  beforeAll(async () => {
    closed = await listen((req, res) => {
      closedHits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" }).end('{"readable":true}');
    });
    closedOrigin = originOf(closed);
    mock = await startMockServer({
      host: "127.0.0.1",
      tokens: [
        { value: tokens.revokes, user: users.revokes, type: pat },
        { value: `${tokens.revokes}-b`, user: users.revokes, type: pat },
        { value: "browser-session-secret", user: users.revokes, type: session },
        { value: tokens.throttled, user: users.throttled, type: pat },
      ],
    });
    page = await browser!.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${siteOrigin}/`);
    await page.waitForFunction(() => (window as PageWindow).devrev !== undefined, undefined, {
      timeout: 10_000,
    });
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await mock?.close();
    await new Promise((resolve) => (closed ? closed.close(resolve) : resolve(undefined)));
  });

  it("loads the bundle without page errors", () => {
    expect(pageErrors).toEqual([]);
    expect(new URL(mock!.url).origin).not.toBe(siteOrigin);
  });

  it("enforces CORS: the page cannot read an origin that sends no CORS headers", async () => {
    const outcome = await page.evaluate(async (url) => {
      try {
        const response = await fetch(url);
        return `read ${response.status}: ${await response.text()}`;
      } catch (error) {
        return `refused: ${error instanceof TypeError ? "TypeError" : String(error)}`;
      }
    }, `${closedOrigin}/data`);
    expect(outcome).toBe("refused: TypeError");
    // The request did arrive (a simple GET needs no preflight): the browser refused the answer
    // for want of CORS headers, not for want of a server.
    expect(closedHits).toEqual(["GET /data"]);
  });

  it("asks for a token instead of reading process.env, which a browser does not have", async () => {
    const thrown = await page.evaluate(() => {
      const { createDevRevClient, DevRevUsageError } = (window as PageWindow).devrev!;
      try {
        createDevRevClient({ baseUrl: "https://api.devrev.ai" });
        return "nothing thrown";
      } catch (error) {
        return error instanceof DevRevUsageError ? `usage: ${error.message}` : String(error);
      }
    });
    expect(thrown).toMatch(/^usage: .*DEVREV_TOKEN is not set/);
  });

  it("revokes the caller's tokens, after a CORS preflight the mock answers", async () => {
    const result = await page.evaluate(
      async ({ baseUrl, token, type }) => {
        const { createDevRevClient } = (window as PageWindow).devrev!;
        const devrev = createDevRevClient({ token, baseUrl });
        const { data, error, response, attempts } = await devrev.authTokens.selfDelete({
          requested_token_type: type,
        });
        return { data: data ?? null, error: error ?? null, status: response?.status, attempts };
      },
      { baseUrl: mock!.url, token: tokens.revokes, type: pat },
    );
    expect(result).toEqual({ data: null, error: null, status: 200, attempts: 1 });
    expect(mock!.listTokens(users.revokes).map(({ type, revoked }) => ({ type, revoked }))).toEqual(
      [
        { type: pat, revoked: true },
        { type: pat, revoked: true },
        { type: session, revoked: false },
      ],
    );

    const [preflight, post] = mock!.requests;
    expect(preflight).toMatchObject({ method: "OPTIONS", path: "/auth-tokens.self.delete" });
    expect(preflight!.headers["origin"]).toBe(siteOrigin);
    expect(preflight!.headers["access-control-request-method"]).toBe("POST");
    expect(preflight!.headers["access-control-request-headers"]?.split(",").sort()).toEqual([
      "authorization",
      "content-type",
    ]);
    expect(post).toMatchObject({
      method: "POST",
      auth: "bearer",
      json: { requested_token_type: pat },
    });
    expect(post!.headers["origin"]).toBe(siteOrigin);
  });

  it("narrows a 429 to too_many_requests, reading Retry-After across origins", async () => {
    // A header-only Retry-After (a string is sent as is, and the body gets no retry_after), so
    // retryAfterMs proves the browser let the page read the exposed header.
    mock!.inject({ kind: "error", status: 429, retryAfter: "7" });
    const result = await page.evaluate(
      async ({ baseUrl, token, type }) => {
        const { createDevRevClient } = (window as PageWindow).devrev!;
        const devrev = createDevRevClient({ token, baseUrl, maxRetries: 0 });
        const { error, response, attempts } = await devrev.authTokens.selfDelete({
          requested_token_type: type,
        });
        if (error?.type !== "too_many_requests") return { unexpected: error ?? "no error" };
        return {
          type: error.type,
          status: error.status,
          retryAfterMs: error.retryAfterMs,
          header: response?.headers.get("retry-after"),
          attempts,
        };
      },
      { baseUrl: mock!.url, token: tokens.throttled, type: pat },
    );
    expect(result).toEqual({
      type: "too_many_requests",
      status: 429,
      retryAfterMs: 7000,
      header: "7",
      attempts: 1,
    });
    expect(mock!.listTokens(users.throttled)[0]?.revoked).toBe(false);
  });

  it("narrows an unknown token to unauthenticated (401)", async () => {
    const result = await page.evaluate(
      async ({ baseUrl, type }) => {
        const { createDevRevClient } = (window as PageWindow).devrev!;
        const devrev = createDevRevClient({ token: "nobody-knows-this-token", baseUrl });
        const { error } = await devrev.authTokens.selfDelete({ requested_token_type: type });
        return error?.type === "unauthenticated"
          ? { type: error.type, status: error.status }
          : { unexpected: error ?? "no error" };
      },
      { baseUrl: mock!.url, type: pat },
    );
    expect(result).toEqual({ type: "unauthenticated", status: 401 });
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Revoking at logout: the page starts the revocation and navigates away at once, as a logout
 * button does. The mock holds each revocation for `heldMs` before answering, so the page is
 * surely gone while the request is in flight: with `keepalive` the browser completes it anyway
 * (the answer comes after the navigation, and the tokens are revoked); without it the browser
 * cancels it with the page, and nothing is revoked. Each test has a fresh browser context, so
 * its CORS preflight is not answered from an earlier test's preflight cache.
 */
describe("keepalive: a revocation started right before the page navigates away", () => {
  const heldMs = 1_500;
  const logout = {
    keepalive: { user: "don:identity:dvrv-us-1:devo/1:devu/logout-1", token: "logout-secret-1" },
    ordinary: { user: "don:identity:dvrv-us-1:devo/1:devu/logout-2", token: "logout-secret-2" },
  } as const;
  let server: MockServer | undefined;
  const answers: MockAnswerEvent[] = [];

  beforeAll(async () => {
    server = await startMockServer({
      host: "127.0.0.1",
      tokens: Object.values(logout).flatMap(({ user, token }) => [
        { value: token, user, type: pat },
        { value: `${token}-b`, user, type: pat },
        { value: `${token}-session`, user, type: session },
      ]),
      onAnswer: (answer) => answers.push(answer),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Clicks a logout button that revokes and navigates at once; resolves once the page is gone. */
  async function clickLogout(who: keyof typeof logout, keepalive: boolean) {
    server!.reset();
    answers.length = 0;
    server!.inject({ kind: "delay", ms: heldMs });
    const context = await browser!.newContext();
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (error) => errors.push(error.message));
      await tab.goto(`${siteOrigin}/`);
      await tab.waitForFunction(() => (window as PageWindow).devrev !== undefined);
      await tab.evaluate(
        ({ baseUrl, token, type, keepalive }) => {
          const devrev = (window as PageWindow).devrev!.createDevRevClient({ token, baseUrl });
          const button = document.createElement("button");
          button.id = "logout";
          button.textContent = "Log out";
          button.addEventListener("click", () => {
            void devrev.authTokens.selfDelete(
              { requested_token_type: type },
              keepalive ? { keepalive: true } : {},
            );
            location.assign("/signed-out");
          });
          document.body.append(button);
        },
        { baseUrl: server!.url, token: logout[who].token, type: pat, keepalive },
      );
      await tab.click("#logout");
      await tab.waitForURL(`${siteOrigin}/signed-out`);
      const goneAt = Date.now();
      expect(errors).toEqual([]);
      // The POST's answer (or its end: status 0). A POST that reached the mock before the page
      // was gone is answered within the hold; one the browser cancelled never comes.
      const deadline = goneAt + heldMs + 500;
      while (!answers.some((a) => a.method === "POST") && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      return { goneAt, post: answers.find((a) => a.method === "POST") };
    } finally {
      server!.clearFaults();
      await context.close();
    }
  }

  const revoked = (user: string) =>
    server!.listTokens(user).map(({ type, revoked }) => ({ type, revoked }));

  it("with keepalive, the revocation completes after the page is gone, CORS preflight included", async () => {
    const { goneAt, post } = await clickLogout("keepalive", true);
    expect(post).toMatchObject({ status: 200, user: logout.keepalive.user, fault: "delay" });
    // Answered after the navigation: nobody was left to read it, and the tokens are revoked.
    expect(post!.at.getTime() + heldMs).toBeGreaterThan(goneAt);
    expect(revoked(logout.keepalive.user)).toEqual([
      { type: pat, revoked: true },
      { type: pat, revoked: true },
      { type: session, revoked: false },
    ]);
    const [preflight, sent, ...more] = server!.requests;
    expect(more).toEqual([]);
    expect(preflight).toMatchObject({ method: "OPTIONS", path: "/auth-tokens.self.delete" });
    expect(preflight!.headers["origin"]).toBe(siteOrigin);
    expect(preflight!.headers["access-control-request-method"]).toBe("POST");
    expect(preflight!.headers["access-control-request-headers"]?.split(",").sort()).toEqual([
      "authorization",
      "content-type",
    ]);
    expect(sent).toMatchObject({
      method: "POST",
      auth: "bearer",
      json: { requested_token_type: pat },
    });
    expect(sent!.headers["origin"]).toBe(siteOrigin);
  });

  it("without keepalive, the navigation cancels it and nothing is revoked", async () => {
    await clickLogout("ordinary", false);
    // The browser dropped the request with the page: either before the POST left (after the
    // preflight), or during the mock's hold, which then ended with the connection (status 0).
    expect(answers.filter((a) => a.method === "POST").map((a) => a.status)).not.toContain(200);
    expect(answers.filter((a) => a.method === "POST" && a.status !== 0)).toEqual([]);
    expect(revoked(logout.ordinary.user).some((token) => token.revoked)).toBe(false);
  });

  it("Chromium refuses a keepalive body over 64 KiB at once (a revocation's is under 100 B)", async () => {
    const tab = await browser!.newPage();
    try {
      await tab.goto(`${siteOrigin}/`);
      const outcome = await tab.evaluate(async (url) => {
        const send = (bytes: number) =>
          fetch(url, { method: "POST", keepalive: true, body: "x".repeat(bytes) }).then(
            (response) => `answered ${response.status}`,
            (error: unknown) =>
              `refused: ${error instanceof TypeError ? "TypeError" : String(error)}`,
          );
        return { over: await send(64 * 1024 + 1), small: await send(64) };
      }, `${server!.url}/not-an-operation`);
      expect(outcome).toEqual({ over: "refused: TypeError", small: "answered 404" });
    } finally {
      await tab.close();
    }
  });
});
