// What the client sends, held to DevRev's *published* request schema (the excerpt in
// test/fixtures/). Moved out of test/client/ because it is about DevRev, not about this package:
// a token type added to our spec before DevRev publishes it should fail here, and only here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDevRevClient } from "../../src/index.ts";
import { createContractValidator } from "../support/contract.ts";
import { seeds, types, useMockServer } from "../support/mock.ts";

const mock = useMockServer();

describe("what the client sends is what DevRev's published spec accepts", () => {
  it("every request body validates against the published request schema", async () => {
    const devrev = createDevRevClient({
      token: seeds.aliceSession.value,
      baseUrl: mock.url,
      maxRetries: 0,
    });
    await devrev.authTokens.selfDelete();
    await devrev.authTokens.selfDelete({ requested_token_type: types.pat });
    await devrev.authTokens.selfDelete({ requested_token_type: types.jwt });
    const published = createContractValidator(
      JSON.parse(
        readFileSync(new URL("../fixtures/devrev-published-excerpt.json", import.meta.url), "utf8"),
      ),
      { strict: false },
    );
    expect(mock.requests).toHaveLength(3);
    for (const request of mock.requests) {
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.auth).toBe("bearer");
      expect(
        published.requestBody("/auth-tokens.self.delete", "post", request.json).errors,
      ).toEqual([]);
    }
  });
});
