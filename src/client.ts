/**
 * `createDevRevClient`: options checked once, then two ways to call the API that share one
 * transport (auth, retries, timeouts, redirect guard, narrowing): `authTokens.selfDelete`, and
 * `raw`, the typed openapi-fetch client for every path of the spec.
 */
import createClient, { type Middleware } from "openapi-fetch";
import { defaultBaseUrl, operations } from "../generated/constants.js";
import type { paths } from "../generated/schema.js";
import { bearerPrefix } from "./auth.js";
import { baseOf, checkedBaseUrl, checkTransportSecurity } from "./base-url.js";
import {
  httpMethods,
  type DevRevClient,
  type HttpMethod,
  type RawClient,
  type SelfDeleteResult,
} from "./client-types.js";
import { checkedClientOptions } from "./client-config.js";
import { DevRevUsageError } from "./errors.js";
import type { LogLevel } from "./log.js";
import { checkedMiddleware, throughMiddleware, type Outcome } from "./middleware.js";
import {
  callOptionNames,
  checkedCallOptions,
  checkedSettings,
  openapiFetchOptionNames,
  rawOptionNames,
  type CallOptions,
  type DevRevClientOptions,
} from "./options.js";
import {
  createTransport,
  middlewareRequestClass,
  PendingRequest,
  Settled,
  type AttemptSettings,
  type CallState,
  type OperationContract,
} from "./transport.js";
import { redactor } from "./redact.js";
import {
  checkedFlag,
  checkedHeaders,
  checkedRequestBody,
  checkedSelfDeleteBody,
  type RequestContract,
} from "./validate.js";

export { isOutcomeUncertain } from "./uncertainty.js";

const noContract: OperationContract = {
  successStatuses: [],
  successStatusesWithBody: [],
  errorTypesByStatus: {},
};
const operationsByKey = new Map<string, OperationContract & RequestContract>(
  Object.values(operations).map((operation) => [
    `${operation.method} ${operation.path}`,
    operation,
  ]),
);

/**
 * Runs `check`; a refusal it throws is thrown again without any of `secrets` in its words (a
 * token pasted where a type, an option name or a path goes must not come back in the message).
 */
function hidingToken<T>(check: () => T, secrets: () => Iterable<unknown>): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DevRevUsageError)) throw error;
    const hidden = [...secrets()].filter((secret): secret is string => typeof secret === "string");
    const message = redactor(
      hidden.map((secret) => secret.replace(bearerPrefix, "")).concat(hidden),
    )(error.message);
    // Stryker disable next-line ConditionalExpression: a new DevRevUsageError with the same words; only its stack differs
    throw message === error.message ? error : new DevRevUsageError(message);
  }
}

/**
 * Creates a client for DevRev's auth-tokens API. Every option is checked here, before anything
 * is sent: an unknown name (`baseURL`) is refused with the nearest known one suggested.
 *
 * @example
 * ```ts
 * import { createDevRevClient } from "devrev-auth-tokens";
 *
 * const devrev = createDevRevClient({ token: process.env.DEVREV_TOKEN });
 * const { error, attempts } = await devrev.authTokens.selfDelete({
 *   requested_token_type: "urn:devrev:params:oauth:token-type:pat",
 * });
 * if (error) console.error(`${error.type} after ${attempts} attempt(s): ${error.message ?? ""}`);
 * ```
 */
