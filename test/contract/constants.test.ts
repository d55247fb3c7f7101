import { describe, expect, it } from "vitest";
import { componentEnums, defaultBaseUrl, operations } from "../../generated/constants.ts";
import { errorTypeViews } from "../../src/cli/contract/error-types.ts";
import { resolveRef } from "../../src/cli/contract/document.ts";
import { createContractValidator } from "../support/contract.ts";

const { spec } = createContractValidator();
const schemas = spec.components.schemas!;
const resolve = (node: any) => resolveRef(spec as any, node);

describe("the generated constants equal the spec", () => {
  it("has every component enum, value for value and in order", () => {
    const enums = Object.fromEntries(
      Object.entries<any>(schemas)
        .filter(([, s]) => s.enum)
        .map(([name, s]) => [name, s.enum]),
    );
    expect(componentEnums).toEqual(enums);
    expect(Object.keys(componentEnums)).toContain("auth-token-requested-token-type");
    expect(Object.keys(componentEnums)).toContain("error-bad-request-type");
  });

  it("lists the request body's token types from the operation", () => {
    const op = operations["auth-tokens-self-delete"];
    expect(op).toMatchObject({
      method: "post",
      path: "/auth-tokens.self.delete",
      successStatuses: [200],
    });
    expect(op.requestEnums.requested_token_type).toEqual(
      schemas["auth-token-requested-token-type"].enum,
    );
  });

  it("maps each error status to the type values its schema admits", () => {
    const byStatus = operations["auth-tokens-self-delete"].errorTypesByStatus;
    const responses = spec.paths["/auth-tokens.self.delete"]!.post.responses;
    expect(Object.keys(byStatus)).toEqual(Object.keys(responses).filter((s) => !s.startsWith("2")));
    expect(byStatus["400"]).toEqual(schemas["error-bad-request-type"].enum);
    expect(byStatus["400"]).toEqual(
      Object.keys(schemas["error-bad-request"].discriminator.mapping),
    );
    // Each status's types, read again by another reader of the contract (contract-diff's).
    for (const [status, response] of Object.entries<any>(responses)) {
      const schema = resolve(response)?.content?.["application/json"]?.schema;
      if (status.startsWith("2") || !schema) continue;
      expect(byStatus[status as keyof typeof byStatus], status).toEqual(
        Object.keys(errorTypeViews(spec as any, schema)),
      );
    }
  });

  it("takes the default base URL from the spec's servers", () => {
    expect(defaultBaseUrl).toBe(spec.servers[0]?.url);
    expect(defaultBaseUrl).toBe("https://api.devrev.ai");
  });
});
