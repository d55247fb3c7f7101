/**
 * Which failures may have been acted on by the server, and which are a caller's bug. An attempt
 * is *uncertain* when the server may have acted on it and the answer that would say so was lost: revoking is done, and the retry's
 * answer then speaks about a world the first attempt already changed (a 401, when the call
 * revoked its own token). These pure functions decide which failures are uncertain, and which
 * thrown errors are a caller's bug rather than the network's.
 */

/**
 * Whether an answer with this status may come after the server acted. A 500, 502 or 504 can
 * follow work that was done (the upstream acted, then its answer broke); a 429 or 503 says the
 * request was turned away, and a 501 or 505 that it was never understood.
 *
 * @example
 * ```ts
 * isUncertainStatus(502); // true
 * isUncertainStatus(503); // false
 * ```
 */
export function isUncertainStatus(status: number): boolean {
  return status >= 500 && status <= 599 && status !== 501 && status !== 503 && status !== 505;
}

/**
 * Whether an answer outside the contract may have come after the server acted: a 5xx that is
 * not the contract's error for its status was written by someone else (a proxy, a gateway, a
 * load balancer) who may have forwarded the request first, 503 included; so may a 2xx that is
 * not the contract's success. A 303 See Other is how a server says it processed a POST and
 * points elsewhere for the result (RFC 9110 §15.4.4), and a browser hides which redirect it got
 * (status 0). A contract error is judged by {@link isUncertainStatus}.
 *
 * @example
 * ```ts
 * isUncertainAnswer(503, false); // true: "upstream connect error" from a proxy
 * isUncertainAnswer(503, true); // false: the contract's service_unavailable
 * ```
 */
export function isUncertainAnswer(status: number, fromContract: boolean): boolean {
  if (fromContract) return isUncertainStatus(status);
  return (
    (status >= 500 && status <= 599) ||
    (status >= 200 && status <= 299) ||
    status === 303 ||
    status === 0
  );
}

/**
 * Whether a failed call may nonetheless have done what it asked: an attempt's answer was lost
 * after the server may have acted (a timeout, a dropped connection, a 500/502/504, an answer an
 * intermediary wrote, an abort in flight). For `selfDelete` that means the tokens may be
 * revoked although the result is an error: check (e.g. whether the calling token still works)
 * before reporting a refusal.
 *
 * @example
 * ```ts
 * const result = await devrev.authTokens.selfDelete(body);
 * if (result.error && isOutcomeUncertain(result)) console.warn("may already be revoked");
 * ```
 */
export function isOutcomeUncertain(result: {
  error?: unknown;
  history: readonly { type: string; uncertain?: true }[];
}): boolean {
  return result.error !== undefined && result.history.some((record) => record.uncertain);
}

// What runtimes report when the connection was never made, so the request was never written:
// refused, no route, no such host, a TLS certificate refused (Node/undici codes such as
// ECONNREFUSED, ENOTFOUND, EAI_AGAIN, EHOSTUNREACH, UND_ERR_CONNECT_TIMEOUT, CERT_HAS_EXPIRED;
// Bun's ConnectionRefused and FailedToOpenSocket; the words Deno and browsers use). CERT covers
// the SELF_SIGNED codes; "conn(ection ?)?refused" covers ECONNREFUSED, ConnectionRefused and
// "connection refused". A port fetch blocks ("bad port") or a URL it cannot parse fails before
// any connection is tried; a TLS handshake that fails ("socket disconnected before secure TLS
// connection was established", "wrong version number" from a plain-http port) ends before the
// request, which is only written once the handshake is done.
const unsent =
  /bad port|invalid url|ERR_INVALID_URL|before secure TLS connection|wrong version number|handshake|conn(ection ?)?refused|ENOTFOUND|EAI_|E(HOST|NET)UNREACH|EADDRNOTAVAIL|CONNECT_TIMEOUT|FailedToOpenSocket|CERT|UNABLE_TO_|getaddrinfo|dns error|failed to lookup|os error 111|unable to connect/i;

/**
 * Whether a failed `fetch` surely never wrote the request: the connection was not made. Anything
 * else (a reset, "other side closed", a browser's opaque "Failed to fetch") may have come after
 * the server got the request, so it counts as uncertain.
 *
 * @example
 * ```ts
 * const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
 * wasSurelyNotSent(refused); // true
 * wasSurelyNotSent(new TypeError("Failed to fetch")); // false: a browser does not say
 * ```
 */
export function wasSurelyNotSent(error: unknown): boolean {
  for (let link = error, depth = 0; link && depth < 5; depth++) {
    const { code, message, cause } = link as { code?: unknown; message?: unknown; cause?: unknown };
    if (unsent.test(`${code} ${message}`)) return true;
    link = cause;
  }
  return false;
}

// What engines say when code is wrong, as opposed to what `fetch` says when a network is.
const programmingTypeError =
  /is not (a function|a constructor|iterable|defined)|cannot (read|set) propert|cannot destructure|(undefined|null) is not|(read|sett)ing '/i;

/**
 * Whether a `fetch` rejected because of a bug in the `fetch` the caller passed (a
 * `ReferenceError`, calling what is not a function) rather than a network failure. Such an error
 * is thrown back to the caller: retrying a bug only hides it as a "network error".
 *
 * @example
 * ```ts
 * isProgrammingError(new ReferenceError("agent is not defined")); // true
 * isProgrammingError(new TypeError("fetch failed")); // false
 * ```
 */
export function isProgrammingError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (/^(Reference|Syntax|Range|Eval|URI)Error$/.test(error.name) ||
      (error.name === "TypeError" && programmingTypeError.test(error.message)))
  );
}

/** What the runtime said about a failure, e.g. `"ECONNREFUSED: connect ECONNREFUSED …"`. */
export function describeCause(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message)
    return cause.code && !cause.message.includes(cause.code)
      ? `${cause.code}: ${cause.message}`
      : cause.message;
  return error instanceof Error ? error.message : undefined;
}
