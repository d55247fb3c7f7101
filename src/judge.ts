/**
 * Judging an answer against the operation's contract. A success goes on to openapi-fetch; a
 * contract error is labelled with its `type` only when that type belongs to its status; anything
 * else is an `unexpected_response` keeping a bounded snippet. Bodies are read with a size bound.
 */
import { maxErrorBodyBytes, maxSuccessBodyBytes, readBounded, snippetOf } from "./body.js";
import type { UnexpectedReason, UnexpectedResponse } from "./errors.js";
import { redact } from "./redact.js";
import { serverAskedMs } from "./retry.js";
import { isRecord } from "./validate.js";

/** What the generated constants say about one operation. */
export interface OperationContract {
  readonly successStatuses: readonly number[];
  readonly successStatusesWithBody: readonly number[];
  readonly errorTypesByStatus: { readonly [status: string]: readonly string[] };
}

/** An error before it is typed for its operation (the client does that, from the contract). */
export type AnyError = { type: string; status?: number; [field: string]: unknown };

/**
 * An error as a caller gets it: every token the call used removed, in every spelling, and only
 * then a body cut to its snippet.
 */
export function sealed(error: AnyError, secrets: Iterable<string>): AnyError {
  const clean = redact(error, secrets);
  if (typeof clean.bodySnippet === "string") clean.bodySnippet = snippetOf(clean.bodySnippet);
  return clean;
}

/** A success to hand to openapi-fetch, or the error that ends the attempt. */
export type Judgement =
  | { ok: true; forward: Response }
  | {
      ok: false;
      error: AnyError & { status: number };
      /** What was read of the body (bounded), so the answer can be shown to middleware again. */
      text: string;
    };

/** Ends the judgement with an `unexpected_response`. */
function unexpected(
  reason: UnexpectedReason,
  response: Response,
  text: string,
  message: string,
): Judgement {
  const location = response.headers.get("location");
  const error: UnexpectedResponse = {
    type: "unexpected_response",
    message,
    reason,
    status: response.status,
    contentType: response.headers.get("content-type") ?? undefined,
    // Cut to a snippet only once the secrets are out (see `sealed`): cut first, a token that
    // straddles the cut would leave its first half behind.
    bodySnippet: text,
    ...(location ? { location } : {}),
  };
  return { ok: false, error: error as UnexpectedResponse & AnyError, text };
}

/** The value of a JSON text; `undefined` (which JSON cannot express) when it is not JSON. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the function ends without a value.
  }
}

/**
 * Reads an answer (bounded) and decides whether it is a success, a contract error or neither.
 *
 * - A redirect is never followed (the token stays with the origin it was meant for).
 * - A JSON success body goes on to openapi-fetch, which parses it; it is checked here first so a
 *   proxy's HTML page on 200 becomes an error rather than a parser exception.
 * - A success the contract declares without a body ("200, no body"), or a 204 standing in for
 *   it (servers and gateways say "done, nothing to add" either way), may come with
 *   nothing or a JSON object such as `{}` (many gateways, and other DevRev endpoints, answer "no
 *   content" so). Anything else (a captive portal's HTML on 200, a JSON string or array) is not
 *   DevRev's answer, so nothing can be assumed about the tokens.
 * - An error answer is a contract error only when its status and `type` agree with the contract.
 */
export async function judge(
  response: Response,
  contract: OperationContract,
  signal?: AbortSignal,
): Promise<Judgement> {
  const { status } = response;
  const { successStatuses, successStatusesWithBody } = contract;
  const withBody = successStatusesWithBody.includes(status);
  // A 204 stands in for a success only if the contract has one without a body.
  const emptySuccess =
    !withBody &&
    (successStatuses.includes(status) ||
      (status === 204 && successStatuses.length > successStatusesWithBody.length));
  const redirect = response.type === "opaqueredirect" || (status >= 300 && status < 400);
  if (
    redirect ||
    (emptySuccess && (status === 204 || response.headers.get("content-length") === "0"))
  ) {
    // A redirect's body is dropped unread (not awaited: a tee'd stream's cancel settles only with
    // every branch). An empty success has nothing to drop, and touching its body would build a
    // stream on every call.
    if (redirect) response.body?.cancel().catch(() => {});
    return redirect
      ? unexpected(
          "redirect",
          response,
          "",
          `Redirect (${status}) not followed, so the token stays with its origin.`,
        )
      : // openapi-fetch reads no body of a 204 or a "content-length: 0".
        { ok: true, forward: response };
  }
  const limit = withBody ? maxSuccessBodyBytes : maxErrorBodyBytes;
  const { text, truncated } = await readBounded(response, limit, signal);
  if (truncated) {
    return unexpected(
      "body_too_large",
      response,
      text,
      `The ${status} body is over the ${limit} bytes the client reads.`,
    );
  }
  if (emptySuccess) {
    // An empty body is not parsed: a parse error thrown on every call costs more than the call.
    if (text.trim() === "") return emptyDone(status);
    const body = parsedJson(text);
    // "No content" as gateways say it ({}, {"ok":true}), but not an error told with a 2xx:
    // an object with an error's `type` or an `error` field says nothing was done, or might not.
    return isRecord(body) && !("type" in body || "error" in body || "errors" in body)
      ? emptyDone(status)
      : unexpected(
          "body_on_empty_success",
          response,
          text,
          `A ${status} should have no body; this is neither empty nor a JSON object without an error's fields (a proxy's page?): nothing is known of the tokens.`,
        );
  }
  const body = parsedJson(text);
  const allowed = contract.errorTypesByStatus[status];
  if (!withBody && !allowed) {
    return unexpected(
      "status_not_in_contract",
      response,
      text,
      `Status ${status} is not in this operation's contract.`,
    );
  }
  if (body === undefined) {
    return unexpected(
      "not_json",
      response,
      text,
      `The ${status} body is not JSON (content type ${response.headers.get("content-type") ?? "none"}).`,
    );
  }
  if (withBody)
    return { ok: true, forward: new Response(text, { status, headers: response.headers }) };
  const type = isRecord(body) ? body.type : undefined;
  // Stryker disable next-line ConditionalExpression: `allowed` holds only strings, so a type that is not a string is never included; the typeof test only narrows the type for tsc.
  if (typeof type !== "string" || !allowed!.includes(type)) {
    return unexpected(
      "type_not_for_status",
      response,
      text,
      `A ${status} body must have type ${allowed!.join(" | ")}; got ${typeof type === "string" ? JSON.stringify(type) : "none"}.`,
    );
  }
  const retryAfterMs = serverAskedMs(response, body);
  return {
    ok: false,
    text,
    error: {
      ...(body as { type: string }),
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  };
}

/** The success openapi-fetch gets for an answer the contract says has no body. */
const emptyDone = (status: number): Judgement => ({
  ok: true,
  forward: new Response(null, { status, headers: { "content-length": "0" } }),
});
