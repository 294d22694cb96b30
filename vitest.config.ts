import { defineConfig } from "vitest/config";

/** One project per Worker, one for the pure domain, one for the operator scripts, one for the end-to-end walks, one for the browser walks. */
export default defineConfig({
  test: {
    projects: [
      "shared/vitest.config.ts",
      "scripts/vitest.config.ts",
      "workers/intake/vitest.config.ts",
      "workers/assignment/vitest.config.ts",
      "workers/evaluation/vitest.config.ts",
      "workers/deadline/vitest.config.ts",
      "test/e2e/vitest.config.ts",
      "test/browser/vitest.config.ts",
    ],
  },
});
