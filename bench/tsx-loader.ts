/**
 * tsx's loader for `node --import`, resolved from this file so that the child processes the
 * bench starts (the HTTP server, the load test) find it whatever the working directory.
 */

export const tsxLoader = import.meta.resolve("tsx");
