/**
 * The consumer programs written beside the installed tarball, as users would write them: Node ESM
 * and CommonJS, the `./testing` kit, and TypeScript programs (an exhaustive switch over
 * `error.type`, the same with a case missing, a CommonJS `.cts` file, a `module: commonjs`
 * project). Each JavaScript one prints one JSON line that the tests compare; each reads the mock
 * server's URL and its token from `CONSUMER_BASE_URL` and `CONSUMER_TOKEN`.
 */
import { operations } from "../../generated/constants.ts";
import { errorBodies } from "../../generated/error-bodies.ts";

export const pat = "urn:devrev:params:oauth:token-type:pat";
export const session = "urn:devrev:params:oauth:token-type:session";

/** One user per consumer, so consumers running at once never see each other's revocations. */
export const consumers = ["esm", "cjs", "kit", "cli", "ts5-cts", "ts7-cts"] as const;
export type Consumer = (typeof consumers)[number];

/** Prints what a selfDelete result says, in a form that survives JSON. */
const summarize = `function summarize(result) {
  return {
    status: result.response?.status ?? null,
    attempts: result.attempts,
    error: result.error ? { type: result.error.type, status: result.error.status ?? null } : null,
  };
}`;

const esmConsumer = `import { readFileSync } from "node:fs";
import { createDevRevClient, DevRevUsageError, isTokenType } from "devrev-auth-tokens";
${summarize}
const baseUrl = process.env.CONSUMER_BASE_URL;
const devrev = createDevRevClient({ token: process.env.CONSUMER_TOKEN, baseUrl });
const revoked = await devrev.authTokens.selfDelete({ requested_token_type: "${pat}" });
const stranger = createDevRevClient({ token: "nobody-knows-me", baseUrl, maxRetries: 0 });
const unknown = await stranger.authTokens.selfDelete({ requested_token_type: "${pat}" });
let usage = "not thrown";
try {
  createDevRevClient({ token: "" });
} catch (error) {
  usage = error instanceof DevRevUsageError ? "DevRevUsageError" : String(error);
}
const deep = await import("devrev-auth-tokens/dist/src/client.js").then(
  () => "imported",
  (error) => error.code,
);
// The contract as authored, beside openapi.json: a file to read.
const yamlUrl = import.meta.resolve("devrev-auth-tokens/openapi.yaml");
const yaml = readFileSync(new URL(yamlUrl), "utf8");
// msw is an optional peer dependency, not installed here: only this entry point needs it.
const msw = await import("devrev-auth-tokens/testing/msw").then(
  () => "imported",
  (error) => \`\${error.code} \${/'msw'/.test(error.message) ? "msw" : error.message}\`,
);
console.log(JSON.stringify({
  resolved: import.meta.resolve("devrev-auth-tokens"),
  revoked: summarize(revoked),
  unknown: summarize(unknown),
  usage,
  isTokenType: isTokenType("${pat}"),
  deep,
  yaml: { resolved: yamlUrl, openapi: /^openapi: (\\S+)$/m.exec(yaml)?.[1], path: yaml.includes("\\n  /auth-tokens.self.delete:") },
  msw,
}));
`;

