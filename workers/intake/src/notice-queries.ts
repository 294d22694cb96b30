import { desc, eq, sql } from "drizzle-orm";
import { getDb, nameIn } from "../../../shared/db/case-queries";
import { accountabilityRecords } from "../../../shared/db/desk-schema";
import { cases, departments } from "../../../shared/db/schema";
import { portalLang } from "../../../shared/ui/i18n";
import type { PublicNotice } from "./pages/notices-page";

/** The latest 通报 (accountability records), newest first, as the public may read them. */
export async function recentNotices(db: D1Database, limit = 200): Promise<PublicNotice[]> {
  return getDb(db)
    .select({
      // A non-public case is named by department and stage only: its tracking number is not enumerable.
      // drizzle has no CASE expression.
      trackingNo: sql<string | null>`case when ${cases.isPublic} then ${accountabilityRecords.trackingNo} end`,
      department: nameIn(portalLang(), departments),
      stage: accountabilityRecords.stage,
      dueAt: accountabilityRecords.dueAt,
      recordedAt: accountabilityRecords.recordedAt,
    })
    .from(accountabilityRecords)
    .innerJoin(cases, eq(cases.caseId, accountabilityRecords.caseId))
    .leftJoin(departments, eq(departments.id, accountabilityRecords.departmentId))
    .orderBy(desc(accountabilityRecords.recordedAt))
    .limit(limit);
}
