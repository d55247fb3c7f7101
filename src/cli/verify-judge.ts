/**
 * Judges the answers `verify` gets, against the contract and the probe. Each against the contract (its status is listed, its body
 * matches the status's JSON Schema, so its `type` is one that status admits, and its headers
 * match theirs) and against what the probe expected; and the server's list of token types
 * against the contract's. Pure: answers in, findings out.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import { contractSchemas } from "./contract/schemas.js";
import type { Expectation, Probe } from "./verify-probes.js";

type Node = Record<string, any>;

/** An HTTP answer as received. */
export interface Answer {
  status: number;
  /** Header names in lowercase. */
  headers: Record<string, string>;
  text: string;
}

/**
 * What `verify` reports: `ok` lines; three kinds that make it exit 1; and `skipped`, a check it
 * could not make (a probe not sent, a comparison without its input), always with why.
 */
export interface Finding {
  kind: "ok" | "violation" | "unexpected" | "drift" | "skipped";
  message: string;
}

/** Whether a status is a success: the server did what was asked. */
export const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Validates answers of one operation with Ajv (JSON Schema 2020-12) over the bundled contract
 * (generated/openapi.json), the same way the package's own contract tests do.
 */
export function createAnswerChecker(spec: Node, path: string, method: string) {
  const { compile: compiled, resolve } = contractSchemas(spec);
  const compile = (key: string, schema: Node) => compiled(key, schema);
  const messages = (validate: ValidateFunction) =>
    (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  const operation = spec.paths?.[path]?.[method];
  if (!operation) throw new Error(`the contract has no ${method.toUpperCase()} ${path}`);

  /** Every way `answer` breaks the contract; empty when it conforms. */
  return function violations(answer: Answer): string[] {
    const response = resolve(operation.responses?.[String(answer.status)]);
    if (!response) return [`status ${answer.status} is not in the contract`];
    const problems: string[] = [];
    const media = response.content?.["application/json"];
    if (!media) {
      if (answer.text !== "") problems.push(`status ${answer.status} has no body in the contract`);
    } else if (!/^application\/json\b/i.test(answer.headers["content-type"] ?? "")) {
      problems.push(
        `content-type is ${answer.headers["content-type"] ?? "missing"}, not application/json`,
      );
    } else {
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch {
        return [...problems, "the body is not JSON"];
      }
      const validate = compile(`body ${answer.status}`, media.schema);
      if (!validate(body)) problems.push(...messages(validate).map((m) => `body ${m}`));
    }
    for (const [name, header] of Object.entries<Node>(response.headers ?? {})) {
      const value = answer.headers[name.toLowerCase()];
      if (value === undefined) continue;
      const validate = compile(`header ${answer.status} ${name}`, resolve(header)?.schema ?? {});
      if (!validate(/^\d+$/.test(value) ? Number(value) : value))
        problems.push(...messages(validate).map((m) => `header ${name} ${m}`));
    }
    return problems;
  };
}

/** The `type` of an error body, if it has one. */
export function errorType(answer: Answer): string | undefined {
  try {
    const type = (JSON.parse(answer.text) as { type?: unknown }).type;
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}

const describe = ({ status, type }: Expectation) => `${status}${type ? ` ${type}` : ""}`;

/** The findings for one probe's answer. */
export function judge(
  probe: Probe,
  answer: Answer,
  violations: (a: Answer) => string[],
): Finding[] {
  const got = describe({
    status: answer.status,
    ...(errorType(answer) ? { type: errorType(answer)! } : {}),
  });
  const findings: Finding[] = violations(answer).map((problem) => ({
    kind: "violation" as const,
    message: `${probe.name}: ${got} breaks the contract: ${problem}`,
  }));
  const expected =
    answer.status === probe.expect.status &&
    (probe.expect.type === undefined || errorType(answer) === probe.expect.type);
  if (!expected) {
    const transient =
      answer.status === 429 || answer.status === 503
        ? " (the server is busy: run verify again later)"
        : "";
    // A probe is built to be refused; a success means the server did something with it.
    const acted =
      isSuccess(answer.status) && !isSuccess(probe.expect.status)
        ? `: the server accepted a request meant to be refused and may have acted on it${
            probe.auth === "real" ? " with your token: check your tokens" : ""
          }`
        : "";
    findings.push({
      kind: "unexpected",
      message: `${probe.name}: expected ${describe(probe.expect)}, got ${got}${transient}${acted}`,
    });
  }
  if (!findings.length)
    findings.push({ kind: "ok", message: `${probe.name}: ${got}, as the contract says` });
  return findings;
}

/**
 * What the answer to the probe naming an unknown type says of the server's token types: drift
 * from the contract's (or that there is none) when it is a 400 `invalid_enum_value` listing the
 * allowed values of the token-type field; a violation for any value in that list that is not a
 * string; and the comparison listed as skipped, with why, when the answer names no types (or
 * the allowed values of another field).
 */
export function tokenTypeFindings(
  probe: Probe,
  answer: Answer,
  contract: { field: string; tokenTypes: readonly string[] },
): Finding[] {
  const skip = (why: string): Finding[] => [
    { kind: "skipped", message: `token types: not compared: ${why}` },
  ];
  const type = errorType(answer);
  const none = `"${probe.name}" was answered ${answer.status}${type ? ` ${type}` : ""}, not 400 invalid_enum_value with allowed_values, so the server named no types`;
  let body: { field_name?: unknown; allowed_values?: unknown } | undefined;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return skip(none);
  }
  if (
    answer.status !== 400 ||
    type !== "invalid_enum_value" ||
    !Array.isArray(body?.allowed_values)
  )
    return skip(none);
  if (body.field_name !== contract.field)
    return skip(
      `"${probe.name}" was answered with the allowed values of ${JSON.stringify(body.field_name ?? null)}, not of ${contract.field}`,
    );
  const values: unknown[] = body.allowed_values;
  const strings = values.filter((v): v is string => typeof v === "string");
  const others = values.filter((v) => typeof v !== "string");
  const drift = tokenTypeDrift(strings, contract.tokenTypes);
  if (!others.length) return drift;
  const shown = others.slice(0, 3).map((v) => (JSON.stringify(v) ?? String(v)).slice(0, 60));
  return [
    {
      kind: "violation",
      message: `token types: allowed_values holds ${others.length} value(s) that are not strings (${shown.join(", ")}${others.length > 3 ? ", …" : ""}): the server's list cannot be read whole; only its ${strings.length} string(s) were compared`,
    },
    ...drift.filter((finding) => finding.kind !== "ok"),
  ];
}

/**
 * The token types the server and the contract disagree on, from the server's `allowed_values`.
 *
 * @example
 * ```ts
 * tokenTypeDrift(["a", "c"], ["a", "b"]); // drift findings for "c" (server only) and "b" (contract only)
 * ```
 */
export function tokenTypeDrift(
  serverAllows: readonly string[],
  contract: readonly string[],
): Finding[] {
  const findings: Finding[] = [
    ...serverAllows
      .filter((t) => !contract.includes(t))
      .map((t) => ({
        kind: "drift" as const,
        message: `token type ${t}: the server allows it, the contract lacks it`,
      })),
    ...contract
      .filter((t) => !serverAllows.includes(t))
      .map((t) => ({
        kind: "drift" as const,
        message: `token type ${t}: the contract has it, the server does not allow it`,
      })),
  ];
  return findings.length
    ? findings
    : [
        {
          kind: "ok",
          message: `token types: the server allows the contract's ${contract.length}, no more, no fewer`,
        },
      ];
}