export function createDevRevClient(options: DevRevClientOptions = {}): DevRevClient {
  const config = hidingToken(
    () => checkedClientOptions(options, defaultBaseUrl),
    () => [(options as { token?: unknown } | null)?.token],
  );
  const { allowInsecureHttp, log, knownToken } = config;
  const clientBase = baseOf(config.baseUrl);
  // Ours, not openapi-fetch's: whether there is any decides the path each call takes.
  // Stryker disable next-line ArrayDeclaration: an entry without hooks only sends each call down the middleware path, which comes to the same outcome (openapi-fetch skips an entry with no hook)
  const registered: Middleware[] = [];
  const openapi = createClient<paths>({
    baseUrl: clientBase.prefix,
    headers: config.headers,
    Request: PendingRequest as unknown as typeof Request,
  });

  async function call(method: HttpMethod, path: string, init: Record<string, unknown>) {
    const { signal, headers, middleware, keepalive } = init as CallOptions;
    // The URL is the base followed by the path: a path not starting with "/" would run into the
    // host (".evil.example/x", "@evil.example/x", ":8443/x").
    if (typeof path !== "string" || !path.startsWith("/"))
      throw new DevRevUsageError(
        `${method.toUpperCase()}: the path must be a string starting with "/", such as "/auth-tokens.self.delete".`,
      );
    const wrapping = checkedMiddleware(middleware, registered);
    if (
      signal !== undefined &&
      // Stryker disable next-line OptionalChaining: signal is not undefined here, and a null signal was refused with the other options (checkedNames)
      typeof (signal as { aborted?: unknown } | null)?.aborted !== "boolean"
    ) {
      throw new DevRevUsageError("signal must be an AbortSignal.");
    }
    // A per-call baseUrl is checked as the client's was, before anything is sent, and may
    // change the path but not the origin: the token goes where the client was made to send it.
    let base = clientBase;
    if (init.baseUrl !== undefined) {
      const url = checkedBaseUrl(init.baseUrl);
      checkTransportSecurity(url, allowInsecureHttp);
      if (url.origin !== clientBase.origin)
        throw new DevRevUsageError(
          `A per-call baseUrl must keep the client's origin (${clientBase.origin}), got ${url.origin}: make another client to send the token there.`,
        );
      base = baseOf(url);
    }
    // A body of an operation the contract describes is read as selfDelete's is (its own fields,
    // each with a value), and the copy is what is sent; its values are left to the server, whose
    // answer `raw` exists to show. A serializer of the caller's own sends what it makes.
    const operation = operationsByKey.get(`${method} ${path}`);
    if (operation && init.body !== undefined && init.bodySerializer === undefined)
      init.body = checkedRequestBody(
        operation,
        init.body,
        `${method.toUpperCase()} ${path}`,
        false,
      );
    const state: CallState = { response: undefined, history: [], secrets: new Set() };
    const scrub = (line: string) => redactor([...state.secrets, ...knownToken])(line);
    // Completed in place rather than spread into a new object: a spread-built object here,
    // read on every attempt, cost a tenth of the client's time per call.
    const settings: AttemptSettings = Object.assign(checkedSettings(init, config.settings), {
      contract: operation ?? noContract,
      authorization: config.authorization,
      base,
      fetch: config.fetch,
      keepalive: checkedFlag("keepalive", keepalive),
      signal,
      // Each line names the call: its method and path, with every token the call knows removed
      // (a raw path is the caller's, and may hold anything).
      log: (level: Exclude<LogLevel, "off">, text: () => string) => {
        // Stryker disable next-line ConditionalExpression: log drops a level it does not want itself; asking first only saves the scrub
        if (log.wants(level)) log(level, scrub(`${method.toUpperCase()} ${path} ${text()}`));
      },
      middleware: wrapping.length > 0,
    });
    // openapi-fetch's own options (params, body, …), picked rather than rest-destructured.
    const fetchInit: Record<string, unknown> = {
      headers: checkedHeaders(headers),
      fetch: createTransport(settings, state),
    };
    for (const name of openapiFetchOptionNames)
      // Stryker disable next-line ConditionalExpression: openapi-fetch reads an option set to undefined as left out (destructuring defaults, falsy checks)
      if (init[name] !== undefined) fetchInit[name] = init[name];
    const { history } = state;
    const send = () =>
      openapi.request(method as "post", path as "/auth-tokens.self.delete", fetchInit as never);
    const outcome: Outcome = settings.middleware
      ? await throughMiddleware(
          (list) => {
            fetchInit.middleware = list;
            fetchInit.Request = middlewareRequestClass();
            return send();
          },
          wrapping,
          state,
          settings.contract,
          settings.log,
          { timeoutMs: settings.timeoutMs, signal },
        )
      : await send().then(
          (result) => ({ data: result.data, response: state.response ?? result.response }),
          (thrown: unknown) => {
            if (thrown instanceof Settled)
              return { error: thrown.error, response: thrown.response };
            throw thrown;
          },
        );
    return { ...outcome, attempts: history.length, history };
  }

  /** One raw call: its options checked, every refusal told without the token. */
  const rawCall = async (method: HttpMethod, path: string, init: unknown) =>
    call(
      method,
      path,
      hidingToken(
        () => checkedCallOptions(`${method.toUpperCase()} ${path}`, init, rawOptionNames),
        () => knownToken,
      ),
    );
  const raw = Object.fromEntries(
    httpMethods.map((method) => [
      method.toUpperCase(),
      (path: string, init?: unknown) => rawCall(method, path, init),
    ]),
  ) as unknown as RawClient;
  raw.request = ((method: string, path: string, init?: unknown) => {
    const lower = String(method).toLowerCase() as HttpMethod;
    if (!httpMethods.includes(lower))
      throw new DevRevUsageError(`request: method must be one of ${httpMethods.join(", ")}.`);
    return rawCall(lower, path, init);
  }) as RawClient["request"];
  raw.use = (...middleware) => void registered.push(...checkedMiddleware(middleware));
  raw.eject = (...middleware) => {
    for (const item of middleware) {
      const at = registered.indexOf(item);
      if (at >= 0) registered.splice(at, 1);
    }
  };

  return {
    authTokens: {
      // async, so a bad argument rejects like every other outcome rather than throwing synchronously.
      selfDelete: async (given, options) => {
        const init = hidingToken(
          () => {
            const body = checkedSelfDeleteBody(given);
            // Only the documented options: openapi-fetch's own (bodySerializer, say) would replace
            // the body just checked.
            // Equivalent mutant: `options === undefined` as false checks no options to {}, the
            // same body; as true it drops a call's options (killed), so the line is not disabled.
            return options === undefined
              ? { body }
              : { ...checkedCallOptions("selfDelete", options, callOptionNames), body };
          },
          () => knownToken,
        );
        return call("post", "/auth-tokens.self.delete", init) as Promise<SelfDeleteResult>;
      },
    },
    raw,
  };
}
