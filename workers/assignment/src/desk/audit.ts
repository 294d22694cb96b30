import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { type AuditChange, commitAudited } from "../../../../shared/db/audit-queries";
import type { DeskEnv } from "./session";

/**
 * Runs a console change and its audit record in one transaction, signed with the staff member
 * making it. Every admin write and every staff-account write goes through here.
 */
export function audited(c: Context<DeskEnv>, change: AuditChange, writes: BatchItem<"sqlite">[], at = new Date()) {
  const staff = c.get("staff");
  return commitAudited(c.env.DB, { id: staff.userId, name: staff.username }, change, writes, at);
}
