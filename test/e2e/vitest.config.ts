import { defineProject } from "vitest/config";

/** End-to-end walks: real Workers under `wrangler dev`, driven over HTTP from Node. */
export default defineProject({
  test: { name: "e2e", environment: "node", include: ["**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
