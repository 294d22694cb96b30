import { defineProject } from "vitest/config";

/**
 * Browser walks: Debian's chromium driven by playwright-core against the real Workers under `wrangler dev`.
 * One file at a time: each starts its own platform, and two wrangler sessions at once starve two cores.
 */
export default defineProject({
  test: {
    name: "browser",
    environment: "node",
    include: ["**/*.browser.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
