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
 * const devrev = createMockDevRev({ tokens: [{ value: "t0k3n-alice-pat", user: "u1", type: pat }] });
 * const server = setupServer(...mswHandlers(devrev));
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 *
 * @module devrev-auth-tokens/testing/msw
 */
import { http, type HttpHandler } from "msw";
import { defaultBaseUrl } from "../../generated/constants.js";
import { baseOf, checkedBaseUrl, isUnderBase } from "../base-url.js";
import { DevRevUsageError } from "../errors.js";
import { ownFields } from "../validate.js";
import { withCors } from "./cors.js";
import { notFound } from "./error-answers.js";
import type { MockDevRev } from "./mock-types.js";

export { createMockDevRev } from "./core.js";
export type { MockAnswerEvent, MockDevRev, MockDevRevOptions } from "./mock-types.js";
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

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/**
 * MSW request handlers that answer with `mock` every request to the base URL's origin: under
 * the base URL's path as DevRev would see it (the mock is DevRev at the root of its origin, so
 * that path is taken off first; another method on the operation's path gets the mock's 404 with
 * `Allow`), anywhere else on the origin with the mock's 404. Nothing a test sends to that origin
 * leaves the test with its token, whatever its path's case or encoding. List handlers of your
 * own for that origin before these. Options are checked as the client checks its own: an
 * unknown name (`baseURL`) is refused, naming the one meant.
 *
 * @example
 * ```ts
 * const devrev = createMockDevRev({ tokens });
 * const server = setupServer(...mswHandlers(devrev));
 * devrev.inject({ kind: "lose-answer" }); // revokes, and the answer is lost (a network error)
 * ```
 */
export function mswHandlers(mock: MockDevRev, options: MswHandlersOptions = {}): HttpHandler[] {
  if (typeof mock?.handle !== "function")
    throw new TypeError("mswHandlers expects the mock from createMockDevRev (or startMockServer).");
  const given = ownFields(options, "mswHandlers", "option", ["baseUrl"]);
  if ("baseUrl" in given && (given.baseUrl === undefined || given.baseUrl === null))
    throw new DevRevUsageError(
      `mswHandlers: baseUrl is ${given.baseUrl} (a value that was not set?); give it, or leave the option out for ${defaultBaseUrl}.`,
    );
  const base = baseOf(checkedBaseUrl(given.baseUrl ?? defaultBaseUrl, "mswHandlers: baseUrl"));
  const answer = ({ request }: { request: Request }) => {
    if (!isUnderBase(request.url, base))
      // Not DevRev's (outside the base URL's path): answered all the same, never let through.
      return withCors(notFound(`No operation at ${request.method} outside ${base.prefix}.`), {
        origin: request.headers.get("origin") ?? "",
      });
    return mock.handle(base.path ? underRoot(request, base.path) : request);
  };
  return [http.all(new RegExp(`^${escapeRegExp(base.origin)}(/|$)`), answer)];
}

/** The same request, its URL's path without `prefix` (the method, headers, body and signal kept). */
function underRoot(request: Request, prefix: string): Request {
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(prefix.length) || "/";
  return new Request(url, request);
}
