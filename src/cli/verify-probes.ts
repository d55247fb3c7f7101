/**
 * The requests `devrev-auth-tokens verify` may send, and nothing else. A probe that carries the
 * caller's real token must not be able to revoke anything, so its body is a `ProbeBody`, which
 * only this module can make and which always holds a `requested_token_type` that is no token
 * type (a known type would revoke those tokens; an omitted one revokes what the server picks).
 */
import { shortTokenType, tokenTypes } from "../token-types.js";

/** How long each probe may take unless `--timeout` says otherwise. */
export const verifyDefaultTimeoutMs = 30_000;

/**
 * A token type no server can know: outside both URN namespaces of the real ones, so neither a
 * type DevRev adds later nor a lenient match on case or short forms can ever make it one.
 */
export const probeTokenType = "urn:devrev-auth-tokens:verify:not-a-token-type";

/** Every spelling that could name a known token type: URNs and short forms, trimmed, any case. */
function couldNameAType(value: string): boolean {
  // Any case: a server might read types case-insensitively, and a probe must revoke nothing.
  const wanted = value.trim().toLowerCase();
  return tokenTypes.some(
    (type) => type.toLowerCase() === wanted || shortTokenType(type).toLowerCase() === wanted,
  );
}

/** Thrown when a body could revoke tokens; never caught: it is a bug in a probe. */
export class UnsafeProbeError extends Error {
  override name = "UnsafeProbeError";
}

/**
 * The raw text of a request body that cannot revoke a token. Its constructor is private: the
 * only bodies are those the static makers below return, each checked by `assertCannotRevoke`.
 */
export class ProbeBody {
  private constructor(readonly text: string) {
    assertCannotRevoke(text);
  }

  /** `{"requested_token_type": <value>}` for a value that names no token type. */
  static withTokenType(value: string | number): ProbeBody {
    return new ProbeBody(JSON.stringify({ requested_token_type: value }));
  }

  /** A body cut short before its closing brace: not JSON, though it names an unknown type. */
  static truncated(): ProbeBody {
    return new ProbeBody(JSON.stringify({ requested_token_type: probeTokenType }).slice(0, -1));
  }
}

/**
 * Throws unless `text` names a `requested_token_type` that is no token type: as JSON it must be
 * an object whose `requested_token_type` is present and names no type; text that is not JSON
 * must still carry the field, so that even a lenient parser reading it finds no known type.
 */
export function assertCannotRevoke(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const values = [...text.matchAll(/"requested_token_type"\s*:\s*"([^"]*)"/g)].map((m) => m[1]!);
    if (values.length === 0 || values.some(couldNameAType))
      throw new UnsafeProbeError("a body that is not JSON must still name an unknown token type");
    return;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new UnsafeProbeError("a probe body is a JSON object");
  if (!Object.hasOwn(parsed, "requested_token_type"))
    throw new UnsafeProbeError("a probe body always names requested_token_type");
  const value = (parsed as Record<string, unknown>).requested_token_type;
  if (value === null || (typeof value === "string" && couldNameAType(value)))
    throw new UnsafeProbeError("a probe body never names a known token type");
}

/** What a probe expects: a status and, for an error, the `type` (any of the status's if absent). */
export interface Expectation {
  status: number;
  type?: string;
}

/** One request of `verify`. */
export interface Probe {
  /** Shown in the report, e.g. "no token". */
  name: string;
  /** `none`: no Authorization; `malformed`: a made-up token; `real`: the caller's. */
  auth: "none" | "malformed" | "real";
  body: ProbeBody;
  expect: Expectation;
}

/** A made-up credential: no server issued it, so it must be refused as unauthenticated. */
export const malformedToken = "devrev-auth-tokens-verify.not-a-token";

/**
 * The probes, in the order they are sent. The first two carry no real token; the others carry
 * it with bodies that cannot revoke: an unknown type (400 invalid_enum_value, whose
 * allowed_values is the server's list of types), a type that is a number (some 400 of the
 * contract), and a body that is not JSON (400 parse_error).
 */
export function probes(): Probe[] {
  const unknownType = ProbeBody.withTokenType(probeTokenType);
  return [
    {
      name: "no token",
      auth: "none",
      body: unknownType,
      expect: { status: 401, type: "unauthenticated" },
    },
    {
      name: "a made-up token",
      auth: "malformed",
      body: unknownType,
      expect: { status: 401, type: "unauthenticated" },
    },
    {
      name: "an unknown token type",
      auth: "real",
      body: unknownType,
      expect: { status: 400, type: "invalid_enum_value" },
    },
    {
      name: "a token type that is a number",
      auth: "real",
      body: ProbeBody.withTokenType(7),
      expect: { status: 400 },
    },
    {
      name: "a body that is not JSON",
      auth: "real",
      body: ProbeBody.truncated(),
      // The contract's answer to a body it cannot parse: a server that reads it anyway (and
      // answers, say, invalid_enum_value) parses leniently, and is flagged.
      expect: { status: 400, type: "parse_error" },
    },
  ];
}