const cjsConsumer = `"use strict";
const { createDevRevClient, DevRevUsageError } = require("devrev-auth-tokens");
const testing = require("devrev-auth-tokens/testing");
const manifest = require("devrev-auth-tokens/package.json");
const spec = require("devrev-auth-tokens/openapi.json");
${summarize}
async function main() {
  const devrev = createDevRevClient({
    token: process.env.CONSUMER_TOKEN,
    baseUrl: process.env.CONSUMER_BASE_URL,
  });
  const revoked = await devrev.authTokens.selfDelete({ requested_token_type: "${pat}" });
  let usage = "not thrown";
  try {
    createDevRevClient({ token: "" });
  } catch (error) {
    usage = error instanceof DevRevUsageError ? "DevRevUsageError" : String(error);
  }
  console.log(JSON.stringify({
    resolved: require.resolve("devrev-auth-tokens"),
    revoked: summarize(revoked),
    usage,
    testing: typeof testing.startMockServer,
    version: manifest.version,
    specPaths: Object.keys(spec.paths),
  }));
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** The testing kit from the tarball: its own server, driven by the client from the tarball. */
const kitConsumer = `import { startMockServer, createMockDevRev, tokenTypes } from "devrev-auth-tokens/testing";
import { createDevRevClient } from "devrev-auth-tokens";
${summarize}
const seed = { value: "kit-secret", user: "kit-user", type: "${pat}" };
const server = await startMockServer({ tokens: [seed] });
try {
  const devrev = createDevRevClient({ token: seed.value, baseUrl: server.url });
  const overHttp = summarize(await devrev.authTokens.selfDelete({ requested_token_type: "${pat}" }));
  const mock = createMockDevRev({ tokens: [seed] });
  const inProcess = createDevRevClient({ token: seed.value, fetch: mock.fetch });
  const inMemory = summarize(await inProcess.authTokens.selfDelete({ requested_token_type: "${pat}" }));
  // The client under test here is the consumer's, against the repo's server too.
  const shared = createDevRevClient({ token: process.env.CONSUMER_TOKEN, baseUrl: process.env.CONSUMER_BASE_URL });
  const againstRepoServer = summarize(await shared.authTokens.selfDelete({ requested_token_type: "${pat}" }));
  console.log(JSON.stringify({
    overHttp,
    revokedOverHttp: server.listTokens("kit-user").map((token) => token.revoked),
    inMemory,
    revokedInMemory: mock.listTokens("kit-user").map((token) => token.revoked),
    againstRepoServer,
    tokenTypes: tokenTypes.length,
    resolved: import.meta.resolve("devrev-auth-tokens/testing"),
  }));
} finally {
  await server.close();
}
`;

const transportTypes = [
  "network_error",
  "timeout",
  "aborted",
  "unexpected_response",
  "token_unavailable",
] as const;
/** Every `error.type` of selfDelete: the contract's (from the generated constants) and the five outside it. */
const errorTypes: string[] = [
  ...Object.values(operations["auth-tokens-self-delete"].errorTypesByStatus).flat(),
  ...transportTypes,
];

/** The smallest body of an error type: every field the contract requires of it. */
const requiredOf = (type: string) =>
  (errorBodies["auth-tokens-self-delete"].byType as Record<string, object>)[type];

/** The cases that read a narrowed field; every other type shares one clause. */
const narrowedCases: Record<string, string> = {
  too_many_requests: "return `429: ${error.status satisfies 429} ${error.retry_after ?? '?'}`;",
  invalid_enum_value: 'return error.allowed_values.join(", ");',
  unauthenticated: "return `401: ${error.status satisfies 401}`;",
  timeout: "return `${error.timeoutMs} ms`;",
  network_error: 'return error.cause ?? "";',
  unexpected_response: "return `${error.reason} ${error.status} ${error.bodySnippet}`;",
  token_unavailable: "return error.cause ?? error.message;",
};

/** A TypeScript consumer with a switch over `error.type` ending in a `never` check. */
function switchConsumer(omit?: string): string {
  const types = errorTypes.filter((type) => type !== omit);
  const plain = types.filter((type) => !(type in narrowedCases));
  const cases = [
    ...types
      .filter((type) => type in narrowedCases)
      .map((type) => `    case "${type}":\n      ${narrowedCases[type]}`),
    `${plain.map((type) => `    case "${type}":`).join("\n")}\n      return error.type;`,
  ];
  return `import {
  createDevRevClient,
  DevRevUsageError,
  type DevRevError,
  type DevRevErrorOfType,
  type SelfDeleteResult,
  type TokenType,
} from "devrev-auth-tokens";
import { startMockServer, type MockServer, type MockTokenSeed } from "devrev-auth-tokens/testing";

export function describeError(error: DevRevError): string {
  switch (error.type) {
${cases.join("\n")}
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

export async function revoke(baseUrl: string, token: string): Promise<string> {
  const devrev = createDevRevClient({ token, baseUrl, maxRetries: 1 });
  const type: TokenType = "${pat}";
  const result: SelfDeleteResult = await devrev.authTokens.selfDelete({ requested_token_type: type });
  // @ts-expect-error "pat" is the short form, not a token type: the types are the real ones.
  void devrev.authTokens.selfDelete({ requested_token_type: "pat" });
  return result.error ? describeError(result.error) : \`ok after \${result.attempts}\`;
}

export const tooMany: DevRevErrorOfType<"too_many_requests"> = { ...${JSON.stringify(requiredOf("too_many_requests"))}, status: 429 };
export const usage = new DevRevUsageError("bad option") satisfies TypeError;
export async function withMock(seed: MockTokenSeed): Promise<MockServer> {
  return startMockServer({ tokens: [seed] });
}
`;
}

/** A CommonJS TypeScript consumer (`.cts`), compiled to `require()` and run. */
const ctsConsumer = `import { createDevRevClient, type DevRevError } from "devrev-auth-tokens";

function label(error: DevRevError): string {
  return error.type === "too_many_requests" ? \`retry after \${error.retry_after}\` : error.type;
}

async function main(): Promise<void> {
  const devrev = createDevRevClient({
    token: process.env.CONSUMER_TOKEN,
    baseUrl: process.env.CONSUMER_BASE_URL,
  });
  const result = await devrev.authTokens.selfDelete({ requested_token_type: "${pat}" });
  console.log(JSON.stringify({
    resolved: require.resolve("devrev-auth-tokens"),
    status: result.response?.status ?? null,
    error: result.error ? label(result.error) : null,
  }));
}
void main();
`;

/** \`module: commonjs\`, as older projects have it: TypeScript 5 resolves with node10 there. */
const legacyConsumer = `import { createDevRevClient, type DevRevError } from "devrev-auth-tokens";
import { startMockServer } from "devrev-auth-tokens/testing";

export function statusOf(error: DevRevError): number | undefined {
  return "status" in error ? error.status : undefined;
}
export const client = createDevRevClient({ token: "example-token", baseUrl: "http://127.0.0.1:4010" });
export const start: typeof startMockServer = startMockServer;
`;

/** Every consumer program, by the file name it is written under in the consumer project. */
export function consumerSources(): Record<string, string> {
  return {
    "esm.mjs": esmConsumer,
    "cjs.cjs": cjsConsumer,
    "kit.mjs": kitConsumer,
    "exhaustive.ts": switchConsumer(),
    "missing-case.ts": switchConsumer("timeout"),
    "consumer.cts": ctsConsumer,
    "legacy.ts": legacyConsumer,
  };
}
