import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HolidayFile } from "../shared/clocks/holiday-file";
import { seedConfig } from "../workers/intake/src/demo-seed";

// Setup files may run more than once; both steps skip what is already there.
const testEnv = env as unknown as { DB: D1Database; TEST_MIGRATIONS: D1Migration[]; TEST_HOLIDAYS: string };
await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS);
await seedConfig(testEnv.DB, HolidayFile.parse(JSON.parse(testEnv.TEST_HOLIDAYS)), "2026-01-01T00:00:00.000Z");
