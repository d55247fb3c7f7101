/**
 * `devrev-auth-tokens verify`: a live conformance check of a server (DevRev, or the mock)
 * against this package's contract that revokes nothing. It sends only the probes of
 * verify-probes.ts, judges every answer with verify-judge.ts, and reports token types the
 * server allows that the contract lacks (and the reverse) and every answer that breaks the
 * contract. A success to a probe built to be refused is named as what it is (the server may
 * have acted on it), and no further probe with the caller's token is sent; every check it could
 * not make is listed as skipped, with why. Exit 0 all conforms, 1 drift, a violation or a skipped
 * check, 2 usage, 3 network.
 */
import { createRequire } from "node:module";
import { operations, defaultBaseUrl } from "../../generated/constants.js";
import { bearerPrefix } from "../auth.js";
import { maxErrorBodyBytes, readBounded } from "../body.js";
import { describeCause } from "../uncertainty.js";
import { maxTimerMs, minTimeoutMs } from "../retry.js";
import { tokenTypes } from "../token-types.js";
import { exitCodes, verifyExitCodes } from "./exit-codes.js";
import { signalWords } from "./messages.js";
import { type CliIo, Printer, whileListening } from "./output.js";
import { checkedCliBaseUrl, readCliToken } from "./inputs.js";
import { durationOption, type ParsedArgs } from "./arguments.js";
import {
  createAnswerChecker,
  isSuccess,
  judge,
  tokenTypeFindings,
  type Answer,
  type Finding,
} from "./verify-judge.js";
import { malformedToken, probes, verifyDefaultTimeoutMs, type Probe } from "./verify-probes.js";

const operation = operations["auth-tokens-self-delete"];
/**
 * The request field whose values are the token types, as the generated contract names it: an
 * `allowed_values` is the server's list of types only when its `field_name` is this one.
 */
const tokenTypeField = Object.keys(operation.requestEnums).find(
  (field) => (operation.requestEnums as Record<string, readonly string[]>)[field] === tokenTypes,
)!;
const labels: Record<Finding["kind"], string> = {
  ok: "ok",
  drift: "DRIFT",
  violation: "BROKEN",
  unexpected: "UNEXPECTED",
  skipped: "SKIPPED",
};

/**
 * Runs `verify` with the arguments after the command name; resolves with the exit code. A stop
 * signal (Ctrl-C, SIGTERM, SIGHUP) ends it at once, saying so: no probe can revoke a token.
 */
export async function verify(args: ParsedArgs, io: CliIo, printer: Printer): Promise<number> {
  return whileListening(io, async (stopped, stoppedBy) => {
    const code = await probeAll(args.values as VerifyValues, io, printer, stopped);
    const signal = stoppedBy();
    if (signal === undefined) return code;
    printer.err(
      `verify: interrupted by ${signalWords[signal]}; no probe can revoke a token, so nothing was revoked.`,
    );
    return exitCodes[signal];
  });
}

/** The options of `verify`, as commands.ts declares them. */
interface VerifyValues {
  "base-url"?: string;
  "token-stdin"?: boolean;
  "allow-insecure-http"?: boolean;
  timeout?: string;
}

async function probeAll(
  values: VerifyValues,
  io: CliIo,
  printer: Printer,
  stopped: AbortSignal,
): Promise<number> {
  const timeoutMs =
    durationOption("--timeout", values.timeout, minTimeoutMs, maxTimerMs) ?? verifyDefaultTimeoutMs;
  const base = checkedCliBaseUrl(
    values["base-url"] ?? defaultBaseUrl,
    values["allow-insecure-http"] === true,
  ).replace(/\/+$/, "");
  const token = await readCliToken(io, values["token-stdin"] === true, "verify", stopped);
  // Stopped before anything was sent: the caller tells the signal.
  if (token === undefined) return verifyExitCodes.conforms;
  printer.hide(token);
  const bearer = `Bearer ${token.replace(bearerPrefix, "")}`;

  // The bundled contract, found through the package's own export, from src/ and dist/ alike.
  const spec = createRequire(import.meta.url)("devrev-auth-tokens/openapi.json");
  const violations = createAnswerChecker(spec, operation.path, operation.method);
  const url = `${base}${operation.path}`;
  const all = probes();
  printer.out(`verify: POST ${url}: ${all.length} probes, none of which can revoke a token`);

  const findings: Finding[] = [];
  const report = (...found: Finding[]) => {
    findings.push(...found);
    printer.out(...found.map(line));
  };
  const skip = (message: string) => report({ kind: "skipped", message });
  /** Why the probes still to come are not sent, once one of them cannot be. */
  let stop: { reason: string; all: boolean } | undefined;
  for (const probe of all) {
    if (stopped.aborted) return verifyExitCodes.conforms;
    const listsTypes = probe.expect.type === "invalid_enum_value";
    if (stop && (stop.all || probe.auth === "real")) {
      skip(`${probe.name}: not sent: ${stop.reason}`);
      if (listsTypes) skip(`token types: not compared: "${probe.name}" was not sent`);
      continue;
    }
    let answer: Answer;
    try {
      answer = await send(url, probe, bearer, timeoutMs, stopped);
    } catch (error) {
      if (stopped.aborted) return verifyExitCodes.conforms;
      const reason =
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : describeCause(error);
      printer.err(`verify: ${probe.name}: network failure: ${reason}`);
      stop = { reason: `the network failed on "${probe.name}"`, all: true };
      if (listsTypes) skip(`token types: not compared: "${probe.name}" got no answer`);
      continue;
    }
    report(...judge(probe, answer, violations));
    // A server that did what it should have refused (with or without a token) might act on a
    // request with the caller's token too: none is sent after it.
    if (isSuccess(answer.status) && !isSuccess(probe.expect.status))
      stop ??= {
        reason: `the server accepted "${probe.name}", which it should have refused; it might act on a request with your token too`,
        all: false,
      };
    if (listsTypes)
      report(...tokenTypeFindings(probe, answer, { field: tokenTypeField, tokenTypes }));
  }
  if (stop?.all) return verifyExitCodes.network;
  const count = (kind: Finding["kind"]) => findings.filter((f) => f.kind === kind).length;
  const bad = findings.length - count("ok");
  const skipped = count("skipped") ? `, ${count("skipped")} check(s) skipped` : "";
  printer.out(
    bad
      ? `verify: ${count("drift")} drift, ${count("violation")} contract violation(s), ${count("unexpected")} unexpected answer(s)${skipped}`
      : "verify: every answer conforms to the contract",
  );
  return bad ? verifyExitCodes.drift : verifyExitCodes.conforms;
}

function line(finding: Finding): string {
  return `  ${labels[finding.kind].padEnd(10)} ${finding.message}`;
}

async function send(
  url: string,
  probe: Probe,
  bearer: string,
  timeoutMs: number,
  stopped: AbortSignal,
): Promise<Answer> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
  };
  if (probe.auth === "real") headers.authorization = bearer;
  if (probe.auth === "malformed") headers.authorization = `Bearer ${malformedToken}`;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: probe.body.text,
    // A redirect is an answer to judge, never one to follow with the token.
    redirect: "manual",
    signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopped]),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: (await readBounded(response, maxErrorBodyBytes)).text,
  };
}
