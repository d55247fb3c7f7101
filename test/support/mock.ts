// A mock DevRev server per test file: started once, back to its seed before every test.
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  type MockServer,
  type MockServerOptions,
  type MockTokenSeed,
  startMockServer,
} from "../../src/testing/index.ts";

export const operationPath = "/auth-tokens.self.delete";

export const types = {
  pat: "urn:devrev:params:oauth:token-type:pat",
  session: "urn:devrev:params:oauth:token-type:session",
  aat: "urn:devrev:params:oauth:token-type:aat",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
} as const;

export const users = {
  alice: "don:identity:dvrv-us-1:devo/1:devu/1",
  bob: "don:identity:dvrv-us-1:devo/1:devu/2",
} as const;

/** Tokens for the usual cases: alice has two PATs and a session, bob one PAT. */
export const seeds = {
  alicePat: { value: "alice-pat-secret-1", user: users.alice, type: types.pat },
  alicePat2: { value: "alice-pat-secret-2", user: users.alice, type: types.pat },
  aliceSession: { value: "alice-session-secret", user: users.alice, type: types.session },
  bobPat: { value: "bob-pat-secret", user: users.bob, type: types.pat },
} as const satisfies Record<string, MockTokenSeed>;

export const defaultTokens: MockTokenSeed[] = Object.values(seeds);

/**
 * Starts one mock server for the calling test file (in `beforeAll`), resets its tokens, faults
 * and recorded requests before each test, and closes it after the file. The returned object
 * forwards to the running server, so it can be taken at describe time:
 *
 *   const mock = useMockServer();                 // seeds `defaultTokens`
 *   it("…", async () => { await fetch(`${mock.url}/auth-tokens.self.delete`, …) });
 */
export function useMockServer(options: MockServerOptions = {}): MockServer {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMockServer({ tokens: defaultTokens, ...options });
  });
  beforeEach(() => server?.reset());
  afterAll(async () => {
    await server?.close();
    server = undefined;
  });
  return new Proxy({} as MockServer, {
    get(_target, key) {
      if (!server) throw new Error("the mock server runs only inside tests (beforeAll..afterAll)");
      const value = Reflect.get(server, key, server);
      return typeof value === "function" ? value.bind(server) : value;
    },
  });
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`; `null` sends no Authorization header. */
  token?: string | null;
  /** Send the token bare, as DevRev's SDK does. */
  bare?: boolean;
  /** A value is JSON-encoded; a string is sent as is. Default `{}`. */
  body?: unknown;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

/** One real HTTP call to the mock with `fetch`. */
export async function call(
  server: { url: string },
  options: CallOptions = {},
): Promise<CallResult> {
  const { token = seeds.alicePat.value, bare = false, method = "POST" } = options;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...options.headers,
  };
  if (token !== null) headers.authorization = bare ? token : `Bearer ${token}`;
  const body =
    method === "GET" || method === "HEAD"
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body ?? {});
  const response = await fetch(`${server.url}${options.path ?? operationPath}`, {
    method,
    headers,
    body,
    redirect: "manual",
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json };
}
