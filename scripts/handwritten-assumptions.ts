/**
 * Part of step 2 of generation: what the handwritten layer (src/) assumes of the spec and cannot
 * follow by regeneration. A token type, a status, an error variant or a field flows through
 * generated/; these do not, and a spec that breaks one of them could still typecheck, build and
 * pass every test while the client is wrong (an API key sent as a Bearer token, a 202 "accepted,
 * later" told as "revoked"). So `npm run generate` refuses such a spec, naming the assumption and
 * the files of src/ written for it.
 *
 * One list, each entry with the files that make the assumption (test/generate-assumptions.test.ts
 * holds each file to the text that makes it, so this list cannot drift from src/ unnoticed);
 * check-assumptions.ts is the step that applies it.
 */
import { type Node, httpMethods, resolveRef } from "../src/cli/contract/document.ts";
import { errorBodies } from "./error-bodies.ts";

/** The operation `authTokens.selfDelete` calls, as src/ names it. */
export const selfDelete = {
  operationId: "auth-tokens-self-delete",
  method: "post",
  path: "/auth-tokens.self.delete",
  /** The request field whose enum is the token types (src/token-types.ts). */
  tokenTypeField: "requested_token_type",
} as const;

/** One thing src/ takes for granted about the spec. */
export interface Assumption {
  /** A short name, e.g. `security`. */
  id: string;
  /** What src/ does that depends on it, naming the file first. */
  what: string;
  /**
   * The files of src/ written for it (what to update when the spec changes it), each with text
   * it holds because of it (the tests check that it still does).
   */
  files: { readonly [file: string]: string };
  /** How `spec` breaks it, in words; undefined while it holds. */
  broken(spec: Node): string | undefined;
}

const where = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const { operationId, method, path, tokenTypeField } = selfDelete;

/** Every operation of the spec with where it is. */
function operationsOf(spec: Node): { method: string; path: string; operation: Node }[] {
  return Object.entries<Node>(spec.paths ?? {}).flatMap(([at, item]) =>
    httpMethods.filter((m) => item?.[m]).map((m) => ({ method: m, path: at, operation: item[m] })),
  );
}

/** The selfDelete operation where src/ calls it (whatever its operationId). */
const called = (spec: Node): Node | undefined => spec.paths?.[path]?.[method];

/** The JSON request body's schema of the called operation, resolved. */
function requestSchema(spec: Node): Node | undefined {
  const body = resolveRef(spec, called(spec)?.requestBody);
  return resolveRef(spec, body?.content?.["application/json"]?.schema);
}

/** How a security scheme works, in words: `apiKey in header X-DevRev-Key`, `http basic`. */
function schemeText(scheme: Node | undefined): string {
  if (!scheme) return "not defined";
  if (scheme.type === "http") return `http ${String(scheme.scheme).toLowerCase()}`;
  if (scheme.type === "apiKey") return `apiKey in ${scheme.in} ${scheme.name}`;
  return String(scheme.type);
}

