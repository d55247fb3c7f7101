/**
 * The scenario every runtime runs (`npm run test:runtimes`), written once: what a user of the
 * client meets, against the mock server, which runs on Node next to the runtime under test.
 * This is the runtime's side (`runScenario`); the mock's side, the faults each step meets and
 * what only the server can check afterwards, is scenario-mock.ts.
 *
 * It is bundled with esbuild, with the client, into one file that Node, Bun, Deno, workerd and
 * Chromium all load, so it may use only the public API and what every one of them has (`fetch`,
 * `AbortController`, timers): no Node built-in, no runtime global.
 *
 * Each step uses its own token (and user), and sends its index in an `x-scenario-step` header,
 * so the faults the mock injects for one step cannot disturb another.
 */
import {
  createDevRevClient,
  parseTokenType,
  tokenTypes,
  type DevRevClientOptions,
  type SelfDeleteResult,
  type TokenType,
} from "../../src/index.ts";

export const steps = [
  "revokes with a short token type",
  "narrows a 400 invalid_enum_value with its allowed_values",
  "narrows a 401 unauthenticated",
  "waits out a 429 with Retry-After: 1, then revokes",
  "times out a silent server",
  "ends promptly when aborted",
  "refuses a redirect",
  "reports a proxy's HTML 502 as unexpected_response",
  "keeps a token the server echoes out of the result",
  "revokes through middleware that sets a header and reads the status",
  "revokes with keepalive (accepted wherever there is no page to outlive)",
] as const;
export type Step = (typeof steps)[number];

/** What a runtime receives: where the mock is, and each step's token. */
export interface ScenarioConfig {
  baseUrl: string;
  tokens: Record<Step, string>;
}

export interface StepOutcome {
  step: string;
  ok: boolean;
  /** What was seen, for the report; never a token. */
  detail: string;
}

export const pat: TokenType = "urn:devrev:params:oauth:token-type:pat";
export const session: TokenType = "urn:devrev:params:oauth:token-type:session";
/** How long a silent server keeps a request waiting: far longer than a step may take. */
export const slow = 10_000;

type Check = { ok: boolean; detail: string };
const check = (ok: boolean, detail: string): Check => ({ ok, detail });

/** A summary of a result for the report: the error's type and status, the attempts. */
function seen(result: SelfDeleteResult): string {
  const { error, attempts } = result;
  const what = error
    ? `${error.type}${"status" in error ? ` ${error.status}` : ""}`
    : `ok ${result.response.status}`;
  return `${what}, ${attempts} attempt(s)`;
}

