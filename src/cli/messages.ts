/**
 * How the CLI words what the client reports (retries, errors) and which exit code each
 * outcome gets. Contract error types are never listed here: they come from the spec, so only
 * the four failures outside the contract are named.
 */
import { isOutcomeUncertain } from "../uncertainty.js";
import type { DevRevError, SelfDeleteContractError } from "../errors.js";
import type { AttemptRecord, RetryEvent } from "../transport.js";
import { exitCodes } from "./exit-codes.js";
import { formatDuration, type StopSignal } from "./output.js";

type OutsideContract = Exclude<DevRevError, SelfDeleteContractError>["type"];

// Typed as a record of every non-contract type: a new failure kind in the client is a compile
// error here until it is given an exit code, instead of silently counting as a refusal.
const outsideContract: Record<OutsideContract, true> = {
  network_error: true,
  timeout: true,
  aborted: true,
  unexpected_response: true,
  token_unavailable: true,
};

/** Whether `error` is an answer of the contract (the API refused) rather than a failure. */
export function isContractError(error: DevRevError): error is SelfDeleteContractError {
  return !Object.hasOwn(outsideContract, error.type);
}

/**
 * The exit code for a call that ended with `error` after the attempts in `history`. An outcome
 * the client cannot know is never reported as a refusal or a plain failure.
 */
export function exitCodeFor(
  error: DevRevError,
  history: readonly AttemptRecord[],
  signal: StopSignal = "SIGINT",
): number {
  if (error.type === "aborted") return exitCodes[signal];
  if (isOutcomeUncertain({ error, history })) return exitCodes.uncertain;
  return isContractError(error) ? exitCodes.refused : exitCodes.failed;
}

/**
 * What the CLI says when the outcome is unknown: the most likely reading, and how to check.
 * A 401 after a lost answer is the case that matters: revoking the caller's own token type
 * revokes the very token the retry used.
 */
export function describeUncertainOutcome(
  error: DevRevError,
  history: readonly AttemptRecord[],
  tokenType: string,
): string[] {
  const lost = history.flatMap((record, index) => (record.uncertain ? [index + 1] : []));
  const which = `attempt${lost.length === 1 ? "" : "s"} ${lost.join(", ")}`;
  const refused = "status" in error && error.status === 401;
  const likely = refused
    ? `Most likely ${which} revoked your ${tokenType} tokens, including the token this run used: that is why the retry was refused with 401.`
    : `The server may have revoked your ${tokenType} tokens on ${which}; nothing the client saw says whether it did.`;
  const check = refused
    ? `To check: if the token you ran with is a ${tokenType} token, the 401 says it is revoked. Look at your remaining tokens in DevRev before running this again with another token.`
    : "To check: run it again. Revoking is idempotent: if the tokens are gone it answers 200, or 401 if the token you run with was one of them.";
  return [
    `outcome uncertain after ${attemptsText(history.length)}: ${which} may have been acted on by the server, but the answer was lost.`,
    `  ${likely}`,
    `  ${check}`,
    `  last answer: ${error.type}${"status" in error && typeof error.status === "number" ? ` (HTTP ${error.status})` : ""}`,
    ...history.map(
      (record, index) =>
        `  attempt ${index + 1}: ${record.type}${record.status === undefined ? "" : ` ${record.status}`}, ${record.ms} ms${record.uncertain ? " (outcome unknown)" : ""}`,
    ),
  ];
}

/** How a stop signal is named to a person. */
export const signalWords: Record<StopSignal, string> = {
  SIGINT: "Ctrl-C",
  SIGTERM: "SIGTERM",
  SIGHUP: "SIGHUP (the terminal closed)",
};

/**
 * What the CLI says when a signal stopped the run: what is known of what it did. No attempt that
 * may have been acted on means nothing was revoked by this run; one in flight (or lost) means
 * the outcome is unknown, and how to find out.
 */
