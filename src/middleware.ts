/**
 * openapi-fetch middleware, as openapi-fetch documents it, around a whole call: it
 * runs once per call, not once per attempt. `onRequest` gets a real Request before the first
 * attempt (headers it sets go with every attempt; the token is added to each attempt after it,
 * so middleware never sees it); `onResponse` gets the answer the call ended with, a refusal's
 * too; `onError` gets a failure that has no answer (an Error whose `error` is the typed one).
 * Middleware may rewrite the request but not move it off the base URL (the transport refuses
 * that before sending). Whatever middleware returns, the result keeps exactly one of
 * `data` and `error`: an answer middleware put in place of the server's is judged against the
 * contract like any other.
 */
import type { Middleware } from "openapi-fetch";
import { judge, sealed, type AnyError, type Judgement, type OperationContract } from "./judge.js";
import { abortedError } from "./attempt.js";
import { DevRevUsageError } from "./errors.js";
import type { CallLog } from "./log.js";
import { withResult, type ResultBeforeThrow } from "./outcome.js";
import type { CallState } from "./transport.js";

/**
 * A middleware list checked before anything is sent, with openapi-fetch's rule, after `before`
 * (returned as is when `list` is undefined: no array per call on the fast path).
 */
// Equivalent mutant: a default holding something else adds an entry with no hook to `use()`'s
// list, and openapi-fetch skips an entry with no hook, as the middleware path here does.
export function checkedMiddleware(list: unknown, before: Middleware[] = []): Middleware[] {
  if (list === undefined) return before;
  const items = Array.isArray(list) ? list : [list];
  for (const item of items) {
    if (
      !["onRequest", "onResponse", "onError"].some(
        (hook) => typeof (item as Record<string, unknown> | null)?.[hook] === "function",
      )
    ) {
      throw new DevRevUsageError(
        "middleware must be objects with an onRequest, onResponse or onError function.",
      );
    }
  }
  return [...before, ...(items as Middleware[])];
}

/** What a call through middleware comes to, before `attempts` and `history` are added. */
export interface Outcome {
  data?: unknown;
  error?: AnyError;
  response: Response | undefined;
}

/** What openapi-fetch resolves with. */
interface Fetched {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function outcomeSoFar(
  state: CallState,
  contract: OperationContract,
): Promise<ResultBeforeThrow> {
  const { history } = state;
  if (state.failure)
    return { error: state.failure, response: state.response, attempts: history.length, history };
  let data: unknown;
  const answer = state.answer;
  if (answer && contract.successStatusesWithBody.includes(answer.status)) {
    try {
      data = await answer.clone().json();
    } catch {
      // Middleware read the body first: the data is gone, the success is not.
    }
  }
  // The answer as received (its headers: a request id), as the call without a stall returns; the
  // success handed to openapi-fetch may be a stand-in of the client's.
  return { data, response: state.response ?? answer, attempts: history.length, history };
}

/**
 * What a call comes to when middleware outside the attempts stalls past `timeoutMs` or the
 * caller aborts: before any attempt nothing was sent; after the attempts their outcome stands.
 */
async function stalled(
  state: CallState,
  contract: OperationContract,
  log: CallLog,
  why: "timeout" | "aborted",
  timeoutMs: number,
): Promise<Outcome> {
  const last = state.history.at(-1);
  if (!last)
    return {
      error:
        why === "aborted"
          ? abortedError("before anything was sent, while middleware ran")
          : {
              type: "timeout",
              message: `Middleware did not return within ${timeoutMs} ms; nothing was sent.`,
              timeoutMs,
            },
      response: undefined,
    };
  log(
    "warn",
    () =>
      `middleware did not return (${why === "aborted" ? "the call was aborted" : `within ${timeoutMs} ms`}) after attempt ${state.history.length} came to ${last.type}: that outcome stands.`,
  );
  const {
    attempts: _attempts,
    history: _history,
    ...outcome
  } = await outcomeSoFar(state, contract);
  return outcome;
}

/**
 * One call through `middleware`; `send` calls openapi-fetch with the list it is given. The call
 * ends with {@link stalled}'s outcome when middleware runs past `timeoutMs` outside the attempts
 * (which keep their own clock), or the caller aborts it then: the caller's code must not hold
 * the call, or hide its outcome, forever.
 */
export function throughMiddleware(
  send: (middleware: Middleware[]) => Promise<Fetched>,
  middleware: readonly Middleware[],
  state: CallState,
  contract: OperationContract,
  log: CallLog,
  limits: { timeoutMs: number; signal: AbortSignal | undefined },
): Promise<Outcome> {
  const { timeoutMs, signal } = limits;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since = performance.now();
  return new Promise<Outcome>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      state.phase = undefined;
    };
    const end = (why: "timeout" | "aborted") => {
      done();
      // The caller has the outcome (before any attempt: "nothing was sent"), so middleware that
      // returns later sends nothing.
      state.ended = why;
      resolve(stalled(state, contract, log, why, timeoutMs));
    };
    // One timer a call: when it fires during the attempts, or before middleware has run for
    // `timeoutMs` since they ended, it is set again for what is left.
    const check = () => {
      const left = timeoutMs - (performance.now() - since);
      // Stryker disable next-line EqualityOperator: left is a fractional ms count, never exactly 1; at 1 either way the timer fires within a ms
      if (state.attempting || left > 1)
        timer = setTimeout(check, state.attempting ? timeoutMs : left);
      // Stryker disable next-line StringLiteral: stalled() only tells "aborted" apart; any other word gives the timeout
      else end("timeout");
    };
    const onAbort = () => {
      if (!state.attempting) end("aborted");
    };
    state.phase = () => (since = performance.now());
    timer = setTimeout(check, timeoutMs);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort);
    throughMiddlewareUnguarded(send, middleware, state, contract, log).then(
      (outcome) => (done(), resolve(outcome)),
      (thrown: unknown) => (done(), reject(thrown)),
    );
  });
}