export const assumptions: readonly Assumption[] = [
  {
    id: "operation",
    what: `src/client.ts has selfDelete call ${where(method, path)}`,
    files: {
      "src/client.ts": `call("${method}", "${path}"`,
      "src/errors.ts": `paths["${path}"]["${method}"]`,
    },
    broken(spec) {
      if (called(spec)) return undefined;
      const moved = operationsOf(spec).find((o) => o.operation.operationId === operationId);
      if (moved)
        return `the spec has operation ${operationId} at ${where(moved.method, moved.path)}`;
      const others = Object.keys(spec.paths?.[path] ?? {}).filter((m) => httpMethods.includes(m));
      return others.length
        ? `the spec has ${path} with ${others.map((m) => m.toUpperCase()).join(", ")} only`
        : `the spec has no ${path} and no operation ${operationId}`;
    },
  },
  {
    id: "operationId",
    what: `src/validate.ts, src/token-types.ts and src/cli/verify.ts read the generated constants of operation ${operationId}`,
    files: Object.fromEntries(
      ["src/validate.ts", "src/token-types.ts", "src/cli/verify.ts"].map((file) => [
        file,
        `operations["${operationId}"]`,
      ]),
    ),
    broken(spec) {
      const id = called(spec)?.operationId;
      return id === undefined || id === operationId
        ? undefined
        : `the spec's ${where(method, path)} is operation ${JSON.stringify(id)}`;
    },
  },
  {
    id: "parameters",
    what: "src/client.ts has selfDelete send a body and no parameters",
    files: { "src/client.ts": `call("${method}", "${path}", init)` },
    broken(spec) {
      const all = [...(spec.paths?.[path]?.parameters ?? []), ...(called(spec)?.parameters ?? [])];
      const required = all
        .map((p: Node) => resolveRef(spec, p))
        .filter((p): p is Node => p?.required === true);
      return required.length
        ? `the spec requires ${required.map((p) => `the ${p.in} parameter ${p.name}`).join(", ")}`
        : undefined;
    },
  },
  {
    id: "request body",
    what: "src/validate.ts checks selfDelete's body as a JSON object and openapi-fetch sends it as application/json",
    files: { "src/validate.ts": "checkedRequestBody(selfDelete, given" },
    broken(spec) {
      const operation = called(spec);
      if (!operation) return undefined;
      const content = resolveRef(spec, operation.requestBody)?.content ?? {};
      if (!content["application/json"])
        return `the spec's request body is ${Object.keys(content).join(", ") || "absent"}, not application/json`;
      const schema = requestSchema(spec);
      return schema?.type === "object" || schema?.properties
        ? undefined
        : `the spec's JSON request body is not an object (${JSON.stringify(schema?.type ?? "no type")})`;
    },
  },
  {
    id: "empty body",
    what: "src/validate.ts has selfDelete() without a body send {}",
    files: { "src/validate.ts": "if (given === undefined) return {};" },
    broken(spec) {
      const required: string[] = requestSchema(spec)?.required ?? [];
      return required.length
        ? `the spec requires the request field${required.length > 1 ? "s" : ""} ${required.join(", ")}`
        : undefined;
    },
  },
  {
    id: "token types",
    what: `src/token-types.ts reads the token types from the enum of the request field ${tokenTypeField}`,
    files: { "src/token-types.ts": `requestEnums.${tokenTypeField}` },
    broken(spec) {
      const schema = requestSchema(spec);
      if (!schema) return undefined;
      const field = schema.properties?.[tokenTypeField];
      if (!field) return `the spec's request has no field ${tokenTypeField}`;
      const values = resolveRef(spec, field)?.enum;
      return Array.isArray(values) && values.length && values.every((v) => typeof v === "string")
        ? undefined
        : `the spec's ${tokenTypeField} is not one enum of strings (${Object.keys(resolveRef(spec, field) ?? {}).join(", ")})`;
    },
  },
  {
    id: "success",
    what: "src/client-types.ts types selfDelete's success as one 200 without a body (data undefined), src/judge.ts takes a 204 for it, and the CLI reports it as revoked",
    files: {
      "src/client-types.ts": "DevRevResult<undefined, DevRevError>",
      "src/judge.ts": "status === 204",
    },
    broken(spec) {
      if (!called(spec)) return undefined;
      const responses: Node = called(spec)!.responses ?? {};
      const success = Object.keys(responses).filter((s) => /^(2|default$)/i.test(s));
      const bodied = success.filter((s) => resolveRef(spec, responses[s])?.content);
      if (success.length === 1 && success[0] === "200" && bodied.length === 0) return undefined;
      return `the spec's success is ${success.map((s) => `${s}${bodied.includes(s) ? " with a body" : " without a body"}`).join(", ") || "not declared"}`;
    },
  },
  {
    id: "error statuses",
    what: "src/judge.ts matches an answer to the status it came with, exactly, and reads error bodies as application/json",
    files: { "src/judge.ts": "contract.errorTypesByStatus[status]" },
    broken(spec) {
      const problems: string[] = [];
      for (const [status, reference] of Object.entries<Node>(called(spec)?.responses ?? {})) {
        if (/^2/.test(status)) continue;
        if (!/^[1-5]\d\d$/.test(status)) {
          problems.push(`declares the response ${JSON.stringify(status)}, not one status`);
          continue;
        }
        const content = resolveRef(spec, reference)?.content;
        if (content && !content["application/json"])
          problems.push(`gives ${status} a body of ${Object.keys(content).join(", ")} only`);
      }
      return problems.length ? `the spec ${problems.join("; ")}` : undefined;
    },
  },
  {
    id: "retry_after",
    what: "src/retry.ts reads an error body's retry_after as a number of seconds",
    files: { "src/retry.ts": "Number.isFinite(seconds)" },
    broken(spec) {
      const operation = called(spec);
      if (!operation) return undefined;
      const typed = Object.entries(errorBodies(spec, operation).fields).flatMap(
        ([status, fields]) =>
          fields.retry_after === undefined ||
          ["integer", "number", "any"].includes(fields.retry_after)
            ? []
            : [`the ${status}'s as ${fields.retry_after}`],
      );
      return typed.length ? `the spec types retry_after ${typed.join(", ")}` : undefined;
    },
  },
  {
    id: "security",
    what: "src/auth.ts sends an HTTP Bearer token (Authorization: Bearer <token>)",
    files: { "src/auth.ts": "`Bearer ${checkedToken", "src/cli/verify.ts": "`Bearer ${token" },
    broken(spec) {
      const operation = called(spec);
      if (!operation) return undefined;
      const requirements: Node[] = operation.security ?? spec.security ?? [];
      if (requirements.length === 0) return "the spec declares no security for the operation";
      const problems = new Set<string>();
      for (const requirement of requirements) {
        const names = Object.keys(requirement);
        if (names.length === 0) problems.add("the spec lets the operation be called without one");
        for (const name of names) {
          const scheme = resolveRef(spec, spec.components?.securitySchemes?.[name]);
          const text = schemeText(scheme);
          if (text !== "http bearer")
            problems.add(`the spec's security scheme \`${name}\` is ${text}`);
        }
      }
      return problems.size ? [...problems].join("; ") : undefined;
    },
  },
];
