/**
 * The package as users get it: built, packed once, installed from the tarball into a fresh
 * project outside the repository (so nothing resolves from the repo's node_modules), then used
 * by real consumers against the mock server: Node ESM and CommonJS, the `./testing` kit, the
 * CLI from `bin`, TypeScript 5 and 7 under every common module setting, and esbuild bundling
 * for the browser. Independent checks run concurrently; compilers share a small pool.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { errorBodies } from "../../generated/error-bodies.ts";
import { checkPackedFiles } from "../../scripts/package-files.ts";
import { type MockServer, startMockServer } from "../../src/testing/index.ts";

const root = path.resolve(import.meta.dirname, "../..");
const compilers = {
  ts5: path.join(root, "node_modules/typescript/bin/tsc"),
  ts7: path.join(root, "node_modules/typescript7/bin/tsc"),
} as const;
type Compiler = keyof typeof compilers;

const specVersion = JSON.parse(readFileSync(path.join(root, "generated/openapi.json"), "utf8"))
  .openapi as string;

const pat = "urn:devrev:params:oauth:token-type:pat";
const session = "urn:devrev:params:oauth:token-type:session";
/** One user per consumer, so consumers running at once never see each other's revocations. */
const consumers = ["esm", "cjs", "kit", "cli", "ts5-cts", "ts7-cts"] as const;
type Consumer = (typeof consumers)[number];
const userOf = (consumer: Consumer) => `don:identity:dvrv-us-1:devo/1:devu/${consumer}`;
const tokenOf = (consumer: Consumer) => `${consumer}-pat-secret`;

let scratch = "";
let project = "";
let tarball = "";
let packedFiles: string[] = [];
let version = "";
/** What npm printed on stderr while installing the tarball (its warnings included). */
let installWarnings = "";
let server: MockServer | undefined;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit (the test asserts `code`). */
function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Ran> {
  // The npm that runs the tests exports npm_config_* (its prefix, its cwd…); a nested npm
  // would inherit them and act on the repository instead of the consumer project.
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(name) && name !== "DEVREV_TOKEN") env[name] = value;
  }
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...env, ...options.env },
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, { cwd });
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** At most `slots` compilers at a time: TypeScript 5 is single-threaded and CPU-bound. */
function pool(slots: number) {
  const waiting: (() => void)[] = [];
  let busy = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (busy >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
    try {
      return await task();
    } finally {
      busy--;
      waiting.shift()?.();
    }
  };
}
const compileSlot = pool(Math.max(2, os.availableParallelism()));

/** Runs a consumer script with node and parses the JSON line it prints. */
async function runConsumer(file: string, consumer: Consumer | undefined): Promise<unknown> {
  const result = await run(process.execPath, [file], {
    cwd: project,
    env: {
      CONSUMER_BASE_URL: server!.url,
      ...(consumer ? { CONSUMER_TOKEN: tokenOf(consumer) } : {}),
    },
  });
  expect(result.stderr, `stderr of ${file}`).toBe("");
  expect(result.code, `exit code of ${file}`).toBe(0);
  return JSON.parse(result.stdout);
}