async function throughMiddlewareUnguarded(
  send: (middleware: Middleware[]) => Promise<Fetched>,
  middleware: readonly Middleware[],
  state: CallState,
  contract: OperationContract,
  log: CallLog,
): Promise<Outcome> {
  let replaced: Judgement | undefined;
  // First in the list, so its onResponse runs last and sees the answer the call ends with.
  // Not async: the answer the transport gave is passed through without a promise of its own.
  const watcher: Middleware = {
    onResponse({ response }) {
      if (response !== state.answer)
        return judge(response.clone(), contract).then((judged) => void (replaced = judged));
    },
  };
  let result: Fetched;
  try {
    result = await send([watcher, ...middleware]);
  } catch (thrown) {
    // onError may have put its own Error in place of ours: the call failed all the same.
    if (state.failure) return { error: state.failure, response: state.response };
    // Thrown back, as openapi-fetch documents. But a throw cannot undo what a request already
    // sent did (a revocation stays done): a person is told in the log, and a program finds
    // what the call came to in the error's `result`.
    const last = state.history.at(-1);
    // Without an attempt nothing was sent; a custom fetch's bug already carries its result.
    if (!last || (thrown instanceof Error && "result" in thrown)) throw thrown;
    log(
      "warn",
      () =>
        `middleware threw after attempt ${state.history.length} came to ${last.type}: that outcome stands.`,
    );
    throw withResult(thrown, await outcomeSoFar(state, contract));
  }
  const { response } = result;
  if (!replaced && state.history.length === 0) {
    // onRequest answered the call itself, and openapi-fetch has read that answer: judge it.
    const body = result.error ?? result.data;
    replaced = await judge(
      new Response(
        typeof body === "string" ||
          // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined as well
          body === undefined
          ? body
          : JSON.stringify(body),
        {
          status: response.status,
          headers: response.headers,
        },
      ),
      contract,
    );
  }
  if (replaced) {
    return replaced.ok
      ? {
          data: contract.successStatusesWithBody.includes(response.status)
            ? result.data
            : undefined,
          response,
        }
      : { error: sealed(replaced.error, state.secrets), response };
  }
  return state.failure
    ? { error: state.failure, response: state.response }
    : { data: result.data, response: state.response ?? response };
}
