// A port on 127.0.0.1 that nothing listens on right now: taken from the OS, then released.
// A connection to it is refused (the request is never sent); a server may then be started on it.
import { createServer } from "node:net";

export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
