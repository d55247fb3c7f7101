/**
 * A client's configuration: the options of `createDevRevClient` checked once (options.ts says
 * which names exist and how each is checked), and turned into what every call uses: the token
 * source, the base URL with its transport security, the call settings, the `fetch`, the logger.
 */
import { authorizationSource, checkedToken, tokenSourceFrom, type TokenSource } from "./auth.js";
import { checkedBaseUrl, checkTransportSecurity } from "./base-url.js";
import { DevRevUsageError } from "./errors.js";
import { createLog, type Log, type Logger } from "./log.js";
import {
  type CallSettings,
  checkedNames,
  checkedSettings,
  clientOptionNames,
  defaultSettings,
} from "./options.js";
import { checkedFlag, checkedFunction, checkedHeaders } from "./validate.js";

/** A client's options, checked once. */
export interface ClientConfig {
  authorization: () => string | Promise<string>;
  baseUrl: URL;
  allowInsecureHttp: boolean;
  settings: CallSettings;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** The token, when it is fixed (a string, or DEVREV_TOKEN): hidden from every message. */
  knownToken: string[];
  headers: Record<string, string>;
  log: Log;
}

/**
 * The options of `createDevRevClient`, checked: unknown names, `null`, and `undefined` where it
 * would choose a credential or a server, are refused, as is every bad value.
 */
export function checkedClientOptions(given: unknown, defaultBaseUrl: string): ClientConfig {
  const options = checkedNames("createDevRevClient", given, clientOptionNames, clientOptionNames);
  for (const [name, fallback] of [
    ["token", "to read DEVREV_TOKEN"],
    ["baseUrl", `for ${defaultBaseUrl}`],
  ] as const) {
    if (name in options && options[name] === undefined)
      throw new DevRevUsageError(
        `createDevRevClient: ${name} is undefined (a value that was not set?); give it, or leave the option out ${fallback}.`,
      );
  }
  const { fetch, logger, logLevel } = options;
  const allowInsecureHttp = checkedFlag("allowInsecureHttp", options.allowInsecureHttp);
  // A fixed token is checked now; a function's answer is checked on each attempt.
  const source = tokenSourceFrom(options.token as TokenSource | undefined);
  const authorization = authorizationSource(source);
  const baseUrl = checkedBaseUrl(options.baseUrl ?? defaultBaseUrl);
  checkTransportSecurity(baseUrl, allowInsecureHttp);
  const custom = checkedFunction("fetch", fetch as ClientConfig["fetch"] | undefined);
  return {
    authorization,
    baseUrl,
    allowInsecureHttp,
    settings: checkedSettings(options, defaultSettings),
    fetch: custom ?? ((input, init) => globalThis.fetch(input, init)),
    knownToken: typeof source === "string" ? [checkedToken(source)] : [],
    headers: checkedHeaders(options.headers),
    log: createLog(logger as Logger | undefined, logLevel),
  };
}
