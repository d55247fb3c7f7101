/**
 * devrev-auth-tokens: a contract-first client for DevRev's `POST /auth-tokens.self.delete`.
 * This entry point runs wherever `fetch` does; the mock server lives in `devrev-auth-tokens/testing`.
 *
 * @module devrev-auth-tokens
 */
export { createDevRevClient, isOutcomeUncertain } from "./client.js";
export type {
  DevRevClient,
  DevRevResult,
  PathsWith,
  RawClient,
  RawMethod,
  SelfDeleteResult,
} from "./client-types.js";
export type { CallOptions, DevRevClientOptions } from "./options.js";
export {
  DevRevUsageError,
  type AbortedError,
  type ContractErrorOf,
  type DevRevError,
  type DevRevErrorOf,
  type DevRevErrorOfType,
  type DevRevErrorType,
  type ErrorContext,
  type NetworkError,
  type SelfDeleteContractError,
  type SelfDeleteOperation,
  type TimeoutError,
  type TokenUnavailableError,
  type TransportError,
  type UnexpectedReason,
  type UnexpectedResponse,
} from "./errors.js";
export type { TokenSource } from "./auth.js";
export type { Logger, LogLevel } from "./log.js";
export type { Middleware } from "openapi-fetch";
export type { ResultBeforeThrow } from "./outcome.js";
export type { AttemptRecord, RetryEvent } from "./transport.js";
export type { SelfDeleteRequest } from "./validate.js";
export { isRetryableStatus, parseRetryAfter } from "./retry.js";
export {
  isTokenType,
  parseTokenType,
  shortTokenType,
  tokenTypes,
  type TokenType,
} from "./token-types.js";
export type { components, paths } from "../generated/schema.js";
