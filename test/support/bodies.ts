/**
 * The error body of `type` as the contract shapes it: every field the contract requires of that
 * type (from generated/, nothing but `type` today), then `fields`. Tests that pin a body down
 * exactly use it, so a field the contract comes to require changes what they expect instead of
 * breaking them.
 *
 * @example
 * expect(result.json).toEqual(contractBody("parse_error", { message: expect.any(String) }));
 */
import { errorBodies } from "../../generated/constants.ts";

export function contractBody(type: string, fields: Record<string, unknown> = {}) {
  const required = (errorBodies["auth-tokens-self-delete"].byType as Record<string, object>)[type];
  if (!required) throw new Error(`the contract has no error type ${type}`);
  return { ...required, ...fields };
}
