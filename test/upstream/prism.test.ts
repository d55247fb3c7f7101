/**
 * A standard mock server, Stoplight Prism, serving DevRev's *published* spec (not ours) with
 * `--errors`, so any request that breaks that spec is answered with a violation report. Our
 * client must never trip it; and Prism's own generated error bodies show the published spec's
 * pitfall that our contract avoids.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevRevClient, tokenTypes } from "../../src/index.ts";
import { portToListenOn } from "../support/ports.ts";

const root = path.resolve(import.meta.dirname, "../..");
const publishedSpec = path.join(root, "test/fixtures/devrev-published-excerpt.json");
let prism: ChildProcess | undefined;
let baseUrl = "";

beforeAll(async () => {
  const port = await portToListenOn();
  baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    path.join(root, "node_modules/.bin/prism"),
    ["mock", "--errors", "-h", "127.0.0.1", "-p", String(port), publishedSpec],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, SCARF_ANALYTICS: "false" },
    },
  );
  prism = child;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
}, 90_000);

afterAll(() => {
  prism?.removeAllListeners("exit");
  prism?.kill();
});

const client = () => createDevRevClient({ token: "prism-token-1234", baseUrl, maxRetries: 0 });

describe("Prism serving DevRev's published spec", () => {
  it("accepts every request our client sends: no argument, and each token type", async () => {
    const devrev = client();
    const results = await Promise.all([
      devrev.authTokens.selfDelete(),
      ...tokenTypes.map((type) => devrev.authTokens.selfDelete({ requested_token_type: type })),
    ]);
    expect(results).toHaveLength(tokenTypes.length + 1);
    for (const { error, response } of results) {
      expect(error).toBeUndefined();
      expect(response?.status).toBe(200);
      expect(response?.headers.get("sl-violations")).toBeNull();
    }
  });

  it("reports a request that breaks the spec (so the check above can fail)", async () => {
    // raw does not re-check bodies: this one carries a short form, which the published enum refuses.
    const { error } = await client().raw.POST("/auth-tokens.self.delete", {
      body: { requested_token_type: "pat" } as never,
    });
    expect(error?.type).toBe("unexpected_response");
    if (error?.type !== "unexpected_response") return;
    expect(error.contentType).toBe("application/problem+json");
    expect(error.bodySnippet).toContain("Request/Response not valid");
  });

  it("generates error bodies that the published spec itself rejects: the pitfall our contract avoids", async () => {
    const response = await fetch(`${baseUrl}/auth-tokens.self.delete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await response.body?.cancel();
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as {
      location: string[];
      message: string;
    }[];
    // The request had no token (a violation, as it should be)…
    expect(violations.some((v) => v.location.join(".") === "request")).toBe(true);
    // …and Prism's own 401 body, built from the published schema, fails that same schema
    // because the closed variant forbids the base's `message`.
    expect(
      violations.some(
        (v) => v.location.join(".") === "response.body" && v.message.includes("'message'"),
      ),
    ).toBe(true);
  });
});
