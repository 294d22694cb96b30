import type { AuditEntity } from "./audit-queries";
import { sqlLiteral } from "./sql-literal";

/**
 * An operator command's change as an audit-log row, in SQL for `wrangler d1 execute` (scripts reach
 * a remote D1 no other way). The command is the actor. Re-running with the same id records once.
 */
export function auditSql(entry: {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: AuditEntity;
  entityId: string;
  after: Record<string, unknown>;
}): string {
  const values = [
    entry.id,
    entry.at,
    entry.actor,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    null,
    entry.after,
  ];
  return `INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, before, after) VALUES (${values.map(sqlLiteral).join(", ")}) ON CONFLICT (id) DO NOTHING`;
}
