/**
 * `devrev-auth-tokens demo` (and `npm start`): the client against the embedded mock, in three
 * steps a newcomer can follow: a revocation, a rate limit waited out, and an error narrowed from
 * the server's answer. Everything runs in this process on 127.0.0.1; nothing leaves the machine.
 */
import { createDevRevClient } from "../client.js";
import type { RetryEvent } from "../transport.js";
import { shortTokenType, type TokenType } from "../token-types.js";
import { demoTokens, demoUsers, startMockServer, type MockServer } from "../testing/index.js";
import { describeRetry } from "./messages.js";
import { formatDuration, table, type Printer } from "./output.js";
import { programName } from "./program.js";

const urn = (short: string) => `urn:devrev:params:oauth:token-type:${short}` as TokenType;
const users = demoUsers;
// The demo calls as alice with her session token, so revoking her PATs leaves it working for
// the later steps.
const aliceSession = demoTokens.find(
  (seed) => seed.user === users.alice && shortTokenType(seed.type) === "session",
)!.value;
const unknownType = urn("nope");

/** A step did not go as the demo expects: a bug in the client or the mock. */
class DemoFailure extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DemoFailure(what);
}

/** Runs the demo; 0 when every step went as described, 1 otherwise. */
export async function demo(printer: Printer): Promise<number> {
  const server = await startMockServer({ tokens: [...demoTokens] });
  try {
    await steps(server, printer);
    return 0;
  } catch (error) {
    if (!(error instanceof DemoFailure)) throw error;
    printer.err("", `devrev-auth-tokens demo: a step went wrong: ${error.message}`);
    return 1;
  } finally {
    await server.close();
  }
}

const attempts = (n: number) => `${n} attempt${n === 1 ? "" : "s"}`;

/** The types of a user's tokens that are still live, e.g. "session, session:onetime". */
function live(server: MockServer, user: string): string {
  const types = server
    .listTokens(user)
    .filter((token) => !token.revoked)
    .map((token) => shortTokenType(token.type));
  return types.length ? types.join(", ") : "nothing";
}

function tokenRows(server: MockServer, user: string, indent: string): string[] {
  return table(
    server
      .listTokens(user)
      .map((token) => [token.id, shortTokenType(token.type), token.revoked ? "revoked" : "live"]),
    indent,
  );
}

async function steps(server: MockServer, out: Printer): Promise<void> {
  const p = (...lines: string[]) => out.out(...lines);
  const progress: RetryEvent[] = [];
  const devrev = createDevRevClient({
    token: aliceSession,
    baseUrl: server.url,
    onRetry: (event) => {
      progress.push(event);
      p(`   … ${describeRetry(event)}`);
    },
  });

  p(
    `${programName} demo: the client against a mock DevRev server in this process`,
    "(no network and no token of yours; the mock stops when the demo ends)",
    "",
    `Mock DevRev server listening on ${server.url}, seeded with demo tokens:`,
    `  alice  ${users.alice}`,
    ...tokenRows(server, users.alice, "    "),
    `  bob    ${users.bob}`,
    ...tokenRows(server, users.bob, "    "),
    "",
    "The client calls as alice, with her session token:",
    `  const devrev = createDevRevClient({ token, baseUrl: "${server.url}" });`,
  );

  p(
    "",
    "1. Revoke alice's personal access tokens (pat)",
    `   await devrev.authTokens.selfDelete({ requested_token_type: "${urn("pat")}" })`,
  );
  const revoked = await devrev.authTokens.selfDelete({ requested_token_type: urn("pat") });
  check(!revoked.error, `the revocation failed: ${revoked.error?.type}`);
  p(
    `   → ok: HTTP ${revoked.response.status} after ${attempts(revoked.attempts)}. alice's tokens now:`,
    ...tokenRows(server, users.alice, "     "),
    "   bob's pat is his own, so it is untouched:",
    ...tokenRows(server, users.bob, "     "),
  );
  check(
    server.listTokens(users.alice).every((t) => t.revoked === (t.type === urn("pat"))),
    "alice's pat tokens, and only those, should be revoked",
  );

  p(
    "",
    "2. A rate limit, waited out: the server answers the next call with 429 and Retry-After: 1",
    '   server.inject({ kind: "error", status: 429, retryAfter: 1 })',
    `   await devrev.authTokens.selfDelete({ requested_token_type: "${urn("aat")}" })`,
  );
  server.inject({ kind: "error", status: 429, retryAfter: 1 });
  const started = Date.now();
  const retried = await devrev.authTokens.selfDelete({ requested_token_type: urn("aat") });
  check(!retried.error, `the retried call failed: ${retried.error?.type}`);
  check(progress.length === 1 && progress[0]?.serverAsked, "one retry, at the server's request");
  p(
    `   → ok: HTTP ${retried.response.status} after ${attempts(retried.attempts)}, ${formatDuration(Date.now() - started)} in all:`,
    "     the client waited what the server asked, then retried (safe: the call is idempotent).",
    `     What alice has left: ${live(server, users.alice)}`,
  );

  p(
    "",
    "3. An unknown type, refused by the server with a narrowed error",
    "   selfDelete would refuse it before sending anything, so it goes through devrev.raw:",
    `   await devrev.raw.POST("/auth-tokens.self.delete", { body: { requested_token_type: "${unknownType}" } })`,
  );
  const refused = await devrev.raw.POST("/auth-tokens.self.delete", {
    // Deliberately outside the contract's types, to let the server do the refusing.
    body: { requested_token_type: unknownType } as never,
  });
  const { error } = refused;
  check(
    error?.type === "invalid_enum_value",
    `expected invalid_enum_value, got ${error?.type ?? "success"}`,
  );
  // Narrowed on `type`: `status` is the literal 400 and `allowed_values` a string[].
  p(
    `   → error.type "${error.type}", error.status ${error.status}: ${error.message}`,
    `     error.allowed_values lists ${error.allowed_values.length} token types: ${error.allowed_values
      .slice(0, 3)
      .map((type) => shortTokenType(type as TokenType))
      .join(", ")}, …`,
  );

  p(
    "",
    `Done: ${server.requests.length} requests reached the mock. Next:`,
    // npx: in a clone (where `npm start` runs this) the command is not on PATH.
    ...table([
      [`npx ${programName} mock`, "# the same mock, standalone, on port 4010"],
      [`npx ${programName} self-delete --help`, "# revoke your own tokens"],
    ]),
  );
}
