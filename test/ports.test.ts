// The port tests use for "nothing listens here" must be one no server of a parallel test can be
// given meanwhile: the OS hands out ports for port 0 from its ephemeral range only.
import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { unusedPort } from "./support/ports.ts";

const connectError = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });

const portZero = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe("unusedPort", () => {
  it("is refused, and lies below every port the OS gave for port 0", async () => {
    const given = await Promise.all(Array.from({ length: 20 }, portZero));
    const ports = await Promise.all(Array.from({ length: 20 }, () => unusedPort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(Math.min(...given));
    }
    expect(await connectError(ports[0]!)).toBe("ECONNREFUSED");
  });

  it("skips a port something listens on, and picks again", async () => {
    const first = await unusedPort(() => 0.5);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(first, "127.0.0.1", resolve));
    try {
      const draws = [0.5, 0.25];
      expect(await unusedPort(() => draws.shift()!)).toBe(await unusedPort(() => 0.25));
      expect(draws).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
