/**
 * The scenario every runtime runs (`npm run test:runtimes`), written once: what a user of the
 * client meets, against the mock server, which runs on Node next to the runtime under test.
 *
 * It is bundled with esbuild, with the client, into one file that Node, Bun, Deno, workerd and
 * Chromium all load, so it may use only the public API and what every one of them has (`fetch`,
 * `AbortController`, timers): no Node built-in, no runtime global.
 *
 * Each step uses its own token (and user), and the faults the mock injects for a step answer
 * only requests carrying that step's `x-scenario-step` header, so the steps cannot disturb each
 * other. The host arms the faults (`armMock`), runs `runScenario` in the runtime, and then
 * checks what only the server can see (`checkOnServer`) and that no token is in anything the
 * runtime printed.
 */
import {
  createDevRevClient,
  parseTokenType,
  tokenTypes,
  type DevRevClientOptions,
  type SelfDeleteResult,
  type TokenType,
} from "../../src/index.ts";
import type { MockFault, MockServer, MockTokenSeed } from "../../src/testing/index.ts";

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

const pat: TokenType = "urn:devrev:params:oauth:token-type:pat";
const session: TokenType = "urn:devrev:params:oauth:token-type:session";
const slow = 10_000;

/** The mock's side of each step: the faults for that step's requests (first injected, first used). */
function faultsFor(step: Step, token: string): { fault: MockFault; times: number }[] {
  switch (step) {
    case "narrows a 400 invalid_enum_value with its allowed_values":
      return [
        {
          fault: {
            kind: "error",
            status: 400,
            body: {
              type: "invalid_enum_value",
              message: "requested_token_type is not one of the allowed values",
              field_name: "requested_token_type",
              value: "urn:devrev:params:oauth:token-type:retired",
              allowed_values: [...tokenTypes],
            },
          },
          times: Infinity,
        },
      ];
    case "waits out a 429 with Retry-After: 1, then revokes":
      return [{ fault: { kind: "error", status: 429, retryAfter: 1 }, times: 1 }];
    case "times out a silent server":
    case "ends promptly when aborted":
      return [{ fault: { kind: "delay", ms: slow }, times: Infinity }];
    case "refuses a redirect":
      return [
        {
          fault: { kind: "redirect", location: "https://elsewhere.example/steal" },
          times: Infinity,
        },
      ];
    case "reports a proxy's HTML 502 as unexpected_response":
      return [{ fault: { kind: "html", status: 502 }, times: Infinity }];
    case "keeps a token the server echoes out of the result":
      return [
        {
          fault: {
            kind: "error",
            status: 401,
            body: { type: "unauthenticated", message: `token ${token} is not valid here` },
          },
          times: Infinity,
        },
      ];
    default:
      return [];
  }
}

/** One user per step; the steps that revoke hold a second token type that must survive. */
export const userOf = (step: Step) =>
  `don:identity:dvrv-us-1:devo/1:devu/scenario-${steps.indexOf(step)}`;

/** The tokens to seed the mock with: every step's, except the one that must be unknown. */
export function seedTokens(config: ScenarioConfig): MockTokenSeed[] {
  return steps
    .filter((step) => step !== "narrows a 401 unauthenticated")
    .flatMap((step) => [
      { value: config.tokens[step], user: userOf(step), type: pat },
      { value: `${config.tokens[step]}-session`, user: userOf(step), type: session },
    ]);
}

/** Arms the mock with every step's faults, each answering only that step's requests. */
export function armMock(mock: Pick<MockServer, "inject">, config: ScenarioConfig): void {
  for (const step of steps) {
    const id = String(steps.indexOf(step));
    for (const { fault, times } of faultsFor(step, config.tokens[step])) {
      mock.inject(fault, { times, when: (request) => request.headers["x-scenario-step"] === id });
    }
  }
}

/** What only the server can tell: what was revoked, and that a refused redirect was not followed. */
export function checkOnServer(mock: MockServer): StepOutcome[] {
  const revoked = (step: Step) =>
    mock
      .listTokens(userOf(step))
      .map(({ type, revoked }) => `${type === pat ? "pat" : "session"}:${revoked}`)
      .join(" ");
  const requests = (step: Step) =>
    mock.requests.filter(
      (request) =>
        request.method === "POST" &&
        request.headers["x-scenario-step"] === String(steps.indexOf(step)),
    ).length;
  return [
    {
      step: "server: the short type revoked the pat tokens and nothing else",
      ok: revoked("revokes with a short token type") === "pat:true session:false",
      detail: revoked("revokes with a short token type"),
    },
    {
      step: "server: the request after the 429 revoked",
      ok: revoked("waits out a 429 with Retry-After: 1, then revokes") === "pat:true session:false",
      detail: `${requests("waits out a 429 with Retry-After: 1, then revokes")} requests`,
    },
    {
      step: "server: middleware's header arrived, and the revocation was done",
      ok:
        revoked("revokes through middleware that sets a header and reads the status") ===
          "pat:true session:false" &&
        mock.requests.some(
          (request) =>
            request.headers["x-scenario-step"] ===
              String(
                steps.indexOf("revokes through middleware that sets a header and reads the status"),
              ) && request.headers["x-trace-id"] === "scenario",
        ),
      detail: revoked("revokes through middleware that sets a header and reads the status"),
    },
    {
      step: "server: the keepalive request revoked",
      ok:
        revoked("revokes with keepalive (accepted wherever there is no page to outlive)") ===
        "pat:true session:false",
      detail: revoked("revokes with keepalive (accepted wherever there is no page to outlive)"),
    },
    {
      step: "server: the redirect was answered once and not followed",
      ok: requests("refuses a redirect") === 1,
      detail: `${requests("refuses a redirect")} request(s)`,
    },
  ];
}

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
