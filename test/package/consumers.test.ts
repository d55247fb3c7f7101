/**
 * The package as users get it: built, packed once, installed from the tarball into a fresh
 * project outside the repository (so nothing resolves from the repo's node_modules), then used
 * by real consumers against the mock server: Node ESM and CommonJS, the `./testing` kit, the
 * CLI from `bin`, TypeScript 5 and 7 under every common module setting, and esbuild bundling
 * for the browser. Independent checks run concurrently. The consumer programs are in
 * programs.ts, their TypeScript builds in typescript.ts, packing and installing in run.ts.
 */
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/constants.ts";
import { checkPackedFiles } from "../../scripts/package-files.ts";
import { type MockServer, startMockServer } from "../../src/testing/index.ts";
import { type Consumer, consumerSources, consumers, pat, session } from "./programs.ts";
import { makeScratch, packAndInstall, run } from "./run.ts";
import {
  compilers,
  programs,
  typeScriptIn,
  type Compiled,
  type Compiler,
  type Program,
} from "./typescript.ts";

const root = path.resolve(import.meta.dirname, "../..");
const specVersion = JSON.parse(readFileSync(path.join(root, "generated/openapi.json"), "utf8"))
  .openapi as string;

const userOf = (consumer: Consumer) => `don:identity:dvrv-us-1:devo/1:devu/${consumer}`;
const tokenOf = (consumer: Consumer) => `${consumer}-pat-secret`;

let scratch = "";
let project = "";
let packedFiles: string[] = [];
let version = "";
/** What npm printed on stderr while installing the tarball (its warnings included). */
let installWarnings = "";
let server: MockServer | undefined;
let compile: (compiler: Compiler, program: Program) => Promise<Compiled>;

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

beforeAll(async () => {
  scratch = await makeScratch();
  server = await startMockServer({
    tokens: consumers.flatMap((consumer) => [
      { value: tokenOf(consumer), user: userOf(consumer), type: pat },
      { value: `${consumer}-pat-secret-2`, user: userOf(consumer), type: pat },
      { value: `${consumer}-session-secret`, user: userOf(consumer), type: session },
    ]),
  });
  ({ project, packedFiles, version, installWarnings } = await packAndInstall(scratch));
  ({ compile } = typeScriptIn(project));
  await Promise.all(
    Object.entries(consumerSources()).map(([name, source]) =>
      writeFile(path.join(project, name), source),
    ),
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
