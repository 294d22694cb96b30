import { defineProject } from "vitest/config";

/** Browser walks: Debian's chromium driven by playwright-core against the real Workers under `wrangler dev`. */
export default defineProject({
  test: { name: "browser", environment: "node", include: ["**/*.browser.test.ts"], testTimeout: 90_000, hookTimeout: 240_000 },
});
