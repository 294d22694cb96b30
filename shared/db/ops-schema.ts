import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Tables of operations: work that failed and must not be lost. */

/**
 * A queue message that exhausted its retries (or could not be parsed), recorded by the dead-letter
 * consumer so it outlives the queue's retention and can be replayed from the console.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    /** The original message's id: a redelivered dead letter is recorded once. */
    id: text("id").primaryKey(),
    /** The queue it failed on, e.g. case-intake-staging. */
    queue: text("queue").notNull(),
    body: text("body", { mode: "json" }).notNull(),
    /** The last error's name and message (never a stack; our errors carry no personal data). */
    error: text("error").notNull(),
    attempts: integer("attempts").notNull(),
    receivedAt: text("received_at").notNull(),
    replayedAt: text("replayed_at"),
    replays: integer("replays").notNull().default(0),
  },
  (t) => [index("dead_letters_open").on(t.replayedAt, t.receivedAt)],
);

/**
 * Every case intake has seen answered by its object, until its projection is in D1 (then the row
 * goes): reconciliation redrives the object of a row older than five minutes without a `cases` row.
 */
export const caseRegistry = sqliteTable(
  "case_registry",
  {
    caseId: text("case_id").primaryKey(),
    trackingNo: text("tracking_no").notNull(),
    submittedAt: text("submitted_at").notNull(),
    redrives: integer("redrives").notNull().default(0),
    lastRedriveAt: text("last_redrive_at"),
  },
  (t) => [index("case_registry_submitted").on(t.submittedAt)],
);

/**
 * Every change an admin makes to the city's configuration and every change to a staff account:
 * who, when, what, and the row before and after (allow-listed fields: never a password hash).
 * Append-only: triggers in the migration refuse UPDATE and DELETE, so not even a bug can rewrite it.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: text("at").notNull(),
    /** A user id, or the command that made the change (`npm run city`). */
    actorId: text("actor_id").notNull(),
    /** The actor's username at the time: it stays readable after the account is gone. */
    actorName: text("actor_name").notNull(),
    /** `<entity>.<verb>`, e.g. `department.deactivate`, `user.password-reset`. */
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_entity").on(t.entity, t.entityId, t.at)],
);
