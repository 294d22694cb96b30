import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The Vitest project for one Worker: its own wrangler config, the real migrations applied in a
 * setup file, and the demo city's configuration (read from ../shared/data) loaded into D1.
 */
export async function workerProject(
  name: string,
  configPath: string,
  options: { bindsCaseRecord?: boolean; stubsConsole?: boolean; include?: string[] } = {},
) {
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
            SESSION_SECRET: "test-session-secret",
          },
          workers: options.bindsCaseRecord ? [intakeWorker()] : [],
          // Intake forwards /console/* to the assignment Worker and /reports/* to the evaluation Worker;
          // its own tests only need to see the hop.
          ...(options.stubsConsole
            ? {
                serviceBindings: {
                  CONSOLE: () => new Response("console reached", { headers: { "x-console-stub": "1" } }),
                  REPORTS: (request: Request) =>
                    new Response(`reports reached: ${new URL(request.url).pathname}`, {
                      headers: { "x-reports-stub": "1" },
                    }),
                },
              }
            : {}),
        },
      }),
    ],
    test: {
      name,
      globalSetup: options.bindsCaseRecord ? [path.join(root, "test/build-intake.global-setup.ts")] : [],
      include: options.include ?? ["test/**/*.test.ts", "test/**/*.test.tsx"],
      setupFiles: [path.join(root, "test/apply-migrations.ts")],
    },
  });
}

/** The intake Worker as an auxiliary: it hosts CaseRecord for Workers that bind it by `script_name`. */
function intakeWorker() {
  return {
    name: "wenzheng-intake",
    modules: true,
    scriptPath: path.join(root, "dist/intake/index.js"),
    modulesRoot: path.join(root, "dist/intake"),
    compatibilityDate: "2026-10-15",
    compatibilityFlags: ["nodejs_compat"],
    d1Databases: { DB: "00000000-0000-0000-0000-000000000001" },
    durableObjects: {
      CASE_RECORD: { className: "CaseRecord", useSQLite: true },
      INTERVIEW_SESSION: { className: "InterviewSession", useSQLite: true },
    },
    queueProducers: {
      CASE_INTAKE: { queueName: "case-intake" },
      CASE_EVENTS: { queueName: "case-events" },
      NOTIFICATIONS: { queueName: "notifications" },
    },
    ratelimits: {
      SUBMIT_LIMITER: { namespace_id: "1001", simple: { limit: 10, period: 60 as const } },
      LOOKUP_LIMITER: { namespace_id: "1002", simple: { limit: 30, period: 60 as const } },
    },
    bindings: { QUERY_CODE_SECRET: "test-query-code-secret" },
  };
}
