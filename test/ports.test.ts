// The ports tests use must be ones no server of a parallel test can be given meanwhile: the OS
// hands out ports for port 0 from its ephemeral range only, so these come from below it.
import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { nothingListensOn, portToListenOn, unusedPort } from "./support/ports.ts";

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

const listening = async (port: number) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
};

describe("ports for tests", () => {
  it("unusedPort is refused, and lies below every port the OS gave for port 0", async () => {
    const given = await Promise.all(Array.from({ length: 20 }, portZero));
    const ports = await Promise.all(Array.from({ length: 20 }, () => unusedPort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(24_000);
      expect(port).toBeLessThan(Math.min(...given));
    }
    expect(await connectError(ports[0]!)).toBe("ECONNREFUSED");
  });

  it("portToListenOn comes from a range of its own, below unusedPort's", async () => {
    const servers = await Promise.all(Array.from({ length: 20 }, () => portToListenOn()));
    const lowestRefusal = await unusedPort(() => 0);
    for (const port of servers) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(lowestRefusal);
    }
  });

  it("skips a port something listens on, and picks again", async () => {
    const first = await unusedPort(() => 0.5);
    const close = await listening(first);
    try {
      const draws = [0.5, 0.25];
      expect(await unusedPort(() => draws.shift()!)).toBe(await unusedPort(() => 0.25));
      expect(draws).toEqual([]);
    } finally {
      await close();
    }
  });

  it("nothingListensOn tells a listening port from a free one", async () => {
    const port = await portToListenOn();
    expect(await nothingListensOn(port)).toBe(true);
    const close = await listening(port);
    try {
      expect(await nothingListensOn(port)).toBe(false);
    } finally {
      await close();
    }
    expect(await nothingListensOn(port)).toBe(true);
  });
});
