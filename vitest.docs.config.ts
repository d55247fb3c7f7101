import { defineConfig } from "vitest/config";

/** `npm run test:docs`: the reference site's check alone (test/docs; see vitest.config.ts). */
export default defineConfig({
  test: {
    include: ["test/docs/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
