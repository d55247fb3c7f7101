// The token stays under the base URL on every attempt, fast path included: for any path a caller
// (or a plain-JS caller, or middleware) gives, nothing is fetched off the base's origin or
// outside its path.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseOf, isUnderBase } from "../../src/base-url.ts";
import { createDevRevClient, DevRevUsageError } from "../../src/index.ts";
import { seeds, useMockServer } from "../support/mock.ts";
import { runs } from "../support/runs.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;

// Another server on this machine: the place a path must never reach.
let elsewhere: Server;
let elsewhereHost = "";
const reachedElsewhere: string[] = [];
beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    reachedElsewhere.push(`${request.method} ${request.url}`);
    response.end();
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  elsewhereHost = `127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

/** Paths made of the pieces that move a URL: dots, slashes, @, ports, encodings, whitespace. */
const hostilePath = () =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "/",
          "//",
          "\\",
          ".",
          "..",
          "%2e",
          "%2E%2e",
          "%2f",
          "%5c",
          "@",
          ":",
          "?",
          "#",
          "\t",
          "\n",
          " ",
          "api",
          "x",
          "evil.example",
          "localhost",
          "127.0.0.1",
          "[::1]",
          ":8443",
          "%40",
          "auth-tokens.self.delete",
        ),
        fc.constant(() => elsewhereHost).map((host) => host()),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 8 },
    )
    .map((pieces) => pieces.join(""));

describe("for any path, nothing is fetched off the base URL", () => {
  it.each(["", "/api"])(
    "raw, base path %j: either refused before sending, or sent under the base's path on its origin",
    async (basePath) => {
      const devrev = createDevRevClient({
        token,
        baseUrl: `${mock.url}${basePath}`,
        maxRetries: 0,
      });
      await fc.assert(
        fc.asyncProperty(hostilePath(), async (path) => {
          const before = mock.requests.length;
          let thrown: unknown;
          try {
            await (devrev.raw.POST as (path: string, init: object) => Promise<unknown>)(path, {
              body: {},
            });
          } catch (error) {
            thrown = error;
          }
          if (thrown) expect(thrown).toBeInstanceOf(DevRevUsageError);
          for (const request of mock.requests.slice(before))
            expect(request.path.startsWith(`${basePath}/`) || request.path === basePath).toBe(true);
          expect(reachedElsewhere).toEqual([]);
        }),
        { numRuns: runs(300) },
      );
    },
  );

  it("middleware that rewrites the URL: refused unless under the base", async () => {
    const devrev = createDevRevClient({ token, baseUrl: `${mock.url}/api`, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(hostilePath(), async (suffix) => {
        let target: string;
        try {
          target = new URL(`${mock.url}${suffix}`).href;
          // What fetch itself refuses (credentials in the URL) is not a middleware's to send.
          new Request(target);
        } catch {
          return;
        }
        const before = mock.requests.length;
        const sent = await devrev.authTokens
          .selfDelete(
            {},
            {
              middleware: [{ onRequest: ({ request }) => new Request(target, request) }],
            },
          )
          .then(
            () => true,
            (error: unknown) => {
              expect(error).toBeInstanceOf(DevRevUsageError);
              return false;
            },
          );
        const under = isUnderBase(target, baseOf(new URL(`${mock.url}/api`)));
        expect(sent).toBe(under);
        expect(mock.requests.length - before).toBe(under ? 1 : 0);
        expect(reachedElsewhere).toEqual([]);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe("isUnderBase: its fast path agrees with parsing the URL", () => {
  it.each(["http://127.0.0.1:4010", "https://api.devrev.ai/v1", "http://[::1]:8080/a/b"])(
    "under %s",
    (baseUrl) => {
      const base = baseOf(new URL(baseUrl));
      fc.assert(
        fc.property(hostilePath(), (suffix) => {
          const url = `${base.prefix}${suffix}`;
          let expected = false;
          try {
            const parsed = new URL(url);
            expected =
              parsed.origin === base.origin &&
              !parsed.username &&
              !parsed.password &&
              (parsed.pathname === base.path || parsed.pathname.startsWith(`${base.path}/`));
          } catch {
            // Not a URL: never under the base.
          }
          expect(isUnderBase(url, base)).toBe(expected);
        }),
        { numRuns: runs(2000) },
      );
    },
  );
});
