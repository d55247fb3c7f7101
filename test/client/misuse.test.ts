// A typo never sends the token anywhere or revokes anything the caller did not name: unknown
// option names, missing values and paths that run into the host are refused before sending.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callOptionNames, clientOptionNames, rawOptionNames } from "../../src/options.ts";
import { createDevRevClient, DevRevUsageError, tokenTypes } from "../../src/index.ts";
import { editDistance } from "../../src/suggest.ts";
import { seeds, useMockServer, users } from "../support/mock.ts";
import { expectNoSecret } from "../support/secrets.ts";
import { runs } from "../support/runs.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;
const client = (options: Record<string, unknown> = {}) =>
  createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0, ...options });

/** `raw.POST` as plain JavaScript (or `any`) may call it: any string as the path. */
const untypedPost = (devrev: ReturnType<typeof client>, path: string) =>
  (devrev.raw.POST as (path: string, init: object) => Promise<unknown>)(path, { body: {} });

/** What `action` threw (synchronously or by rejecting), or undefined. */
async function thrownBy(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("a misspelt client option is refused, naming the one meant", () => {
  it.each([
    ["baseURL", "http://127.0.0.1:4010", "baseUrl"],
    ["timeout", 1000, "timeoutMs"],
    ["retries", 0, "maxRetries"],
    ["maxRetry", 0, "maxRetries"],
    ["colour", "red", undefined],
    ["Token", "x", "token"],
  ])("%s", async (name, value, meant) => {
    const thrown = await thrownBy(() => createDevRevClient({ token, [name]: value } as never));
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    const message = (thrown as Error).message;
    expect(message).toContain(`does not take the option "${name}"`);
    if (meant) expect(message).toContain(`did you mean "${meant}"?`);
    else expect(message).not.toContain("did you mean");
    expect(message).toContain(`allowed options: ${clientOptionNames.join(", ")}`);
    expectNoSecret(thrown, token);
  });

  it("baseURL with the token never reaches the default server: nothing is sent anywhere", async () => {
    const seen: string[] = [];
    const thrown = await thrownBy(() =>
      createDevRevClient({
        token,
        baseURL: mock.url,
        fetch: async (url: string) => (seen.push(url), new Response(null)),
      } as never),
    );
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect(seen).toEqual([]);
  });
});

/** Every string `edits` edits (insert, delete, substitute, swap) away from `name`. */
const nearName = (name: string) =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom("insert", "delete", "substitute", "swap", "case"),
        at: fc.nat(),
        letter: fc.constantFrom(
          ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789",
        ),
      }),
      { minLength: 1, maxLength: 2 },
    )
    .map((edits) => {
      let text = name;
      for (const { kind, at, letter } of edits) {
        const i = at % (text.length + 1);
        if (kind === "insert") text = text.slice(0, i) + letter + text.slice(i);
        else if (text.length === 0) continue;
        else {
          const j = i % text.length;
          if (kind === "delete") text = text.slice(0, j) + text.slice(j + 1);
          else if (kind === "substitute") text = text.slice(0, j) + letter + text.slice(j + 1);
          else if (kind === "case")
            text = text.slice(0, j) + text[j]!.toUpperCase() + text.slice(j + 1);
          else if (j + 1 < text.length)
            text = text.slice(0, j) + text[j + 1] + text[j] + text.slice(j + 2);
        }
      }
      return text;
    });

