// The CLI's other commands, each run as a process, as a user would; the main
// help, which only prints, runs the CLI's main() in process (--version spawns the launcher,
// whose own fast path answers it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands.ts";
import { exitCodes } from "../../src/cli/exit-codes.ts";
import { defaultMaxRetries, retryableStatuses } from "../../src/retry.ts";
import { tokenTypes } from "../../src/token-types.ts";
import { root, run, runCli, runMain } from "./run.ts";

const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  version: string;
};
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe.concurrent("devrev-auth-tokens", () => {
  it("--help names the commands and the exit codes", async () => {
    const result = await runMain(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`devrev-auth-tokens ${version}`);
    for (const command of ["self-delete --type <type>", "demo", "mock [--port 4010]"])
      expect(result.stdout).toContain(command);
    for (const code of ["0", "1", "2", "3", "130"])
      expect(result.stdout).toMatch(new RegExp(`^ {2}${code} +\\S`, "m"));
  });

  it("every command's help lists the usage and internal-error codes main returns for any command", async () => {
    for (const command of commands) {
      const result = await runMain(["help", command.name]);
      expect(result.code).toBe(0);
      for (const code of [exitCodes.usage, exitCodes.internal])
        expect(result.stdout, command.name).toMatch(new RegExp(`^ {2}${code} +\\S`, "m"));
    }
  });

  it("self-delete's help states the retry policy retry.ts holds", async () => {
    const result = await runMain(["help", "self-delete"]);
    expect(result.stdout).toContain(`Retries on ${retryableStatuses.join(", ")},`);
    expect(result.stdout).toContain(`default ${defaultMaxRetries}`);
  });

  it("--version prints the package's version", async () => {
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("npm start runs the demo: revocation, a 429 waited out, a narrowed error; exit 0", async () => {
    const result = await run(npm, ["start", "--silent"], { timeoutMs: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const steps = [
      "Mock DevRev server listening on http://127.0.0.1:",
      "1. Revoke alice's personal access tokens (pat)",
      "→ ok: HTTP 200 after 1 attempt.",
      "2. A rate limit, waited out",
      `rate limited by the server; retrying in 1 s (attempt 2 of ${defaultMaxRetries + 1})`,
      "→ ok: HTTP 200 after 2 attempts",
      "3. An unknown type, refused by the server with a narrowed error",
      'error.type "invalid_enum_value", error.status 400',
      `error.allowed_values lists ${tokenTypes.length} token types`,
      "Done: 4 requests reached the mock.",
      // What to run next works from a clone, where the command is not on PATH.
      "npx devrev-auth-tokens mock",
    ];
    let at = 0;
    for (const step of steps) {
      const found = result.stdout.indexOf(step, at);
      expect(found, `"${step}" in order in:\n${result.stdout}`).toBeGreaterThanOrEqual(0);
      at = found;
    }
  });

  it("mock runs the server standalone until Ctrl-C", async () => {
    let answered: number | undefined;
    const result = await runCli(["mock", "--port", "0"], {
      onSpawn: (child) => {
        let seen = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const url = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
          if (!url || !seen.includes("Press Ctrl-C")) return;
          seen = "";
          void fetch(`${url}/auth-tokens.self.delete`, {
            method: "POST",
            headers: { authorization: "Bearer demo-alice-pat", "content-type": "application/json" },
            body: JSON.stringify({
              requested_token_type: "urn:devrev:params:oauth:token-type:pat",
            }),
          }).then((response) => {
            answered = response.status;
            child.kill("SIGINT");
          });
        });
      },
    });
    expect(answered).toBe(200);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("SIGINT: stopping the mock DevRev server.");
  });
});
