/**
 * The mock's tokens: who owns each, of which type, and whether it is revoked. Its token types
 * are the client's, read from the generated constants.
 */
import { minSecretLength } from "../redact.js";
import { isTokenType, tokenTypes, type TokenType } from "../token-types.js";

export { isTokenType, tokenTypes, type TokenType };

/**
 * A token the mock knows: its secret `value` (what a client sends in `Authorization`), the user
 * who owns it and its type.
 *
 * @example
 * const seed: MockTokenSeed = {
 *   value: "alice-pat-1",
 *   user: "don:identity:dvrv-us-1:devo/1:devu/1",
 *   type: "urn:devrev:params:oauth:token-type:pat",
 * };
 */
export interface MockTokenSeed {
  value: string;
  user: string;
  type: TokenType;
}

/**
 * What the mock tells about a token: everything but its secret value.
 *
 * @example
 * mock.listTokens("alice"); // [{ id: "token-1", user: "alice", type: "urn:…:pat", revoked: false }]
 */
export interface MockTokenInfo {
  /** A stable id (`token-<n>`, in the order the tokens were added). */
  id: string;
  user: string;
  type: TokenType;
  revoked: boolean;
}

interface StoredToken extends MockTokenInfo {
  value: string;
}

/** The mock's tokens, in memory. Throws on seeds a test could not have meant (a bad type, a reused value). */
export class TokenStore {
  #seeds: readonly MockTokenSeed[];
  #tokens: StoredToken[] = [];

  constructor(seeds: readonly MockTokenSeed[] = []) {
    this.#seeds = seeds.map((seed) => ({ ...seed }));
    this.reset();
  }

  reset(): void {
    this.#tokens = [];
    for (const seed of this.#seeds) this.add(seed);
  }

  add(seed: MockTokenSeed): MockTokenInfo {
    if (
      typeof seed?.value !== "string" ||
      seed.value.trim() === "" ||
      seed.value !== seed.value.trim()
    )
      throw new TypeError("a mock token needs a non-empty value without surrounding whitespace");
    // As the client: shorter values cannot be told from ordinary words, so no recording or log
    // could be kept free of them.
    if (seed.value.length < minSecretLength)
      throw new TypeError(
        `a mock token needs at least ${minSecretLength} characters (as the client requires), got ${seed.value.length}`,
      );
    if (typeof seed.user !== "string" || seed.user === "")
      throw new TypeError("a mock token needs a non-empty user");
    if (!isTokenType(seed.type))
      throw new TypeError(`"${String(seed.type)}" is not a token type of the contract`);
    // Two tokens with one value would make authentication ambiguous.
    if (this.#tokens.some((token) => token.value === seed.value))
      throw new TypeError(`a mock token with this value exists already (user ${seed.user})`);
    const token: StoredToken = {
      id: `token-${this.#tokens.length + 1}`,
      user: seed.user,
      type: seed.type,
      revoked: false,
      value: seed.value,
    };
    this.#tokens.push(token);
    return info(token);
  }

  /** The live token with this value, if any. */
  authenticate(value: string): MockTokenInfo | undefined {
    const token = this.#tokens.find((t) => t.value === value && !t.revoked);
    return token && info(token);
  }

  /** Whose token this value is, revoked or not (for logs, which never show the value). */
  ownerOf(value: string): string | undefined {
    return this.#tokens.find((t) => t.value === value)?.user;
  }

  /** Revokes the user's live tokens of the given types; returns how many it revoked. */
  revoke(user: string, types: readonly TokenType[]): number {
    let count = 0;
    for (const token of this.#tokens) {
      if (token.user === user && !token.revoked && types.includes(token.type)) {
        token.revoked = true;
        count++;
      }
    }
    return count;
  }

  list(user: string): MockTokenInfo[] {
    return this.#tokens.filter((t) => t.user === user).map(info);
  }

  /** Every secret the store knows, revoked ones included, for redaction. */
  secrets(): string[] {
    return this.#tokens.map((t) => t.value);
  }
}

const info = ({ id, user, type, revoked }: StoredToken): MockTokenInfo => ({
  id,
  user,
  type,
  revoked,
});
