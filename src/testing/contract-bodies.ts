/**
 * The contract's error statuses and the bodies the mock builds for them (from
 * generated/error-bodies.ts, a module only src/testing imports), so that every status and every
 * `type` the spec declares, one added tomorrow included, gets a body the spec accepts, and no
 * module here lists the statuses.
 */
import { operations } from "../../generated/constants.js";
import { errorBodies } from "../../generated/error-bodies.js";
import type { operations as Operations } from "../../generated/schema.js";
import type { OfType } from "../errors.js";

type Responses = Operations["auth-tokens-self-delete"]["responses"];
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;

/**
 * Every error status the contract lists for `POST /auth-tokens.self.delete`
 * (400, 401, 403, 404, 429, 500, 503), taken from the generated constants.
 *
 * @example
 * const status: MockErrorStatus = 429;
 */
export type MockErrorStatus = ToNumber<
  keyof (typeof operations)["auth-tokens-self-delete"]["errorTypesByStatus"]
>;

/**
 * The JSON body the contract gives an error status.
 *
 * @example
 * const body: MockErrorBody<401> = { type: "unauthenticated", message: "no token" };
 */
export type MockErrorBody<S extends MockErrorStatus> = Responses[S] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;

/** The error statuses, as numbers, in the contract's order. */
export const errorStatuses = Object.keys(
  operations["auth-tokens-self-delete"].errorTypesByStatus,
).map(Number) as MockErrorStatus[];

/** Whether a number is an error status the contract lists. */
export function isErrorStatus(status: unknown): status is MockErrorStatus {
  return (errorStatuses as unknown[]).includes(status);
}

const bodies = errorBodies["auth-tokens-self-delete"];
const typesByStatus: { readonly [status: string]: readonly string[] } =
  operations["auth-tokens-self-delete"].errorTypesByStatus;

/** Every error body of the contract, of whatever status. */
type ContractBody = MockErrorBody<MockErrorStatus>;

/** Every `type` an error body of the contract may carry. */
export type ContractErrorType = ContractBody["type"];

/** The body of one `type`, as the contract describes it. */
export type BodyOfType<T extends ContractErrorType> = OfType<ContractBody, T>;

/** The status whose bodies carry `type`, as the contract says. */
export function statusOf(type: ContractErrorType): MockErrorStatus {
  const status = Object.keys(typesByStatus).find((s) => typesByStatus[s]!.includes(type));
  return Number(status) as MockErrorStatus;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A body of `type`: every field the contract requires of it (with a plain value), then `fields`.
 *
 * @example
 * bodyOfType("parse_error", { message: "The request body is empty." });
 */
export function bodyOfType<T extends ContractErrorType>(
  type: T,
  fields: Omit<Partial<BodyOfType<T>>, "type">,
): BodyOfType<T> {
  const required = (bodies.byType as Record<string, object>)[type] ?? { type };
  return { ...copy(required), ...fields, type } as BodyOfType<T>;
}

// A reference id names one failure (DevRev's support looks it up), so each answer gets its own.
const freshPerAnswer: Record<string, () => unknown> = {
  reference_id: () => globalThis.crypto.randomUUID(),
};

/** What generated/error-bodies.ts holds for one operation. */
export interface OperationErrorBodies {
  readonly byStatus: { readonly [status: string]: object };
  readonly byType: { readonly [type: string]: object };
  readonly fields: { readonly [status: string]: { readonly [field: string]: string } };
}

/**
 * The body an `error` fault answers with when it names none: the status's example from the
 * contract (else the smallest body of its first type), with a fresh `reference_id`. A
 * `retry_after` in it says what the fault asked for: the seconds of a numeric `retryAfter` when
 * the status's bodies may carry one, written in the type the contract gives the field (a
 * number, or a string of digits), and otherwise nothing (an example's made-up wait must not
 * slow a client down), unless the contract requires it.
 */
export function defaultBody(
  status: MockErrorStatus,
  retryAfterSeconds?: number,
  contract: OperationErrorBodies = bodies,
): Record<string, unknown> {
  const body = copy((contract.byStatus[status] ?? {}) as Record<string, unknown>);
  for (const [field, fresh] of Object.entries(freshPerAnswer))
    if (typeof body[field] === "string") body[field] = fresh();
  const retryAfterType = contract.fields[status]?.retry_after;
  const required = Object.hasOwn(contract.byType[String(body.type)] ?? {}, "retry_after");
  if (retryAfterSeconds !== undefined && retryAfterType !== undefined)
    body.retry_after = retryAfterType === "string" ? String(retryAfterSeconds) : retryAfterSeconds;
  else if (!required) delete body.retry_after;
  return body;
}
