import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The Vitest project for one Worker: its own wrangler config, the real migrations applied in a
 * setup file, and the demo city's configuration (read from ../shared/data) loaded into D1.
 */
export async function workerProject(name: string, configPath: string) {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  const holidays = readFileSync(path.join(root, "../shared/data/holidays-cn.json"), "utf8");
  return defineProject({
    plugins: [
      cloudflareTest({
        wrangler: { configPath },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_HOLIDAYS: holidays,
            QUERY_CODE_SECRET: "test-query-code-secret",
            DEMO_SEED_TOKEN: "test-demo-token",
          },
        },
      }),
    ],
    test: {
      name,
      include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
      setupFiles: [path.join(root, "test/apply-migrations.ts")],
    },
  });
}
