/**
 * The strict switch over `error.type` that docs/library.md recommends, written out for a given list
 * of contract error types: a case for each, a case for each failure outside the contract, and a
 * `never` check in the default branch, so a type without a case is a compile error naming it.
 */

/** The failures outside the contract, each with a line that reads its own fields. */
export const outsideCases: Record<string, string> = {
  network_error: "return error.cause ?? '';",
  timeout: "return `${error.timeoutMs}`;",
  aborted: "return error.message;",
  token_unavailable: "return error.cause ?? error.message;",
  unexpected_response: "return `${error.status} ${error.reason} ${error.bodySnippet}`;",
};

/** The source of a module whose switch has a case for each of `contractTypes` and `outside`. */
export function strictSwitch(
  contractTypes: readonly string[],
  indexModule: string,
  outside: readonly string[] = Object.keys(outsideCases),
): string {
  return [
    `import type { DevRevError } from ${JSON.stringify(indexModule)};`,
    "export function describeError(error: DevRevError): string {",
    "  switch (error.type) {",
    ...contractTypes.map((type) => `    case ${JSON.stringify(type)}:`),
    ...(contractTypes.length ? ["      return `${error.status} ${error.type}`;"] : []),
    ...outside.map((type) => `    case ${JSON.stringify(type)}:\n      ${outsideCases[type]}`),
    "    default: {",
    "      const unreachable: never = error; // a missing case is a compile error",
    "      return String(unreachable);",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
}
