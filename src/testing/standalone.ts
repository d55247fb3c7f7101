/**
 * The standalone mock of `npm run mock` and the CLI's `mock`: demo tokens, a banner, a line per
 * request, and Ctrl-C handling.
 */
import { type MockServer, startMockServer } from "./server.js";
import { parseTokenType } from "../token-types.js";
import type { MockTokenSeed, TokenType } from "./tokens.js";
import type { MockAnswerEvent, MockDevRevOptions } from "./mock-types.js";

/** The two users of {@link demoTokens}: alice has tokens of several types, bob one PAT. */
export const demoUsers = {
  alice: "don:identity:dvrv-us-1:devo/demo:devu/1",
  bob: "don:identity:dvrv-us-1:devo/demo:devu/2",
} as const;

// The types by their short forms, read from the contract.
const demoType = (short: string) => parseTokenType(short) as TokenType;

/**
 * Tokens the standalone mock (and `devrev-auth-tokens demo`) starts with: two users, so a demo
 * can show that revoking only touches the caller's own tokens, and several types. They are demo
 * values, printed on purpose.
 *
 * @example
 * curl -X POST http://127.0.0.1:4010/auth-tokens.self.delete \
 *   -H "Authorization: Bearer demo-alice-pat" -H "content-type: application/json" \
 *   -d '{"requested_token_type":"urn:devrev:params:oauth:token-type:pat"}'
 */
export const demoTokens: readonly MockTokenSeed[] = [
  { value: "demo-alice-pat", user: demoUsers.alice, type: demoType("pat") },
  { value: "demo-alice-pat-2", user: demoUsers.alice, type: demoType("pat") },
  { value: "demo-alice-session", user: demoUsers.alice, type: demoType("session") },
  { value: "demo-alice-aat", user: demoUsers.alice, type: demoType("aat") },
  { value: "demo-alice-onetime", user: demoUsers.alice, type: demoType("session:onetime") },
  { value: "demo-bob-pat", user: demoUsers.bob, type: demoType("pat") },
];

/**
 * Options of the standalone mock.
 *
 * @example
 * await runStandaloneMock({ port: 0, log: () => {}, handleSignals: false });
 */
export interface StandaloneMockOptions extends Pick<MockDevRevOptions, "omittedTokenType"> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default `demoTokens`. */
  tokens?: MockTokenSeed[];
  /** Where the banner goes; default `console.log`. */
  log?: (line: string) => void;
  /** Stop on SIGINT and SIGTERM; default true. */
  handleSignals?: boolean;
  /** Print one line per request (see `trafficLine`) through `log`; default true. */
  traffic?: boolean;
}

/**
 * One request as the standalone mock prints it: time, method, path, status, the answer's
 * `type`, whose token it carried (never the token), and the injected fault if any.
 *
 * @example
 * trafficLine({ at, method: "POST", path: "/auth-tokens.self.delete", status: 200, user: "don:…:devu/1" });
 * // "21:55:01.123  POST /auth-tokens.self.delete  200  -  user don:…:devu/1"
 */
export function trafficLine(answer: MockAnswerEvent): string {
  const time = answer.at.toISOString().slice(11, 23);
  const status = answer.status === 0 ? "---" : String(answer.status);
  const who = answer.user === undefined ? "no known token" : `user ${answer.user}`;
  const fault = answer.fault === undefined ? "" : `  [fault: ${answer.fault}]`;
  return `${time}  ${answer.method} ${answer.path}  ${status}  ${answer.type ?? "-"}  ${who}${fault}`;
}

/**
 * A running standalone mock.
 *
 * @example
 * const mock = await runStandaloneMock({ port: 0 });
 * await mock.stop();
 * await mock.stopped; // already resolved
 */
export interface StandaloneMock {
  server: MockServer;
  /** Stops the server and removes the signal handlers; safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once the server has stopped, by `stop()` or a signal. */
  stopped: Promise<void>;
}

/**
 * Starts the mock on a port (4010 by default) with demo tokens, prints its URL and the
 * tokens, and stops cleanly on Ctrl-C (SIGINT) or SIGTERM, leaving nothing that keeps the
 * process alive. Used by `npm run mock`.
 *
 * @example
 * const { stopped } = await runStandaloneMock({ port: 4010 });
 * await stopped; // after Ctrl-C
 */
export async function runStandaloneMock(
  options: StandaloneMockOptions = {},
): Promise<StandaloneMock> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tokens = options.tokens ?? demoTokens.map((seed) => ({ ...seed }));
  const server = await startMockServer({
    port: options.port ?? 4010,
    host: options.host ?? "127.0.0.1",
    tokens,
    ...(options.omittedTokenType ? { omittedTokenType: options.omittedTokenType } : {}),
    ...(options.traffic === false ? {} : { onAnswer: (answer) => log(trafficLine(answer)) }),
  });

  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping the mock DevRev server.`);
    void stop();
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
      await server.close();
      markStopped();
    })());
  if (options.handleSignals ?? true) process.on("SIGINT", onSignal).on("SIGTERM", onSignal);

  log(`Mock DevRev server listening on ${server.url}`);
  log(`  POST ${server.url}/auth-tokens.self.delete`);
  log("Demo tokens (send as Authorization: Bearer <token>):");
  const width = Math.max(...tokens.map((t) => t.value.length));
  for (const token of tokens) log(`  ${token.value.padEnd(width)}  ${token.user}  ${token.type}`);
  log(
    options.traffic === false
      ? "Press Ctrl-C to stop."
      : "Each request is printed as it is answered (time, method, path, status, type, user). Press Ctrl-C to stop.",
  );
  return { server, stop, stopped };
}
