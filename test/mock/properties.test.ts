// Arbitrary requests thrown at handle() directly: it always answers, within the contract.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MockTokenSeed,
  type TokenType,
  createMockDevRev,
  maxBodyBytes,
  tokenTypes,
} from "../../src/testing/index.ts";
import { createContractValidator } from "../support/contract.ts";
import { defaultTokens, operationPath, seeds } from "../support/mock.ts";
import { runs } from "../support/runs.ts";

const contract = createContractValidator();
const origin = "https://api.devrev.ai";
const forbiddenMethods = ["CONNECT", "TRACE", "TRACK"];

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms),
    ),
  ]);

// Header values a Request accepts: no CR, LF or NUL, no surrounding whitespace.
const headerValue = fc
  .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) })
  .map((s) => s.trim());
const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/);

// Weighted towards the one real operation, so most runs get past routing and authentication.
const method = fc.oneof(
  { arbitrary: fc.constant("POST"), weight: 10 },
  fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post"),
  token.filter((m) => !forbiddenMethods.includes(m.toUpperCase())),
);
const path = fc.oneof(
  { arbitrary: fc.constant(operationPath), weight: 10 },
  fc.constant(`${operationPath}/`),
  fc.webPath(),
  fc.webPath().map((p) => `${operationPath}${p}`),
);
const query = fc.oneof(
  { arbitrary: fc.constant(""), weight: 3 },
  fc.webQueryParameters().map((q) => `?${q}`),
);

const authorization = fc.oneof(
  fc.constant(undefined),
  { arbitrary: fc.constantFrom(...defaultTokens.map((t) => `Bearer ${t.value}`)), weight: 8 },
  { arbitrary: fc.constantFrom(...defaultTokens.map((t) => t.value)), weight: 3 },
  fc.constantFrom("Bearer", "bearer  ", "Basic dXNlcjpwYXNz"),
  headerValue,
  headerValue.map((v) => `Bearer ${v}`),
);

const jsonBody = fc.oneof(fc.json(), fc.constant("{}"), {
  arbitrary: fc
    .record(
      {
        requested_token_type: fc.oneof(
          { arbitrary: fc.constantFrom(...tokenTypes), weight: 3 },
          fc.jsonValue(),
          fc.string(),
        ),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  weight: 6,
});
const body = fc.oneof(
  { arbitrary: jsonBody, weight: 8 },
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.uint8Array({ maxLength: 2048 }),
  fc.constant(""),
);

const extraHeaders = fc.dictionary(token, headerValue, { maxKeys: 5 });

const requestArb = fc.record({
  method,
  path,
  query,
  authorization,
  contentType: fc.option(fc.oneof(fc.constant("application/json"), headerValue), {
    nil: undefined,
  }),
  origin: fc.option(fc.constantFrom("https://app.example", "null"), { nil: undefined }),
  extra: extraHeaders,
  body,
});

type Arbitrary = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: Arbitrary): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(r.extra)) headers.set(name, value);
  if (r.authorization !== undefined) headers.set("authorization", r.authorization);
  if (r.contentType !== undefined) headers.set("content-type", r.contentType);
  if (r.origin !== undefined) headers.set("origin", r.origin);
  const upper = r.method.toUpperCase();
  const withBody = upper !== "GET" && upper !== "HEAD";
  return new Request(`${origin}${r.path}${r.query}`, {
    method: r.method,
    headers,
    ...(withBody ? { body: r.body } : {}),
  });
}

const statuses = Object.keys(contract.spec.paths[operationPath]!.post.responses).map(Number);

