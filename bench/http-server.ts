/**
 * The server of row 1: the least a server can do for `POST /auth-tokens.self.delete`, so that
 * per-call differences are the clients'. It reads (and drops) the body, answers 200 with an
 * empty body and keeps the connection alive. It runs in its own process (see `spawnServer`) so
 * that its work does not share the clients' event loop: on 2 cores client and server then run
 * side by side, and a client's cost is not diluted by the server's.
 *
 * Run directly (`node --import tsx bench/http-server.ts`), it prints its URL and serves until
 * its stdin closes.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { tsxLoader } from "./tsx-loader.js";

function serve(): void {
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const ok = req.method === "POST" && req.url === "/auth-tokens.self.delete";
    req.resume();
    req.once("end", () => {
      res.writeHead(ok ? 200 : 404, { "content-length": "0" });
      res.end();
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`http://127.0.0.1:${port}\n`);
  });
  // The parent closing our stdin (or dying) ends the server: nothing is left behind.
  process.stdin.resume();
  process.stdin.once("end", () => {
    server.close();
    server.closeAllConnections();
    process.stdin.pause();
  });
}

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the server in a child process and resolves with its URL. */
export function spawnServer(): Promise<BenchServer> {
  const child = spawn(process.execPath, ["--import", tsxLoader, fileURLToPath(import.meta.url)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout!.setEncoding("utf8").once("data", (line: string) =>
      resolve({
        url: line.trim(),
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.stdin!.end();
          }),
      }),
    );
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
