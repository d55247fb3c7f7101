/**
 * The clients the rows compare, each reduced to "make one `POST /auth-tokens.self.delete` with
 * a token and `{}`, and fail loudly unless it succeeded", so every row times the same work.
 */
import devrevSdk from "@devrev/typescript-sdk";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { shipped } from "./shipped.js";

const { createDevRevClient } = shipped;

export type Call = () => Promise<void>;
type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const path = "/auth-tokens.self.delete";
/** A type the mock holds none of for the caller, so calls succeed and revoke nothing (row 2). */
export const otherType = "urn:devrev:params:oauth:token-type:aat";

/** What every client is set up with: where it calls, with which token and body, and how. */
export interface Setup {
  baseUrl: string;
  token: string;
  body: object;
  /** Called instead of the global `fetch` (the mock's in-process one). @default fetch */
  fetch?: Fetch;
  /** One no-op middleware registered, where the client takes middleware. @default false */
  middleware?: boolean;
}

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: the call did not succeed (${JSON.stringify(detail)})`);
}

/** `fetch` by hand: what every client here must at least do. */
export function rawFetch({ baseUrl, token, body, fetch: fetchImpl }: Setup): Call {
  const url = `${baseUrl}${path}`;
  const payload = JSON.stringify(body);
  const doFetch: Fetch = fetchImpl ?? ((input, init) => fetch(input, init));
  return async () => {
    const response = await doFetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: payload,
    });
    if (!response.ok) fail("raw fetch", response.status);
  };
}

/**
 * A middleware that does nothing: what a tracing or logging one costs at the least, and so what
 * registering any middleware costs before it does its own work.
 */
export const noOpMiddleware: Middleware = { onRequest: () => undefined };

/** The call through an openapi-fetch client, named `what` when it fails. */
function posting(
  client: Client<paths>,
  what: string,
  { token, body }: Pick<Setup, "token" | "body">,
): Call {
  const init = { body, headers: { Authorization: `Bearer ${token}` } };
  return async () => {
    const { error, response } = await client.POST(path, init);
    if (error !== undefined || !response.ok) fail(what, response.status);
  };
}

/**
 * openapi-fetch as its README shows it: it builds a `Request` per call and passes it to fetch;
 * with `middleware`, one no-op middleware registered with `use`.
 */
export function bareOpenapiFetch({
  baseUrl,
  token,
  body,
  fetch: fetchImpl,
  middleware = false,
}: Setup): Call {
  const client = createClient<paths>({
    baseUrl,
    ...(fetchImpl ? { fetch: fetchImpl as unknown as typeof fetch } : {}),
  });
  if (middleware) client.use(noOpMiddleware);
  return posting(client, "openapi-fetch", { token, body });
}

/**
 * openapi-fetch given a stand-in for `Request` (its `Request` option) and a `fetch` that takes
 * the stand-in apart: the URL and init go to fetch as given, so no Request is built only to be
 * copied again by fetch. This is the trick the package's client uses (`PendingRequest`).
 */
class StandInRequest {
  readonly method: string;
  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? "GET";
  }
}
export function openapiFetchStandIn({ baseUrl, token, body, fetch: fetchImpl }: Setup): Call {
  const doFetch: Fetch = fetchImpl ?? ((input, init) => fetch(input, init));
  const client = createClient<paths>({
    baseUrl,
    Request: StandInRequest as unknown as typeof Request,
    fetch: ((request: StandInRequest) =>
      doFetch(request.url, request.init)) as unknown as typeof fetch,
  });
  return posting(client, "openapi-fetch + stand-in", { token, body });
}

/**
 * This package's client as installed (dist/index.js), with its defaults (retries, timeout,
 * bounded reads, narrowing); with `middleware`, one no-op middleware registered with `raw.use`.
 */
export function ours({ baseUrl, token, body, fetch: fetchImpl, middleware = false }: Setup): Call {
  const devrev = createDevRevClient({ token, baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  if (middleware) devrev.raw.use(noOpMiddleware);
  return async () => {
    const { error } = await devrev.authTokens.selfDelete(body);
    if (error) fail("devrev-auth-tokens", error);
  };
}

/** DevRev's own SDK (axios over node:http), set up as its README shows. */
export function devrevTypescriptSdk({ baseUrl, token, body }: Setup): Call {
  const sdk = devrevSdk.client.setup({ endpoint: baseUrl, token });
  return async () => {
    const response = await sdk.authTokensSelfDelete(body);
    if (response.status !== 200) fail("@devrev/typescript-sdk", response.status);
  };
}
