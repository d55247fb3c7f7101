/**
 * `devrev-auth-tokens/testing`: a contract-faithful stand-in for DevRev's
 * `POST /auth-tokens.self.delete`, in-process (`createMockDevRev`) or over HTTP
 * (`startMockServer`), with fault injection and request recording. Node only for the HTTP
 * parts; never imported by the main entry point.
 *
 * @example
 * import { startMockServer } from "devrev-auth-tokens/testing";
 *
 * const server = await startMockServer({
 *   tokens: [{ value: "t0k3n-alice-pat", user: "u1", type: "urn:devrev:params:oauth:token-type:pat" }],
 * });
 * server.inject({ kind: "error", status: 429, retryAfter: 2 });
 * // … point the client at server.url …
 * await server.close();
 *
 * @module devrev-auth-tokens/testing
 */
export { createMockDevRev } from "./core.js";
export type { MockAnswerEvent, MockDevRev, MockDevRevOptions } from "./mock-types.js";
export { startMockServer } from "./server.js";
export type { MockServer, MockServerOptions } from "./server.js";
export { runStandaloneMock, demoTokens, demoUsers, trafficLine } from "./standalone.js";
export type { StandaloneMock, StandaloneMockOptions } from "./standalone.js";
export type {
  MockFault,
  MockFaultOptions,
  MockErrorFault,
  MockHtmlFault,
  MockGarbageFault,
  MockHugeFault,
  MockDelayFault,
  MockDropFault,
  MockRedirectFault,
  MockLoseAnswerFault,
  MockSlowAnswerFault,
} from "./faults.js";
export type { MockErrorStatus, MockErrorBody } from "./contract-bodies.js";
export type { RecordedRequest } from "./record.js";
export { tokenTypes } from "./tokens.js";
export type { MockTokenSeed, MockTokenInfo, TokenType } from "./tokens.js";
export { maxBodyBytes } from "./request-body.js";
