/**
 * The `format`s a contract validator checks, for Ajv. OpenAPI defines some (int32, int64,
 * float, double, date-time…) and leaves the list open: "tools that do not recognize a specific
 * format MAY default back to the type alone" (OpenAPI 3.1, section 4.4). So every format a spec
 * uses is registered: the known ones checked, any other accepted as its type alone, rather than
 * failing the whole validator the day DevRev writes a format it had not used before.
 */

type FormatCheck =
  | RegExp
  | true
  | { type: "number"; validate: (value: number) => boolean }
  | { type: "string"; validate: (value: string) => boolean };

const int32 = 2 ** 31;
// RFC 3339 section 5.6; the calendar itself is left to the server.
const date = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The formats checked; each is what its definition (OpenAPI, RFC 3339, RFC 4122, DevRev) allows. */
export const knownFormats: Record<string, FormatCheck> = {
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= -int32 && n < int32 },
  int64: { type: "number", validate: (n) => Number.isSafeInteger(n) },
  float: { type: "number", validate: Number.isFinite },
  double: { type: "number", validate: Number.isFinite },
  date,
  "date-time": dateTime,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // DevRev's opaque object ids, e.g. "don:core:dvrv-us-1:devo/1:ticket/9".
  id: /^\S+$/,
};

/** Every `format` named anywhere in `node`. */
export function formatsUsed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) formatsUsed(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "format" && typeof value === "string") found.add(value);
      else formatsUsed(value, found);
    }
  }
  return found;
}

/**
 * Registers every format `spec` uses with `ajv`: checked when known, accepted otherwise.
 *
 * @example
 * ```ts
 * addFormats(ajv, spec); // before compiling any of the spec's schemas
 * ```
 */
export function addFormats(
  ajv: { addFormat(name: string, format: FormatCheck): unknown },
  spec: unknown,
): void {
  for (const name of new Set([...Object.keys(knownFormats), ...formatsUsed(spec)]))
    ajv.addFormat(name, knownFormats[name] ?? true);
}
