import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getDb } from "./case-queries";
import { configVersion } from "./schema";

/** Moves the configuration's version: put it in the batch of any change cached configuration depends on. */
export function bumpConfigVersion(db: D1Database): BatchItem<"sqlite"> {
  return getDb(db)
    .update(configVersion)
    .set({ version: sql`${configVersion.version} + 1` })
    .where(eq(configVersion.id, 1));
}

/** The same, as SQL for `wrangler d1 execute` (the city loader). */
export const BUMP_CONFIG_VERSION_SQL = "UPDATE config_version SET version = version + 1 WHERE id = 1";
