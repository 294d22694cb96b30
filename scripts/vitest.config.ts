import { defineProject } from "vitest/config";

/** The operator scripts' logic (setup, deploy, rollups:rebuild), rehearsed in Node against in-memory accounts. */
export default defineProject({
  test: {
    name: "scripts",
    environment: "node",
    include: [
      "setup/**/*.test.ts",
      "deploy/**/*.test.ts",
      "evaluation/**/*.test.ts",
      "selfhost/**/*.test.ts",
      "bench/**/*.test.ts",
      "ci/**/*.test.ts",
      "import/**/*.test.ts",
      "replies/**/*.test.ts",
    ],
  },
});