function expectPatsRevoked(consumer: Consumer): void {
  expect(
    server!
      .listTokens(userOf(consumer))
      .map(({ type, revoked }) => ({ type, revoked }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  ).toEqual([
    { type: pat, revoked: true },
    { type: pat, revoked: true },
    { type: session, revoked: false },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Consumer sources.

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

// ---------------------------------------------------------------------------------------------
// TypeScript programs: which compiler, which settings, and what must come out.

interface Program {
  name: string;
  options: Record<string, unknown>;
  files: string[];
  /** undefined: must compile cleanly; otherwise the errors that must appear (and nothing else). */
  errors?: RegExp[];
  /** Emit into out-<name>/ and run this emitted file as the given consumer. */
  runs?: { file: string; consumer: Consumer };
}

const strict = {
  strict: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom"],
  // No @types/node: the package's declarations must not need it.
  types: [],
  // Check the package's .d.ts files too (not TypeScript's own lib files).
  skipLibCheck: false,
  skipDefaultLibCheck: true,
};
const withNodeTypes = { types: ["node"], typeRoots: [path.join(root, "node_modules/@types")] };
const missingCase = [/TS2322: Type 'TimeoutError' is not assignable to type 'never'/];

/**
 * The programs one compiler builds. TypeScript 7 builds them all in a few seconds; TypeScript 5
 * (single-threaded, several seconds each) skips the two whose module resolution another of its
 * programs already covers: `preserve` (bundler resolution, as `bundler`) and `nodenext-cts`
 * (require of ESM, as `node20-cts`).
 */
function programs(compiler: Compiler): Program[] {
  const cts = (module: string): Program["options"] => ({ module, ...withNodeTypes });
  const ts7Only = new Set(["preserve", "nodenext-cts"]);
  const all: Program[] = [
    {
      name: "node16",
      options: { module: "node16", moduleResolution: "node16" },
      files: ["exhaustive.ts"],
    },
    {
      name: "bundler",
      options: { module: "esnext", moduleResolution: "bundler" },
      files: ["exhaustive.ts"],
    },
    {
      name: "preserve",
      options: { module: "preserve", moduleResolution: "bundler" },
      files: ["exhaustive.ts"],
    },
    { name: "commonjs", options: { module: "commonjs" }, files: ["legacy.ts"] },
    {
      name: "node20-cts",
      options: { ...cts("node20"), noEmit: false, outDir: `out-${compiler}` },
      files: ["consumer.cts"],
      runs: {
        file: `out-${compiler}/consumer.cjs`,
        consumer: compiler === "ts5" ? "ts5-cts" : "ts7-cts",
      },
    },
    { name: "nodenext-cts", options: cts("nodenext"), files: ["consumer.cts"] },
    {
      name: "node16-cts",
      options: { ...cts("node16"), skipLibCheck: true },
      files: ["consumer.cts"],
      // TypeScript models Node 16, which could not require() ESM; see docs-src/packaging.md.
      errors: [
        /TS1479: The current file is a CommonJS module whose imports will produce 'require' calls; however, the referenced file is an ECMAScript module/,
      ],
    },
    {
      name: "node16-missing-case",
      options: { module: "node16", moduleResolution: "node16", skipLibCheck: true },
      files: ["missing-case.ts"],
      errors: missingCase,
    },
    {
      name: "bundler-missing-case",
      options: { module: "preserve", moduleResolution: "bundler", skipLibCheck: true },
      files: ["missing-case.ts"],
      errors: missingCase,
    },
  ];
  return compiler === "ts7" ? all : all.filter((program) => !ts7Only.has(program.name));
}

interface Compiled {
  code: number;
  output: string;
}

async function writeConfig(compiler: Compiler, program: Program): Promise<string> {
  const config = path.join(project, `tsconfig.${compiler}.${program.name}.json`);
  await writeFile(
    config,
    JSON.stringify({ compilerOptions: { ...strict, ...program.options }, files: program.files }),
  );
  return config;
}

/**
 * Every TypeScript 5 program, compiled in one process (./typescript-programs.mjs): what `tsc -p`
 * would report for each, without paying for node, the compiler and the lib files' parsing once
 * per program (~18 s of CPU for seven processes, ~10 s for one).
 */
let ts5Batch: Promise<Map<string, Compiled>> | undefined;
function compileTs5(program: Program): Promise<Compiled> {
  ts5Batch ??= (async () => {
    const configs = await Promise.all(programs("ts5").map((each) => writeConfig("ts5", each)));
    const result = await compileSlot(() =>
      run(
        process.execPath,
        [
          path.join(import.meta.dirname, "typescript-programs.mjs"),
          path.join(root, "node_modules/typescript"),
          ...configs,
        ],
        { cwd: project },
      ),
    );
    if (result.code !== 0) {
      throw new Error(`typescript-programs.mjs failed (exit ${result.code}):\n${result.stderr}`);
    }
    const compiled = JSON.parse(result.stdout) as (Compiled & { config: string })[];
    return new Map(compiled.map(({ config, code, output }) => [config, { code, output }]));
  })();
  const config = path.join(project, `tsconfig.ts5.${program.name}.json`);
  return ts5Batch.then((compiled) => compiled.get(config)!);
}

/** Compiles one program as `tsc -p` does, returning its diagnostics one per line. */
async function compile(compiler: Compiler, program: Program): Promise<Compiled> {
  if (compiler === "ts5") return compileTs5(program);
  const config = await writeConfig(compiler, program);
  const result = await compileSlot(() =>
    // --singleThreaded: tests run side by side, and tsc's parallel checkers would repeat work.
    run(
      process.execPath,
      [compilers[compiler], "-p", config, "--pretty", "false", "--singleThreaded"],
      { cwd: project },
    ),
  );
  return { code: result.code, output: `${result.stdout}${result.stderr}`.trim() };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "devrev-auth-tokens-consumers-"));
  server = await startMockServer({
    tokens: consumers.flatMap((consumer) => [
      { value: tokenOf(consumer), user: userOf(consumer), type: pat },
      { value: `${consumer}-pat-secret-2`, user: userOf(consumer), type: pat },
      { value: `${consumer}-session-secret`, user: userOf(consumer), type: session },
    ]),
  });

  // `npm test` (scripts/test.ts) builds dist/ from this source in its first phase
  // (check:package) and says so in DEVREV_AUTH_TOKENS_DIST_BUILT; building again here would
  // spend ~5 s of CPU on the same files. Run any other way, this file builds.
  if (process.env.DEVREV_AUTH_TOKENS_DIST_BUILT !== "1") {
    await mustRun("npm", ["run", "--silent", "build"], root);
  }
  // The build ran; --ignore-scripts keeps `prepack` from building again into the JSON.
  const [packed] = JSON.parse(
    await mustRun(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch],
      root,
    ),
  ) as { filename: string; version: string; files: { path: string }[] }[];
  tarball = path.join(scratch, packed!.filename);
  packedFiles = packed!.files.map((file) => file.path);
  version = packed!.version;

  project = path.join(scratch, "consumer");
  await mkdir(project);
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  // At npm's default log level, so an engine warning (EBADENGINE) would show.
  const install = await run(
    "npm",
    ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline"],
    { cwd: project },
  );
  if (install.code !== 0) {
    throw new Error(`npm install of the tarball failed (exit ${install.code}):\n${install.stderr}`);
  }
  installWarnings = install.stderr;
  await Promise.all(
    Object.entries({
      "esm.mjs": esmConsumer,
      "cjs.cjs": cjsConsumer,
      "kit.mjs": kitConsumer,
      "exhaustive.ts": switchConsumer(),
      "missing-case.ts": switchConsumer("timeout"),
      "consumer.cts": ctsConsumer,
      "legacy.ts": legacyConsumer,
    }).map(([name, source]) => writeFile(path.join(project, name), source)),
  );
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe.concurrent("the installed tarball", () => {
  describe("the tarball", () => {
    it("holds only the build, the contract, the CLI launcher and the manifest", () => {
      expect(checkPackedFiles(packedFiles)).toEqual({ unexpected: [], missing: [] });
      expect(packedFiles.filter((file) => /(^|\/)(test|scripts)\//.test(file))).toEqual([]);
    });

    it(`installs on this Node (${process.version}) without an engine warning`, () => {
      expect(installWarnings).not.toMatch(/EBADENGINE|Unsupported engine/);
    });
  });

  describe.concurrent("JavaScript consumers of the installed tarball", () => {
    it("Node ESM: import revokes tokens and narrows a server error", async () => {
      const out = (await runConsumer("esm.mjs", "esm")) as Record<string, unknown>;
      expect(out).toEqual({
        resolved: expect.stringContaining(
          `${project}/node_modules/devrev-auth-tokens/dist/index.js`,
        ),
        revoked: { status: 200, attempts: 1, error: null },
        unknown: { status: 401, attempts: 1, error: { type: "unauthenticated", status: 401 } },
        usage: "DevRevUsageError",
        isTokenType: true,
        deep: "ERR_PACKAGE_PATH_NOT_EXPORTED",
        yaml: {
          resolved: expect.stringContaining(
            `${project}/node_modules/devrev-auth-tokens/openapi/devrev-auth-tokens.yaml`,
          ),
          openapi: specVersion,
          path: true,
        },
        msw: "ERR_MODULE_NOT_FOUND msw",
      });
      expectPatsRevoked("esm");
    });

    it("CommonJS: require() of the ESM-only package revokes tokens (Node's require(esm))", async () => {
      const out = (await runConsumer("cjs.cjs", "cjs")) as Record<string, unknown>;
      expect(out).toEqual({
        resolved: `${project}/node_modules/devrev-auth-tokens/dist/index.js`,
        revoked: { status: 200, attempts: 1, error: null },
        usage: "DevRevUsageError",
        testing: "function",
        version,
        specPaths: ["/auth-tokens.self.delete"],
      });
      expectPatsRevoked("cjs");
    });

    it("devrev-auth-tokens/testing: the mock kit works from the tarball", async () => {
      expect(await runConsumer("kit.mjs", "kit")).toEqual({
        overHttp: { status: 200, attempts: 1, error: null },
        revokedOverHttp: [true],
        inMemory: { status: 200, attempts: 1, error: null },
        revokedInMemory: [true],
        againstRepoServer: { status: 200, attempts: 1, error: null },
        tokenTypes: operations["auth-tokens-self-delete"].requestEnums.requested_token_type.length,
        resolved: expect.stringContaining(
          `${project}/node_modules/devrev-auth-tokens/dist/src/testing/index.js`,
        ),
      });
      expectPatsRevoked("kit");
    });

    it("the CLI from bin: npx devrev-auth-tokens --version, and self-delete revokes", async () => {
      // `--no`: never fetch the name from the registry; `--`: the rest is the CLI's.
      const npx = (args: string[], env?: Record<string, string>) =>
        run("npx", ["--no", "--", "devrev-auth-tokens", ...args], {
          cwd: project,
          ...(env ? { env } : {}),
        });
      const [versionRun, revokeRun] = await Promise.all([
        npx(["--version"]),
        // self-delete loads the built CLI (dist/src/cli/main.js) from the tarball, with no tsx.
        npx(["self-delete", "--type", "pat", "--base-url", server!.url, "--json", "--quiet"], {
          DEVREV_TOKEN: tokenOf("cli"),
        }),
      ]);
      expect(versionRun).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
      expect(revokeRun.stderr).toBe("");
      expect(revokeRun.code).toBe(0);
      expect(JSON.parse(revokeRun.stdout)).toMatchObject({ ok: true, type: pat });
      expectPatsRevoked("cli");
    });

    it("bundles for the browser from the tarball: no Node built-in, no testing kit", async () => {
      const result = await esbuild.build({
        stdin: {
          contents: 'export { createDevRevClient } from "devrev-auth-tokens";',
          resolveDir: project,
        },
        absWorkingDir: project,
        bundle: true,
        platform: "browser",
        format: "esm",
        minify: true,
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs).toContain("node_modules/devrev-auth-tokens/dist/index.js");
      expect(inputs.filter((input) => input.includes("/testing/"))).toEqual([]);
      const code = result.outputFiles[0]!.text;
      expect(code).not.toMatch(/["']node:/);
      const gzip = gzipSync(code, { level: 9 }).length;
      console.log(`browser bundle from the tarball: ${code.length} B minified, ${gzip} B gzip -9`);
    });

    it("ajv, a dependency for the CLI's verify alone, is in no library entry point's imports", async () => {
      /** Every file an entry point imports, dependencies included (msw, not installed, left out). */
      const graph = async (specifier: string) => {
        const result = await esbuild.build({
          stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: project },
          absWorkingDir: project,
          bundle: true,
          platform: "node",
          format: "esm",
          external: ["msw", "msw/*"],
          write: false,
          metafile: true,
          logLevel: "silent",
        });
        return Object.keys(result.metafile.inputs);
      };
      const loadsAjv = async (specifier: string) =>
        (await graph(specifier)).some((input) => input.startsWith("node_modules/ajv/"));
      const entries = [
        "devrev-auth-tokens",
        "devrev-auth-tokens/testing",
        "devrev-auth-tokens/testing/msw",
      ];
      expect(await Promise.all(entries.map(loadsAjv))).toEqual(entries.map(() => false));
      // What does load it, so the check above can fail: the CLI's verify command.
      expect(await loadsAjv("./node_modules/devrev-auth-tokens/dist/src/cli/verify.js")).toBe(true);
    });
  });

  describe.concurrent("TypeScript consumers of the installed tarball", { timeout: 120_000 }, () => {
    for (const compiler of Object.keys(compilers) as Compiler[]) {
      for (const program of programs(compiler)) {
        const title = program.errors
          ? `${compiler} ${program.name}: fails to compile as it must`
          : `${compiler} ${program.name}: compiles with --strict${program.runs ? ", and runs" : ""}`;
        it(title, async () => {
          const { code, output } = await compile(compiler, program);
          if (!program.errors) {
            expect(output).toBe("");
            expect(code).toBe(0);
          } else {
            expect(code).not.toBe(0);
            const lines = output.split("\n");
            for (const pattern of program.errors) expect(output).toMatch(pattern);
            // Nothing but the expected errors: the rest of the program type-checks.
            expect(lines.filter((line) => !program.errors!.some((p) => p.test(line)))).toEqual([]);
          }
          if (program.runs) {
            const out = await runConsumer(program.runs.file, program.runs.consumer);
            expect(out).toEqual({
              resolved: `${project}/node_modules/devrev-auth-tokens/dist/index.js`,
              status: 200,
              error: null,
            });
            expectPatsRevoked(program.runs.consumer);
          }
        });
      }
    }
  });
});
