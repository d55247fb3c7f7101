// An echoed token never comes back: whatever spelling a server, a proxy or a redirect gives it,
// nothing the client returns in its own fields, nothing the CLI prints and nothing the mock
// records holds it. `result.response` is the answer as received and is left out on purpose.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import type { MockFault } from "../../src/testing/index.ts";
import { runMain } from "../cli/run.ts";
import { echoesOf, foundIn, tokenAlphabet } from "../support/encodings.ts";
import { types, useMockServer, users } from "../support/mock.ts";
import { runs } from "../support/runs.ts";

const mock = useMockServer();

/** A token the client accepts: RFC 6750 characters, 8 to 8 192 of them (mostly short, for speed). */
const anyToken = fc
  .oneof(
    { weight: 9, arbitrary: fc.integer({ min: 8, max: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 8192 }) },
  )
  .chain((length) =>
    fc
      .string({ unit: fc.constantFrom(...tokenAlphabet), minLength: length, maxLength: length })
      .filter((token) => /^[^=]+=*$/.test(token)),
  );

/** Every way the mock can echo `text` back in an answer (in headers only what a header can hold). */
const echoOf = (text: string): MockFault[] => [
  { kind: "html", status: 400, body: `<html><p>Bad token: ${text}</p></html>` },
  { kind: "html", status: 502, body: `<a href="/login?t=${text}">again</a>` },
  { kind: "garbage", status: 500, body: `{"echo":"${text}"}` },
  { kind: "garbage", status: 200, body: `echo ${text}` },
  { kind: "error", status: 403, body: { message: `token ${text} is not allowed` } },
  { kind: "error", status: 400, body: { type: "bad_request", detail: text } },
  ...(/^[\x21-\x7e]+$/.test(text)
    ? ([
        { kind: "redirect", location: `http://127.0.0.1:1/cb?token=${text}` },
        { kind: "garbage", status: 415, contentType: `text/plain; echo=${text}`, body: "" },
      ] as const)
    : []),
];

/** A token split in two, each half in a field of its own (for tokens long enough to tell). */
const splitEcho = (token: string): MockFault[] => {
  if (token.length < 64) return [];
  const half = token.length >> 1;
  return [
    {
      kind: "garbage",
      status: 400,
      body: JSON.stringify({ first: token.slice(0, half), rest: token.slice(half) }),
    },
  ];
};

const anyEcho = anyToken.chain((token) =>
  fc.record({
    token: fc.constant(token),
    fault: fc.constantFrom(...echoesOf(token).flatMap(echoOf), ...splitEcho(token)),
  }),
);

/** Whether `text` holds any spelling of `token`, or half of one split in two. */
const leaks = (text: string, token: string) =>
  foundIn(text, token) ??
  (token.length >= 64
    ? [token.slice(0, token.length >> 1), token.slice(token.length >> 1)].find((half) =>
        text.includes(half),
      )
    : undefined);

const seed = (token: string) => ({ value: token, user: users.alice, type: types.pat });

describe("for any token and any spelling of its echo", () => {
  it("the client's result (but its raw response) never holds it", async () => {
    await fc.assert(
      fc.asyncProperty(anyEcho, async ({ token, fault }) => {
        mock.reset();
        mock.addToken(seed(token));
        mock.inject(fault);
        const result = await createDevRevClient({
          token,
          baseUrl: mock.url,
          maxRetries: 0,
          logLevel: "off",
        }).authTokens.selfDelete({ requested_token_type: types.pat });
        expect(result.error).toBeDefined();
        const own = { ...result, response: undefined };
        for (const rendering of [JSON.stringify(own), inspect(own, { depth: Infinity })])
          expect(leaks(rendering, token), rendering).toBeUndefined();
      }),
      { numRuns: runs(150) },
    );
  });

  it("the CLI's output, text and --json, never holds it", async () => {
    await fc.assert(
      fc.asyncProperty(anyEcho, fc.boolean(), async ({ token, fault }, json) => {
        mock.reset();
        mock.addToken(seed(token));
        mock.inject(fault);
        const args = ["self-delete", "--type", "pat", "--base-url", mock.url, "--max-retries", "0"];
        const { stdout, stderr } = await runMain(json ? [...args, "--json"] : args, {
          env: { DEVREV_TOKEN: token },
        });
        expect(leaks(stdout + stderr, token), stdout + stderr).toBeUndefined();
      }),
      { numRuns: runs(60) },
    );
  });

  it("the mock's recording never holds it, wherever the request carried it", async () => {
    await fc.assert(
      fc.asyncProperty(anyToken, async (token) => {
        mock.reset();
        mock.addToken(seed(token));
        for (const form of echoesOf(token)) {
          await fetch(`${mock.url}/auth-tokens.self.delete?echo=${encodeURIComponent(form)}`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${token}`,
              "x-echo": form.replace(/[^\x21-\x7e]/g, ""),
            },
            body: JSON.stringify({ note: form }),
          });
        }
        const recorded = JSON.stringify(mock.requests);
        expect(foundIn(recorded, token), recorded).toBeUndefined();
      }),
      { numRuns: runs(20) },
    );
  });
});