/** Runs every step in this runtime and reports each one; never throws. */
export async function runScenario(config: ScenarioConfig): Promise<StepOutcome[]> {
  const client = (step: Step, options: DevRevClientOptions = {}) =>
    createDevRevClient({
      baseUrl: config.baseUrl,
      token: config.tokens[step],
      headers: { "x-scenario-step": String(steps.indexOf(step)) },
      ...options,
    });
  const body = { requested_token_type: pat };

  const run: Record<Step, () => Promise<Check>> = {
    "revokes with a short token type": async () => {
      const type = parseTokenType("pat");
      if (type !== pat) return check(false, `parseTokenType("pat") gave ${type}`);
      const result = await client("revokes with a short token type").authTokens.selfDelete({
        requested_token_type: type,
      });
      return check(
        result.error === undefined && result.response.status === 200 && result.attempts === 1,
        seen(result),
      );
    },
    "narrows a 400 invalid_enum_value with its allowed_values": async () => {
      const result = await client(
        "narrows a 400 invalid_enum_value with its allowed_values",
      ).authTokens.selfDelete(body);
      const { error } = result;
      if (error?.type !== "invalid_enum_value") return check(false, seen(result));
      return check(
        error.status === 400 &&
          error.allowed_values.length === tokenTypes.length &&
          error.allowed_values.every((value) => tokenTypes.includes(value as never)) &&
          result.attempts === 1,
        `${seen(result)}, ${error.allowed_values.length} allowed values`,
      );
    },
    "narrows a 401 unauthenticated": async () => {
      const result = await client("narrows a 401 unauthenticated").authTokens.selfDelete(body);
      return check(
        result.error?.type === "unauthenticated" &&
          result.error.status === 401 &&
          result.attempts === 1,
        seen(result),
      );
    },
    "waits out a 429 with Retry-After: 1, then revokes": async () => {
      const started = Date.now();
      const result = await client("waits out a 429 with Retry-After: 1, then revokes", {
        maxRetries: 1,
      }).authTokens.selfDelete(body);
      const waited = Date.now() - started;
      return check(
        result.error === undefined && result.attempts === 2 && waited >= 950 && waited < 5_000,
        `${seen(result)} in ${waited} ms`,
      );
    },
    "times out a silent server": async () => {
      const started = Date.now();
      const result = await client("times out a silent server", {
        timeoutMs: 300,
        maxRetries: 0,
      }).authTokens.selfDelete(body);
      const took = Date.now() - started;
      const { error } = result;
      return check(
        error?.type === "timeout" && error.timeoutMs === 300 && took < slow / 2,
        `${seen(result)} in ${took} ms`,
      );
    },
    "ends promptly when aborted": async () => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const result = await client("ends promptly when aborted", {
        maxRetries: 0,
      }).authTokens.selfDelete(body, { signal: controller.signal });
      const took = Date.now() - started;
      return check(
        result.error?.type === "aborted" && took < slow / 2,
        `${seen(result)} in ${took} ms`,
      );
    },
    "refuses a redirect": async () => {
      const result = await client("refuses a redirect").authTokens.selfDelete(body);
      const { error } = result;
      return check(
        error?.type === "unexpected_response" &&
          error.reason === "redirect" &&
          result.attempts === 1,
        `${seen(result)}${error?.type === "unexpected_response" ? `, ${error.reason}` : ""}`,
      );
    },
    "reports a proxy's HTML 502 as unexpected_response": async () => {
      const result = await client("reports a proxy's HTML 502 as unexpected_response", {
        maxRetries: 0,
      }).authTokens.selfDelete(body);
      const { error } = result;
      // The reason is the client's to name (502 is not a status the contract lists, and the
      // body is not JSON); what the user must get is the status and a glimpse of the page.
      return check(
        error?.type === "unexpected_response" &&
          error.status === 502 &&
          /^text\/html/.test(error.contentType ?? "") &&
          /<html/i.test(error.bodySnippet),
        `${seen(result)}${error?.type === "unexpected_response" ? `, ${error.reason}, ${error.contentType}` : ""}`,
      );
    },
    "keeps a token the server echoes out of the result": async () => {
      const step = "keeps a token the server echoes out of the result";
      const result = await client(step).authTokens.selfDelete(body);
      const { response, ...rest } = result;
      const rendered = JSON.stringify(rest);
      return check(
        result.error?.type === "unauthenticated" &&
          rendered.includes("is not valid here") &&
          !rendered.includes(config.tokens[step]) &&
          !String(result.error.message).includes(config.tokens[step]),
        `${seen(result)}, ${rendered.length} characters of result without the token`,
      );
    },
    "revokes through middleware that sets a header and reads the status": async () => {
      // openapi-fetch's documented middleware: a real Request in onRequest (the client's
      // Request subclass must work in every runtime), the final answer in onResponse.
      const statuses: number[] = [];
      let sawToken = false;
      const devrev = client("revokes through middleware that sets a header and reads the status");
      devrev.raw.use({
        onRequest({ request }) {
          sawToken = request.headers.has("authorization");
          request.headers.set("x-trace-id", "scenario");
          return request;
        },
        onResponse({ response }) {
          statuses.push(response.status);
        },
      });
      const result = await devrev.authTokens.selfDelete(body);
      return check(
        result.error === undefined && statuses.join() === "200" && !sawToken,
        `${seen(result)}, onResponse saw ${statuses.join() || "nothing"}`,
      );
    },
    "revokes with keepalive (accepted wherever there is no page to outlive)": async () => {
      const result = await client(
        "revokes with keepalive (accepted wherever there is no page to outlive)",
      ).authTokens.selfDelete(body, { keepalive: true });
      return check(result.error === undefined && result.attempts === 1, seen(result));
    },
  };

  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    try {
      outcomes.push({ step, ...(await run[step]()) });
    } catch (error) {
      // A rejection is a failure of the client's promise never to reject for a server's doing.
      outcomes.push({ step, ok: false, detail: `threw ${String(error)}` });
    }
  }
  return outcomes;
}
