/**
 * The mock's side of the scenario (scenario.ts): the faults each step meets, the tokens the mock
 * starts with, and what only the server can tell once the runtime has run the steps. The host
 * (trial.ts) arms a fresh mock with these, runs the scenario in the runtime, then checks.
 *
 * The faults for a step answer only requests carrying that step's `x-scenario-step` header.
 */
import { tokenTypes } from "../../src/index.ts";
import type { MockFault, MockServer, MockTokenSeed } from "../../src/testing/index.ts";
import {
  pat,
  session,
  slow,
  steps,
  type ScenarioConfig,
  type Step,
  type StepOutcome,
} from "./scenario.ts";

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
