/**
 * The error body of `type` as the contract shapes it: every field the contract requires of that
 * type (from generated/, nothing but `type` today), then `fields`. Tests that pin a body down
 * exactly use it, so a field the contract comes to require changes what they expect instead of
 * breaking them.
 *
 * @example
 * expect(result.json).toEqual(contractBody("parse_error", { message: expect.any(String) }));
 */
import { errorBodies } from "../../generated/error-bodies.ts";

export function contractBody(type: string, fields: Record<string, unknown> = {}) {
  const required = (errorBodies["auth-tokens-self-delete"].byType as Record<string, object>)[type];
  if (!required) throw new Error(`the contract has no error type ${type}`);
  return { ...required, ...fields };
}

/** `seconds` as a 429 body's `retry_after` holds it: in the type the contract gives the field. */
export function retryAfterInBody(seconds: number): number | string {
  const type = (
    errorBodies["auth-tokens-self-delete"].fields as Record<string, Record<string, string>>
  )["429"]?.retry_after;
  return type === "string" ? String(seconds) : seconds;
}
