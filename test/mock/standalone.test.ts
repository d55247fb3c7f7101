import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoTokens, runStandaloneMock } from "../../src/testing/index.ts";
import { call } from "../support/mock.ts";
import { nothingListensOn } from "../support/ports.ts";

describe("the standalone mock", () => {
  it("prints its URL and the demo tokens, serves them, and stops", async () => {
    const lines: string[] = [];
    const running = await runStandaloneMock({
      port: 0,
      log: (line) => lines.push(line),
      handleSignals: false,
    });
    const output = lines.join("\n");
    expect(output).toContain(running.server.url);
    for (const token of demoTokens) expect(output).toContain(token.value);

    const [first] = demoTokens;
    const result = await call(running.server, { token: first!.value, body: {} });
    expect(result.status).toBe(200);
    expect(running.server.listTokens(first!.user).filter((t) => t.revoked)).toHaveLength(2);

    await running.stop();
    await running.stopped;
    // Bound, not called: a request to a released port could reach another test's server.
    expect(await nothingListensOn(Number(new URL(running.server.url).port))).toBe(true);
  });

  it("refuses to start on a port in use", async () => {
    const first = await runStandaloneMock({ port: 0, log: () => {}, handleSignals: false });
    const port = Number(new URL(first.server.url).port);
    await expect(runStandaloneMock({ port, log: () => {}, handleSignals: false })).rejects.toThrow(
      /EADDRINUSE/,
    );
    await first.stop();
  });

  it("`npm run mock` (scripts/mock.ts) starts on --port and exits cleanly on Ctrl-C", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mock.ts", "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
      });
      expect((await call({ url }, { token: demoTokens[3]!.value, body: {} })).status).toBe(200);
      child.kill("SIGINT");
      // Anything left open (a socket, a timer) would keep the process alive past this.
      const timeout = new Promise((resolve) => setTimeout(() => resolve("still running"), 5000));
      expect(await Promise.race([exited, timeout])).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
