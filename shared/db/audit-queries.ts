import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { randomId } from "../domain/ids";
import { getDb } from "./case-queries";
import { bumpConfigVersion } from "./config-version";
import { auditLog } from "./ops-schema";

/** What the log records changes of; the filter offers these. */
export const AUDITED_ENTITIES = [
  "user",
  "department",
  "region",
  "category",
  "mailbox",
  "routing-rule",
  "screen-word",
  "api-key",
  "widget-origin",
  "time-limit",
  "calendar",
  "evaluation",
  "dead-letter",
  "city",
  "topic",
] as const;

export type AuditEntity = (typeof AUDITED_ENTITIES)[number];

export type AuditRow = typeof auditLog.$inferSelect;

/** Who made a change: a signed-in staff member, or an operator's command. */
export interface AuditActor {
  id: string;
  name: string;
}

export interface AuditChange {
  action: string;
  entity: AuditEntity;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * The audit row of one change, as a statement to put in the same `batch` as the change itself:
 * D1 runs a batch as one transaction, so a change is never without its record, nor a record
 * without its change.
 */
export function auditStatement(db: D1Database, actor: AuditActor, change: AuditChange, at: Date): BatchItem<"sqlite"> {
  return getDb(db)
    .insert(auditLog)
    .values({
      id: `${at.toISOString()}-${randomId()}`,
      at: at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
    });
}

/**
 * Runs `writes` and records the change, all or nothing; every admin change also moves the
 * configuration's version, so caches of it reload.
 */
export async function commitAudited(
  db: D1Database,
  actor: AuditActor,
  change: AuditChange,
  writes: BatchItem<"sqlite">[],
  at = new Date(),
): Promise<void> {
  const [first, ...rest] = [...writes, auditStatement(db, actor, change, at), bumpConfigVersion(db)];
  if (first) await getDb(db).batch([first, ...rest]);
}

/** A page of the log, newest first; `before` is the previous page's last id (ids sort by time). */
export async function auditTrail(db: D1Database, options: { entity?: string; before?: string; limit: number }) {
  const conditions: SQL[] = [];
  if (options.entity) conditions.push(eq(auditLog.entity, options.entity));
  if (options.before) conditions.push(lt(auditLog.id, options.before));
  return getDb(db)
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
