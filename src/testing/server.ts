/**
 * The mock over real HTTP on 127.0.0.1 (`startMockServer`): node:http in front of the core, with
 * the faults that only a socket can show (a dropped connection, an answer lost after acting).
 */
import { type IncomingMessage, type ServerResponse, type Server, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type BodyRead, Chunks } from "./request-body.js";
import { bodyOfType } from "./contract-bodies.js";
import { isLostAnswer } from "./fault-responses.js";
import { createMockCore } from "./core.js";
import type { MockCore, MockDevRev, MockDevRevOptions } from "./mock-types.js";

/**
 * Where the server listens, on top of the mock's own options.
 *
 * @example
 * await startMockServer({ port: 4010, host: "127.0.0.1", omittedTokenType: "all" });
 */
export interface MockServerOptions extends MockDevRevOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

/**
 * The mock, served over real HTTP.
 *
 * @example
 * const server = await startMockServer({ tokens });
 * await fetch(`${server.url}/auth-tokens.self.delete`, { method: "POST", ... });
 * await server.close();
 */
export interface MockServer extends MockDevRev {
  /** e.g. `http://127.0.0.1:50123`, without a trailing slash. */
  url: string;
  /** Stops listening, ends pending delays and closes every connection, idle keep-alive ones too. */
  close(): Promise<void>;
}

/**
 * Starts the mock on a node:http server (127.0.0.1 and a free port by default).
 *
 * Requests node's HTTP parser refuses (a malformed request line, headers over 16 KiB) never
 * reach the mock: they get a 400 `bad_request` and the connection is closed.
 *
 * @example
 * const server = await startMockServer({
 *   tokens: [{ value: "t0k3n-alice-pat", user: "u1", type: "urn:devrev:params:oauth:token-type:pat" }],
 * });
 * console.log(server.url); // http://127.0.0.1:50123
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = "127.0.0.1", ...mockOptions } = options;
  const core = createMockCore(mockOptions);
  const server = createServer((req, res) => void serve(core, req, res));
  server.on("clientError", refuseUnparsable);
  await listen(server, port, host);

  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const { mock } = core;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        core.endPending();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
    handle: mock.handle,
    fetch: mock.fetch,
    listTokens: mock.listTokens,
    addToken: mock.addToken,
    inject: mock.inject,
    clearFaults: mock.clearFaults,
    reset: mock.reset,
    get requests() {
      return mock.requests;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function serve(core: MockCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.on("error", () => {});
  res.on("error", () => {});
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  const { path, query } = splitTarget(req.url ?? "/");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;

  const response = await core.respond({
    method: req.method ?? "GET",
    path,
    query,
    headers,
    readBody: (limit) => readNodeBody(req, limit),
    signal: gone.signal,
  });
  // The core asks to close after refusing an oversized body it did not read to the end.
  const refusedBody = response.headers.get("connection") === "close";
  await send(res, response);
  if (refusedBody) lingerAndClose(req, res.socket);
}

/** The path and query of a request target, normalised as `new URL()` would for a Request. */
function splitTarget(target: string): { path: string; query: string } {
  try {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
      ? new URL(target)
      : new URL(`http://mock.invalid${target.startsWith("/") ? "" : "/"}${target}`);
    return { path: url.pathname, query: url.search.slice(1) };
  } catch {
    const at = target.indexOf("?");
    return at < 0
      ? { path: target, query: "" }
      : { path: target.slice(0, at), query: target.slice(at + 1) };
  }
}

/** Reads up to `limit` bytes, then pauses the request instead of draining it into memory. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks = new Chunks(limit);
    const finish = (tooLarge: boolean) => {
      req.off("data", onData).off("end", onEnd).off("error", onEnd).off("close", onEnd);
      if (tooLarge) req.pause();
      resolve({ bytes: chunks.bytes(), tooLarge });
    };
    const onData = (chunk: Buffer) => {
      if (!chunks.add(chunk)) finish(true);
    };
    const onEnd = () => finish(false);
    req.on("data", onData).once("end", onEnd).once("error", onEnd).once("close", onEnd);
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  if (isLostAnswer(response)) {
    res.socket?.destroy();
    return;
  }
  if (response.type === "error") return dropBeforeHeaders(res);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const closed = new Promise<void>((resolve) =>
    res.destroyed ? resolve() : res.once("close", () => resolve()),
  );
  let flushed: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      let accepted = true;
      flushed = new Promise((resolve) => {
        accepted = res.write(value, () => resolve());
      });
      // Backpressure: a huge body is produced only as fast as the client reads it.
      if (!accepted) await Promise.race([flushed, closed]);
    }
    res.end();
  } catch {
    // The body failed on purpose (a drop fault): let what was written reach the client, then
    // cut the connection the way a crashed upstream would.
    await Promise.race([flushed, closed]);
    res.destroy();
  }
}

/** Writes a status line and nothing more, then destroys the socket. */
function dropBeforeHeaders(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.write("HTTP/1.1 200 OK\r\n", () => socket.destroy());
  // Should the write never complete, the socket still must not outlive the request.
  setImmediate(() => socket.destroy()).unref?.();
}

/**
 * After refusing a body, reads and discards what the client is still sending for a moment
 * before closing: closing with unread data makes the kernel send a reset, which can destroy
 * the 400 before the client has read it.
 */
function lingerAndClose(req: IncomingMessage, socket: Socket | null): void {
  if (!socket || socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), 500);
  socket.once("close", () => clearTimeout(timer));
  req.resume();
}

/** Answers a request node's parser refused with a contract-shaped 400 and closes. */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(
    bodyOfType("bad_request", {
      message: `The request could not be parsed (${error.code ?? "malformed HTTP"}).`,
    }),
  );
  socket.end(
    "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n` +
      "access-control-allow-origin: *\r\naccess-control-expose-headers: Retry-After\r\n\r\n" +
      body,
  );
}