export function describeInterruption(
  history: readonly AttemptRecord[],
  tokenType: string,
  signal: StopSignal = "SIGINT",
): string[] {
  const by = `interrupted by ${signalWords[signal]}`;
  const lost = history.flatMap((record, index) => (record.uncertain ? [index + 1] : []));
  if (lost.length === 0) {
    const answered = history.filter((record) => record.status !== undefined).length;
    return [
      `${by}: nothing was revoked by this run.`,
      history.length === 0 || answered === 0
        ? "  No request had been sent, or none reached the server."
        : `  The ${attemptsText(answered)} answered before the interruption revoked nothing.`,
    ];
  }
  const last = history.at(-1);
  return [
    last?.type === "aborted" && last.uncertain
      ? `${by} while a request was in flight: the outcome is unknown.`
      : `${by} after the answer to attempt ${lost.join(", ")} was lost: the outcome is unknown.`,
    `  The server may have revoked your ${tokenType} tokens. To check, run the same command again:`,
    "  revoking is idempotent, so it answers 200 if they are gone, or 401 if the token you run with was one of them.",
  ];
}

/**
 * What went wrong before a retry, in words.
 *
 * @example
 * ```ts
 * retryReason({ reason: "too_many_requests", status: 429 } as RetryEvent); // "rate limited by the server"
 * ```
 */
export function retryReason(event: Pick<RetryEvent, "reason" | "status">): string {
  const status = event.status === undefined ? "" : ` (HTTP ${event.status})`;
  switch (event.reason) {
    case "too_many_requests":
      return "rate limited by the server";
    case "network_error":
      return "network error";
    case "timeout":
      return "timed out";
    case "unexpected_response":
      return `unexpected answer from the server${status}`;
    default:
      return event.status !== undefined && event.status >= 500
        ? `server error: ${event.reason}${status}`
        : `${event.reason}${status}`;
  }
}

/**
 * The progress line for a retry.
 *
 * @example
 * ```ts
 * describeRetry({ attempt: 2, maxAttempts: 3, delayMs: 3000, serverAsked: true, reason: "too_many_requests", status: 429 });
 * // "rate limited by the server; retrying in 3 s (attempt 2 of 3)"
 * ```
 */
export function describeRetry(event: RetryEvent): string {
  const unknown = event.uncertain ? " (the server may have acted on it)" : "";
  return `${retryReason(event)}${unknown}; retrying in ${formatDuration(event.delayMs)} (attempt ${event.attempt} of ${event.maxAttempts})`;
}

const attemptsText = (attempts: number) => `${attempts} attempt${attempts === 1 ? "" : "s"}`;

/** Renders a field of an error body on one line. */
function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => fieldText(item)).join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A body snippet on one line, short enough for a terminal. */
function snippetLine(snippet: string): string {
  const line = snippet.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The lines explaining how a call ended with `error`: the first says what happened, the others
 * give the error's fields.
 */
export function describeError(error: DevRevError, attempts: number): string[] {
  const after = `after ${attemptsText(attempts)}`;
  switch (error.type) {
    case "network_error":
      return [
        `network error ${after}: ${error.message}`,
        ...(error.cause ? [`  cause: ${error.cause}`] : []),
      ];
    case "timeout":
      return [`timed out ${after}: ${error.message}`];
    case "aborted":
      return [
        "interrupted: the call was abandoned; the server may or may not have revoked the tokens.",
      ];
    case "token_unavailable":
      return [
        `no token ${after}: ${error.message}`,
        ...(error.cause ? [`  cause: ${error.cause}`] : []),
      ];
    case "unexpected_response":
      return [
        `an answer outside the contract ${after} (${error.reason}, HTTP ${error.status}): ${error.message}`,
        `  content-type: ${error.contentType ?? "none"}`,
        ...(error.location ? [`  location: ${error.location}`] : []),
        ...(error.bodySnippet ? [`  body: ${snippetLine(error.bodySnippet)}`] : []),
      ];
    default: {
      const { type, status, message, ...fields } = error as SelfDeleteContractError & {
        message?: string;
      };
      return [
        `the API refused ${after}: ${type} (HTTP ${status})${message ? `: ${message}` : ""}`,
        ...Object.entries(fields)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => `  ${name}: ${fieldText(value)}`),
      ];
    }
  }
}
