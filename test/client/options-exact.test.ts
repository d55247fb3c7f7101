// The exact refusals of createDevRevClient's options, which token a client hides from its
// messages, and a raw call made without options.
import { describe, expect, it } from "vitest";
import { checkedClientOptions } from "../../src/client-config.ts";
import { clientOptionNames } from "../../src/options.ts";
import { createDevRevClient } from "../../src/index.ts";
import { operationPath, seeds, useMockServer } from "../support/mock.ts";
import { usageErrorMessage } from "../support/refusals.ts";

const mock = useMockServer();
const token = seeds.alicePat.value;

describe("createDevRevClient's refusals name it", () => {
  it("an option it does not take, with the nearest it does", () => {
    expect(usageErrorMessage(() => createDevRevClient({ tokn: token } as never))).toBe(
      `createDevRevClient does not take the option "tokn" (did you mean "token"?); allowed options: ${clientOptionNames.join(", ")}.`,
    );
  });
  it("an option set to null", () => {
    expect(usageErrorMessage(() => createDevRevClient({ token, timeoutMs: null } as never))).toBe(
      "createDevRevClient: timeoutMs is null; give a value, or leave it out.",
    );
  });
});

describe("the token a client hides from its messages", () => {
  const baseUrl = "https://api.devrev.ai";
  it("is the token given as a string", () => {
    expect(checkedClientOptions({ token: `Bearer ${token}` }, baseUrl).knownToken).toEqual([token]);
  });
  it("is none when a function gives it (each answer is hidden as it comes)", () => {
    expect(checkedClientOptions({ token: () => token }, baseUrl).knownToken).toEqual([]);
  });
});

describe("a raw call", () => {
  it("made without options is sent, and its answer is a result", async () => {
    const devrev = createDevRevClient({ token, baseUrl: mock.url, maxRetries: 0 });
    // A JavaScript caller may leave the options out (the types ask for them).
    const post = devrev.raw.POST as unknown as (path: string) => ReturnType<typeof devrev.raw.POST>;
    const result = await post(operationPath);
    expect(result.response?.status).toBeTypeOf("number");
    expect(mock.requests).toHaveLength(1);
  });
});
