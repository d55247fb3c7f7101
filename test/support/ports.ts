// A port on 127.0.0.1 that nothing listens on: a connection to it is refused (the request is
// never sent), or a server may be started on it.
//
// It is taken from below the range the OS hands out for port 0 (Linux: 32768–60999 by default,
// macOS and Windows: 49152–65535), never from that range: test files run in parallel, each
// starting mock servers on port 0, and a port just taken from the OS and released is one such
// server could be given a moment later. Then "nothing listens" reached a server of another test,
// took the fault that test had queued, and both failed.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

const lowest = 20_000;

/** The first port the OS may hand out for port 0 (Linux tells; elsewhere 49152, RFC 6335). */
function firstEphemeralPort(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/);
    return Number(low);
  } catch {
    return 49_152;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function unusedPort(random: () => number = Math.random): Promise<number> {
  const end = Math.min(firstEphemeralPort(), 32_768);
  if (!(end > lowest)) throw new Error(`no port below the OS's port-0 range (${end}) to pick from`);
  for (let tries = 0; tries < 100; tries++) {
    const port = lowest + Math.floor(random() * (end - lowest));
    if (await isFree(port)) return port;
  }
  throw new Error(`100 ports between ${lowest} and ${end - 1} were all in use`);
}
