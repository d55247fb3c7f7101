// Ports on 127.0.0.1 for tests: one where nothing listens (a connection to it is refused, so the
// request is never sent), one a server of the test's own is about to listen on, and whether
// anything listens on a port.
//
// Both kinds are taken from below the range the OS hands out for port 0 (Linux: 32768–60999 by
// default, macOS and Windows: 49152–65535), never from that range: test files run in parallel,
// each starting mock servers on port 0, and a port just taken from the OS and released is one
// such server could be given a moment later. Then "nothing listens" reached a server of another
// test, took the fault that test had queued, and both failed. The two kinds come from separate
// ranges, so a refusal test never draws the port a slow-starting server (Prism) is about to take.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

const forServers = { from: 20_000, to: 24_000 };
const forRefusals = { from: 24_000 };

/** The first port the OS may hand out for port 0 (Linux tells; elsewhere 49152, RFC 6335). */
const firstEphemeralPort = ((): number => {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/);
    return Number(low);
  } catch {
    return 49_152;
  }
})();

/** True when nothing listens on `port` of 127.0.0.1: binding it succeeds (and is undone). */
export function nothingListensOn(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function pick(from: number, to: number, random: () => number): Promise<number> {
  if (!(to > from)) throw new Error(`no port below the OS's port-0 range (${to}) to pick from`);
  for (let tries = 0; tries < 100; tries++) {
    const port = from + Math.floor(random() * (to - from));
    if (await nothingListensOn(port)) return port;
  }
  throw new Error(`100 ports between ${from} and ${to - 1} were all in use`);
}

/** A port where nothing listens, for a test that expects the connection to be refused. */
export function unusedPort(random: () => number = Math.random): Promise<number> {
  return pick(forRefusals.from, Math.min(firstEphemeralPort, 32_768), random);
}

/** A free port for a server the test starts itself (a child process that takes a port number). */
export function portToListenOn(random: () => number = Math.random): Promise<number> {
  return pick(forServers.from, Math.min(forServers.to, firstEphemeralPort), random);
}
