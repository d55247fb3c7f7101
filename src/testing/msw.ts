/**
 * `devrev-auth-tokens/testing/msw`: the mock DevRev behind MSW request handlers, for test suites
 * that already mock with MSW (Mock Service Worker). The handlers answer with the same mock as
 * `createMockDevRev` (it is the mock you pass them): the same tokens and state, the same
 * recording and faults, a lost answer included (MSW turns it into a network error). Only this
 * entry point imports `msw`, an optional peer dependency; `devrev-auth-tokens/testing` never
 * does. No Node built-in either: the handlers also serve `setupWorker` in a browser.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createMockDevRev, mswHandlers } from "devrev-auth-tokens/testing/msw";
 *
 * const devrev = createMockDevRev({ tokens: [{ value: "t0k3n", user: "u1", type: pat }] });
 * const server = setupServer(...mswHandlers(devrev));
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 *
 * @module devrev-auth-tokens/testing/msw
 */
import { http, type HttpHandler } from "msw";
import { defaultBaseUrl, operations } from "../../generated/constants.js";
import type { MockDevRev } from "./handler.js";

export { createMockDevRev } from "./handler.js";
export type { MockAnswerEvent, MockDevRev, MockDevRevOptions } from "./handler.js";
export type { MockFault, MockFaultOptions } from "./faults.js";
export type { RecordedRequest } from "./record.js";
export type { MockTokenInfo, MockTokenSeed, TokenType } from "./tokens.js";

/**
 * Where the handlers answer.
 *
 * @example
 * ```ts
 * mswHandlers(devrev, { baseUrl: "https://api.devrev.test" });
 * ```
 */
export interface MswHandlersOptions {
  /**
   * The base URL the client under test calls: its own `baseUrl` option, or DevRev's, which is
   * the client's default (so a client made with no `baseUrl` is served by the handlers).
   *
   * @default "https://api.devrev.ai"
   */
  baseUrl?: string;
}

/**
 * MSW request handlers that answer with `mock`: one per operation of the contract (every
 * method, so another method gets the mock's 404 with `Allow`), then one for every other path
 * under the base URL, answered as the mock answers it (404 `not_found`), so nothing a test sends
 * to DevRev's base URL leaves the test with its token. List handlers of your own for that base
 * URL before these. The mock sees (and records) paths as DevRev would, without the base URL's
 * own path.
 *
 * @example
 * ```ts
 * const devrev = createMockDevRev({ tokens });
 * const server = setupServer(...mswHandlers(devrev));
 * devrev.inject({ kind: "lose-answer" }); // revokes, then the client sees a network error
 * ```
 */
export function mswHandlers(mock: MockDevRev, options: MswHandlersOptions = {}): HttpHandler[] {
  if (typeof mock?.handle !== "function")
    throw new TypeError("mswHandlers expects the mock from createMockDevRev (or startMockServer).");
  const base = baseOf(options.baseUrl ?? defaultBaseUrl);
  // The mock is DevRev at the root of its origin: a base URL's own path is taken off first.
  const prefix = new URL(base).pathname.replace(/\/$/, "");
  const answer = ({ request }: { request: Request }) =>
    mock.handle(prefix ? underRoot(request, prefix) : request);
  return [
    ...Object.values(operations).map((operation) => http.all(`${base}${operation.path}`, answer)),
    http.all(`${base}/*`, answer),
  ];
}

/** The same request, its URL's path without `prefix` (the method, headers, body and signal kept). */
function underRoot(request: Request, prefix: string): Request {
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(prefix.length) || "/";
  return new Request(url, request);
}

/** The base URL without trailing slashes, checked as the client checks its own. */
function baseOf(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Refused below.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash)
    throw new TypeError(
      `mswHandlers: baseUrl must be an absolute http(s) URL without query or fragment, such as "${defaultBaseUrl}"; got ${JSON.stringify(baseUrl)}.`,
    );
  return url.href.replace(/\/+$/, "");
}