describe("handle() under arbitrary input", () => {
  it("always answers, in time, with a contract status and a contract-valid body", async () => {
    const mock = createMockDevRev({ tokens: defaultTokens });
    await fc.assert(
      fc.asyncProperty(requestArb, async (arbitrary) => {
        mock.reset();
        const request = toRequest(arbitrary);
        const response = await within(mock.handle(request), 2000);
        const text = await within(response.text(), 2000);
        const headers = Object.fromEntries(response.headers);
        expect(headers["access-control-allow-origin"]).toBeDefined();
        if (request.method === "OPTIONS" && headers["access-control-allow-methods"]) {
          expect(response.status).toBe(204);
          return;
        }
        expect(statuses).toContain(response.status);
        // Without injected faults the mock has no reason to fail.
        expect(response.status).not.toBe(500);
        const parsed = text === "" ? "" : JSON.parse(text);
        const verdict = contract.response(operationPath, "post", response.status, parsed, headers);
        expect(verdict.errors).toEqual([]);
        if (response.status !== 200) {
          expect(headers["content-type"]).toBe("application/json");
          expect(typeof parsed.message).toBe("string");
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("never revokes anything for a caller it did not authenticate", async () => {
    const mock = createMockDevRev({ tokens: defaultTokens });
    const known = new Set(defaultTokens.map((t) => t.value));
    await fc.assert(
      fc.asyncProperty(
        headerValue.filter((v) => !known.has(v) && ![...known].some((k) => v === `Bearer ${k}`)),
        fc.constantFrom(...tokenTypes),
        async (credential, type) => {
          const response = await mock.handle(
            new Request(`${origin}${operationPath}`, {
              method: "POST",
              headers: { authorization: credential },
              body: JSON.stringify({ requested_token_type: type }),
            }),
          );
          expect(response.status).toBe(401);
          for (const seed of defaultTokens)
            expect(mock.listTokens(seed.user).some((t) => t.revoked)).toBe(false);
        },
      ),
    );
  });

  it("revokes exactly what a simple model of DevRev says, over any sequence of calls", async () => {
    const seedsList: MockTokenSeed[] = [
      ...defaultTokens,
      {
        value: "bob-session-secret",
        user: seeds.bobPat.user,
        type: "urn:devrev:params:oauth:token-type:session",
      },
    ];
    const callArb = fc.record({
      caller: fc.integer({ min: 0, max: seedsList.length - 1 }),
      type: fc.option(fc.constantFrom<TokenType>(...tokenTypes.slice(0, 12)), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { maxLength: 12 }), async (calls) => {
        const mock = createMockDevRev({ tokens: seedsList });
        const revoked = seedsList.map(() => false);
        for (const { caller, type } of calls) {
          const seed = seedsList[caller]!;
          const response = await mock.handle(
            new Request(`${origin}${operationPath}`, {
              method: "POST",
              headers: { authorization: `Bearer ${seed.value}` },
              body: JSON.stringify(type === undefined ? {} : { requested_token_type: type }),
            }),
          );
          if (revoked[caller]) {
            expect(response.status).toBe(401);
            continue;
          }
          expect(response.status).toBe(200);
          const target = type ?? seed.type;
          seedsList.forEach((s, i) => {
            if (s.user === seed.user && s.type === target) revoked[i] = true;
          });
        }
        // Ids follow seed order, so token i of the model is token-(i+1) of the mock.
        const byId = [...new Set(seedsList.map((s) => s.user))].flatMap((u) => mock.listTokens(u));
        const ordered = seedsList.map(
          (_, i) => byId.find((t) => t.id === `token-${i + 1}`)!.revoked,
        );
        expect(ordered).toEqual(revoked);
      }),
    );
  });
});

describe("handle() and big bodies", () => {
  it("stops pulling a streamed body soon after 1 MiB instead of reading it whole", async () => {
    const mock = createMockDevRev({ tokens: defaultTokens });
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(16 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await within(
      mock.handle(
        new Request(`${origin}${operationPath}`, {
          method: "POST",
          body,
          duplex: "half",
        } as RequestInit),
      ),
      5000,
    );
    expect(response.status).toBe(400);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(maxBodyBytes + 4 * chunk.byteLength);
  });
});