describe("every name within two edits of a known option is refused with a suggestion", () => {
  const cases = [
    {
      where: "createDevRevClient",
      known: clientOptionNames as readonly string[],
      call: (name: string) => createDevRevClient({ token, [name]: 1 } as never),
    },
    {
      where: "selfDelete",
      known: callOptionNames as readonly string[],
      call: (name: string) => client().authTokens.selfDelete({}, { [name]: 1 } as never),
    },
    {
      where: "raw.POST",
      known: rawOptionNames,
      call: (name: string) =>
        client().raw.POST("/auth-tokens.self.delete", { body: {}, [name]: 1 } as never),
    },
  ];

  it.each(cases)("$where", async ({ known, call }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...known).chain((name) => nearName(name)),
        async (name) => {
          fc.pre(name !== "" && !known.includes(name));
          const thrown = await thrownBy(() => call(name));
          expect(thrown).toBeInstanceOf(DevRevUsageError);
          const suggested = /did you mean "([^"]+)"\?/.exec((thrown as Error).message)?.[1];
          expect(suggested, (thrown as Error).message).toBeDefined();
          expect(known).toContain(suggested);
          expect(editDistance(name.toLowerCase(), suggested!.toLowerCase())).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: runs(300) },
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("an option that is there must have a value", () => {
  it.each(clientOptionNames)("%s: null is refused", async (name) => {
    const thrown = await thrownBy(() => createDevRevClient({ token, [name]: null } as never));
    expect(thrown).toBeInstanceOf(DevRevUsageError);
    expect((thrown as Error).message).toContain(`${name} is null`);
  });

  it("token: undefined is refused rather than read from DEVREV_TOKEN", async () => {
    const previous = process.env.DEVREV_TOKEN;
    process.env.DEVREV_TOKEN = seeds.bobPat.value;
    try {
      const thrown = await thrownBy(() =>
        createDevRevClient({ token: undefined, baseUrl: mock.url }),
      );
      expect((thrown as Error).message).toMatch(
        /token is undefined .*leave the option out to read DEVREV_TOKEN/,
      );
      expectNoSecret(thrown, seeds.bobPat.value);
    } finally {
      if (previous === undefined) delete process.env.DEVREV_TOKEN;
      else process.env.DEVREV_TOKEN = previous;
    }
  });

  it("baseUrl: undefined is refused rather than sending the token to api.devrev.ai", async () => {
    const thrown = await thrownBy(() => createDevRevClient({ token, baseUrl: undefined }));
    expect((thrown as Error).message).toMatch(
      /baseUrl is undefined .*for https:\/\/api\.devrev\.ai/,
    );
  });

  it.each(callOptionNames)("per call, %s: null is refused and nothing is sent", async (name) => {
    const thrown = await thrownBy(() =>
      client().authTokens.selfDelete({}, { [name]: null } as never),
    );
    expect((thrown as Error).message).toContain(`${name} is null`);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("a body field that is there must have a value", () => {
  it.each([undefined, null])(
    "requested_token_type: %s is refused, saying what leaving it out means; nothing is revoked",
    async (value) => {
      const thrown = await thrownBy(() =>
        client().authTokens.selfDelete({ requested_token_type: value as never }),
      );
      expect(thrown).toBeInstanceOf(DevRevUsageError);
      const message = (thrown as Error).message;
      expect(message).toContain(`requested_token_type is ${value}`);
      expect(message).toContain("not documented");
      expect(message).toContain(tokenTypes[0]);
      expect(mock.requests).toHaveLength(0);
      expect(mock.listTokens(users.alice).every((t) => !t.revoked)).toBe(true);
    },
  );

  it("a type that may be a pasted token is not repeated", async () => {
    const thrown = await thrownBy(() =>
      client().authTokens.selfDelete({
        requested_token_type: (seeds.bobPat.value + "x".repeat(60)) as never,
      }),
    );
    expect((thrown as Error).message).toMatch(/not shown/);
    expectNoSecret(thrown, seeds.bobPat.value);
  });
});

describe("raw: a path must start with /", () => {
  it.each([".evil.example/x", "@evil.example/x", ":8443/x", "", "auth-tokens.self.delete"])(
    "%j is refused before anything is sent",
    async (path) => {
      const thrown = await thrownBy(() => untypedPost(client(), path));
      expect(thrown).toBeInstanceOf(DevRevUsageError);
      expect((thrown as Error).message).toMatch(/must be a string starting with "\/"/);
      expect(mock.requests).toHaveLength(0);
    },
  );
});
