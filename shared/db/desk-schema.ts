import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Tables of the desk (assignment Worker): sign-in sessions, routing, screening, notifications, webhooks. */

/** A signed-in staff member. The cookie carries the id and an HMAC; revoking sets `revoked_at`. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    /** The last request seen (to the minute): a session idle longer than the idle timeout is over. */
    lastSeenAt: text("last_seen_at"),
    /** The password was right but the second factor is still to come: only the code page is open. */
    secondFactorPending: integer("second_factor_pending", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** A staff account's recovery codes (SHA-256 digests); a used one keeps `used_at`. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    userId: text("user_id").notNull(),
    digest: text("digest").notNull(),
    createdAt: text("created_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.digest] })],
);

/**
 * Failed sign-ins by account (`account:<username>`) and by client address (`address:<ip>`): what the
 * sign-in backoff counts. Only failures count, so a correct password is never what locks anyone out.
 */
export const signinFailures = sqliteTable("signin_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: text("last_failure_at").notNull(),
});

/** 派单目录: category × region → department. Region `*` matches every region; an exact region wins. */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    category: text("category").notNull(),
    regionCode: text("region_code").notNull().default("*"),
    departmentId: text("department_id").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.regionCode] })],
);

/** Words that put a message on hold for moderation. */
export const screenWords = sqliteTable("screen_words", {
  word: text("word").primaryKey(),
  createdAt: text("created_at").notNull(),
});

/**
 * Every notification (SMS / e-mail, to citizens and staff) and its state: the record written before
 * the send that makes it exactly once, and the log the platform office reads. `message` is the text
 * as sent with secrets masked; `vars` never holds a secret (the sender derives it again).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(), // event id + recipient + channel: one per event, recipient and channel
    eventId: text("event_id"),
    caseId: text("case_id"),
    trackingNo: text("tracking_no"),
    recipientKind: text("recipient_kind", { enum: ["citizen", "staff"] }),
    recipientRef: text("recipient_ref"),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    recipient: text("recipient").notNull(),
    template: text("template"),
    lang: text("lang"),
    vars: text("vars", { mode: "json" }).$type<Record<string, string>>(),
    /** The template's secret variables (the query code), kept only until the row is settled. */
    secretVars: text("secret_vars", { mode: "json" }).$type<Record<string, string>>(),
    message: text("message").notNull(),
    status: text("status", {
      enum: ["queued", "sending", "sent", "delivered", "failed", "suppressed", "unknown", "pending"],
    }).notNull(),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** E-mail only: the random token of the unsubscribe link this message carries. */
    unsubscribeToken: text("unsubscribe_token"),
    /** Not before (quiet hours, a retry's backoff); null for a message that is done. */
    nextAttemptAt: text("next_attempt_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at"),
    sentAt: text("sent_at"),
  },
  (t) => [
    index("notifications_due").on(t.status, t.nextAttemptAt), // the sweep: queued and due, or stuck sending
    index("notifications_recipient_day").on(t.recipient, t.createdAt), // the per-phone daily cap
    index("notifications_case").on(t.caseId),
    index("notifications_unsubscribe").on(t.unsubscribeToken),
    index("notifications_provider_message").on(t.providerMessageId), // delivery reports name it
  ],
);

/** Addresses that asked for no more notifications (the e-mail's unsubscribe link, the citizen's page), by digest. */
export const notificationOptouts = sqliteTable(
  "notification_optouts",
  {
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    recipientHash: text("recipient_hash").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.recipientHash] })],
);

/** What the local provider delivered (`npm start` only): the developer's inbox at /__dev/outbox. */
export const devOutbox = sqliteTable("dev_outbox", {
  id: text("id").primaryKey(),
  channel: text("channel").notNull(),
  recipient: text("recipient").notNull(),
  template: text("template").notNull(),
  text: text("text").notNull(),
  trackingNo: text("tracking_no"),
  at: text("at").notNull(),
});

/** A partner's webhook: state changes of cases from its channel are POSTed here, signed. */
export const webhooks = sqliteTable("webhooks", {
  id: text("id").primaryKey(),
  apiKeyId: text("api_key_id").notNull(),
  url: text("url").notNull(),
  secret: text("secret").notNull(),
  createdAt: text("created_at").notNull(),
  disabledAt: text("disabled_at"),
});

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(), // webhook id + event id
    webhookId: text("webhook_id").notNull(),
    eventId: text("event_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: text("delivered_at"),
    updatedAt: text("updated_at").notNull(),
    /** delivered, retrying (next_attempt_at says when), or dead (gave up at give_up_at; redeliver revives it). */
    status: text("status", { enum: ["retrying", "delivered", "dead"] })
      .notNull()
      .default("retrying"),
    /** The JSON POSTed: public facts of the event only, so a retry days later sends the same bytes. */
    body: text("body"),
    nextAttemptAt: text("next_attempt_at"),
    giveUpAt: text("give_up_at"),
    createdAt: text("created_at"),
  },
  (t) => [
    index("webhook_deliveries_webhook").on(t.webhookId, t.updatedAt),
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_created").on(t.webhookId, t.createdAt),
  ],
);

/** 问责: a 通报 on the ladder records who was late, for evaluation. One per case and ladder step. */
export const accountabilityRecords = sqliteTable(
  "accountability_records",
  {
    id: text("id").primaryKey(), // case id + ladder key
    caseId: text("case_id").notNull(),
    trackingNo: text("tracking_no").notNull(),
    departmentId: text("department_id"),
    stage: text("stage").notNull(),
    kind: text("kind").notNull(),
    dueAt: text("due_at").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("accountability_department").on(t.departmentId, t.recordedAt)],
);

/** The daily digest (09:00 Beijing) per department: what is due today, due soon and overdue. */
export const digests = sqliteTable(
  "digests",
  {
    departmentId: text("department_id").notNull(),
    date: text("date").notNull(), // Beijing date
    dueToday: integer("due_today").notNull(),
    dueSoon: integer("due_soon").notNull(),
    overdue: integer("overdue").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.date] })],
);

/** Near-duplicates found at intake: the dispatcher is offered a merge, never forced into one. */
export const duplicateSuggestions = sqliteTable(
  "duplicate_suggestions",
  {
    caseId: text("case_id").notNull(),
    candidateTrackingNo: text("candidate_tracking_no").notNull(),
    similarity: integer("similarity_pct").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.candidateTrackingNo] })],
);

/**
 * Accepted cases' MinHash signatures as the consumer kept them before the per-region index (the
 * NearDuplicateIndex object): no longer written, read once per region to fill its index.
 */
export const minhashSignatures = sqliteTable(
  "minhash_signatures",
  {
    caseId: text("case_id").primaryKey(),
    trackingNo: text("tracking_no").notNull(),
    regionCode: text("region_code").notNull(),
    submittedAt: text("submitted_at").notNull(),
    signature: text("signature", { mode: "json" }).$type<number[]>().notNull(),
  },
  (t) => [index("minhash_region_recent").on(t.regionCode, t.submittedAt)],
);

/** Partner origins an admin allows to frame the iframe widget (frame-ancestors); everyone else is refused. */
export const widgetOrigins = sqliteTable("widget_origins", {
  origin: text("origin").primaryKey(), // scheme://host[:port], exactly as the browser sends it
  partnerName: text("partner_name").notNull(),
  createdAt: text("created_at").notNull(),
});
