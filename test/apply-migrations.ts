import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HolidayFile } from "../shared/clocks/holiday-file";
import { seedConfig } from "../workers/intake/src/demo/demo-seed";

// Setup files may run more than once; both steps skip what is already there.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await seedConfig(env.DB, HolidayFile.parse(JSON.parse(env.TEST_HOLIDAYS)), "2026-01-01T00:00:00.000Z");
