/**
 * Every exit code of the CLI, with what it means, by command: the commands return these names,
 * and `--help` renders the tables from them, so the two cannot drift.
 */
import { retryableStatuses } from "../retry.js";
import { isUncertainStatus } from "../uncertainty.js";
import { stopSignals, type StopSignal } from "./output.js";

/** Retried statuses that say the request was turned away, and those that may follow work done. */
const refusedAfterRetries = retryableStatuses.filter((status) => !isUncertainStatus(status));
const uncertainStatuses = retryableStatuses.filter(isUncertainStatus);

/** A command's exit codes: each code with the words `--help` gives it. */
export type ExitCodeTable = readonly (readonly [code: number, meaning: string])[];

/** Where each stop signal comes from, for the tables. */
const signalSources: Record<StopSignal, string> = {
  SIGHUP: "SIGHUP (the terminal closed)",
  SIGINT: "Ctrl-C (SIGINT)",
  SIGTERM: "SIGTERM (kill, timeout, a cancelled CI job, a stopping container)",
};

/** The signal rows every command that sends anything shares: 128 + the signal's number. */
const signalRows = (after: string): ExitCodeTable =>
  (Object.keys(stopSignals) as StopSignal[]).map((signal) => [
    stopSignals[signal],
    `interrupted by ${signalSources[signal]}: ${after}`,
  ]);

/** The outcomes of `self-delete` (and of the CLI itself). */
export const exitCodes = {
  revoked: 0,
  refused: 1,
  usage: 2,
  failed: 3,
  /** The call failed, but an attempt may have revoked the tokens before its answer was lost. */
  uncertain: 4,
  /** EX_SOFTWARE of sysexits.h: distinct from every outcome above. */
  internal: 70,
  /** Stopped by a signal: 128 + its number (129 SIGHUP, 130 SIGINT, 143 SIGTERM). */
  ...stopSignals,
} as const;

/** `self-delete`'s table, which `--help` prints for the CLI as a whole too. */
export const outcomeTable: ExitCodeTable = [
  [exitCodes.revoked, "revoked: the server accepted the call"],
  [
    exitCodes.refused,
    `the API refused (401, 403, or ${refusedAfterRetries.join(" or ")} after the retries…): its type and message are printed`,
  ],
  [exitCodes.usage, "usage error (bad option, unknown type, no token): nothing was sent"],
  [
    exitCodes.failed,
    "failed, and surely revoked nothing: a refused connection, a token source that failed, a redirect, a 4xx outside the contract",
  ],
  [
    exitCodes.uncertain,
    `outcome uncertain: an attempt's answer was lost after the server may have revoked the tokens (a timeout, a dropped connection, a ${uncertainStatuses.join("/")}, a proxy's 5xx page; a 401 then most likely means it did); check before running again`,
  ],
  [exitCodes.internal, "internal error: a bug in this tool (please report it)"],
  ...signalRows("what is known of the call is printed"),
];

/** What `verify` returns. */
export const verifyExitCodes = { conforms: 0, drift: 1, usage: 2, network: 3 } as const;

/** `verify`'s table. */
export const verifyTable: ExitCodeTable = [
  [verifyExitCodes.conforms, "every answer conforms to the contract, and the token types agree"],
  [
    verifyExitCodes.drift,
    "drift (token types differ), an answer that breaks or is not what the contract says, or a check that could not be made (listed as SKIPPED, with why)",
  ],
  [verifyExitCodes.usage, "usage error (bad option, no token): nothing was sent"],
  [verifyExitCodes.network, "network failure or timeout"],
  ...signalRows("no probe can revoke a token, so nothing was revoked"),
];

/** What `contract-diff` returns. */
export const contractDiffExitCodes = { same: 0, drift: 1, unreadable: 2 } as const;

/** `contract-diff`'s table. */
export const contractDiffTable: ExitCodeTable = [
  [
    contractDiffExitCodes.same,
    "no drift (differences our contract makes on purpose are shown as known)",
  ],
  [contractDiffExitCodes.drift, "drift: one line per difference"],
  [
    contractDiffExitCodes.unreadable,
    "usage error, a spec that cannot be read or compared, or generated/ missing or older than openapi/ (run npm run generate)",
  ],
];

/** What `mock` and `demo` return. */
export const serverExitCodes = { done: 0, failed: 1, usage: 2 } as const;
