import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * D1: the read model projected by each case's durable object, plus configuration. The durable
 * object stays the only writer of `cases` and `case_events`.
 */

export const cases = sqliteTable(
  "cases",
  {
    caseId: text("case_id").primaryKey(),
    trackingNo: text("tracking_no").notNull(),
    type: text("type").notNull(),
    status: text("status").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    category: text("category"),
    regionCode: text("region_code").notNull(),
    address: text("address"),
    addressee: text("addressee"),
    channel: text("channel").notNull(),
    isPublic: integer("is_public", { mode: "boolean" }).notNull(),
    departmentId: text("department_id"),
    coDepartmentIds: text("co_department_ids", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Personal data: staff of the holding department and the citizen (with the query code) only.
    petitionerName: text("petitioner_name"),
    petitionerPhone: text("petitioner_phone").notNull(),
    petitionerEmail: text("petitioner_email"),
    /** The channels the petitioner asked to be told on ("sms", "email"); null (older cases): SMS only. */
    petitionerNotify: text("petitioner_notify", { mode: "json" }).$type<string[]>(),
    queryCodeHash: text("query_code_hash").notNull(),
    receiptHash: text("receipt_hash").notNull(),
    statusReason: text("status_reason"),
    submittedAt: text("submitted_at").notNull(),
    acceptedAt: text("accepted_at"),
    assignedAt: text("assigned_at"),
    acknowledgedAt: text("acknowledged_at"),
    repliedAt: text("replied_at"),
    closedAt: text("closed_at"),
    dueAt: text("due_at"),
    nextDueAt: text("next_due_at"),
    replyText: text("reply_text"),
    replyOutcome: text("reply_outcome"),
    replyOutcomeNote: text("reply_outcome_note"),
    replySpokespersonName: text("reply_spokesperson_name"),
    replySpokespersonTitle: text("reply_spokesperson_title"),
    rating: text("rating"),
    mergedInto: text("merged_into"),
    // Desk queues: a waiting extension request and a reply draft awaiting the spokesperson.
    pendingExtensionDays: integer("pending_extension_days"),
    pendingExtensionReason: text("pending_extension_reason"),
    draftText: text("draft_text"),
    draftOutcome: text("draft_outcome"),
    draftOutcomeNote: text("draft_outcome_note"),
    returnCount: integer("return_count").notNull().default(0),
    finalDispatch: integer("final_dispatch", { mode: "boolean" }).notNull().default(false),
    /** 附议: citizens who said they have the same problem (the count only; their phones stay in the case object). */
    supporters: integer("supporters").notNull().default(0),
    /** Duplicates merged into this case. */
    mergedCount: integer("merged_count").notNull().default(0),
    lastSeq: integer("last_seq").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("cases_tracking_no").on(t.trackingNo),
    index("cases_status").on(t.status, t.submittedAt),
    index("cases_department").on(t.departmentId, t.status),
    index("cases_next_due").on(t.nextDueAt, t.caseId), // the deadline sweep's range and order
    index("cases_public_recent").on(t.isPublic, t.submittedAt),
    index("cases_public_supporters").on(t.isPublic, t.supporters, t.submittedAt, t.caseId), // the board by 附议
    index("cases_submitted").on(t.submittedAt, t.caseId), // the opinion analysis's cursor
    // The public board filtered by department or by county, newest first.
    index("cases_public_department").on(t.departmentId, t.isPublic, t.submittedAt, t.caseId),
    index("cases_public_region").on(t.regionCode, t.isPublic, t.submittedAt, t.caseId),
    index("cases_petitioner_phone").on(t.petitionerPhone, t.submittedAt), // same-phone duplicate check
  ],
);

export const caseEvents = sqliteTable(
  "case_events",
  {
    eventId: text("event_id").primaryKey(),
    caseId: text("case_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    actorRole: text("actor_role").notNull(),
    actorUserId: text("actor_user_id"),
    actorDepartmentId: text("actor_department_id"),
    at: text("at").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("case_events_case_seq").on(t.caseId, t.seq), index("case_events_type_at").on(t.type, t.at)], // type × month: the accountability list
);

export const regions = sqliteTable("regions", {
  code: text("code").primaryKey(), // GB/T 2260
  name: text("name").notNull(),
  nameEn: text("name_en"), // null: English pages show the Chinese name
  parentCode: text("parent_code"),
  /** Set when the city no longer uses it: kept, because old cases name it; new ones may not. */
  deactivatedAt: text("deactivated_at"),
});

export const departments = sqliteTable("departments", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en"),
  shortName: text("short_name"),
  kind: text("kind", { enum: ["office", "municipal", "county", "leader_office"] }).notNull(),
  parentId: text("parent_id"),
  regionCode: text("region_code"),
  /** Who answers for the department (负责人). */
  headName: text("head_name"),
  headTitle: text("head_title"),
  deactivatedAt: text("deactivated_at"),
});

export const addressees = sqliteTable("addressees", {
  code: text("code").primaryKey(), // leader mailbox, e.g. mayor
  name: text("name").notNull(),
  nameEn: text("name_en"),
  departmentId: text("department_id").notNull(),
  deactivatedAt: text("deactivated_at"),
});

export const categories = sqliteTable("categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en"),
  deactivatedAt: text("deactivated_at"),
});

export const messageTypes = sqliteTable("message_types", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});

export const timeLimitRules = sqliteTable(
  "time_limit_rules",
  {
    id: text("id").primaryKey(),
    messageType: text("message_type").notNull(),
    category: text("category"), // null: every category of the type
    stage: text("stage", { enum: ["dispatch", "acknowledge", "reply", "rating"] }).notNull(),
    limitValue: integer("limit_value"), // null: no limit (感谢)
    unit: text("unit", { enum: ["working_hours", "working_days", "calendar_days"] }).notNull(),
    extensionCapDays: integer("extension_cap_days").notNull().default(0),
    maxExtensions: integer("max_extensions").notNull().default(0),
    escalation: text("escalation", { mode: "json" }).$type<Record<string, number>>(),
    returnWindowDays: integer("return_window_days"),
  },
  (t) => [index("time_limit_rules_key").on(t.messageType, t.category, t.stage)],
);

export const calendarVersions = sqliteTable("calendar_versions", {
  version: integer("version").primaryKey(),
  note: text("note").notNull(),
  createdAt: text("created_at").notNull(),
});

export const calendarDays = sqliteTable(
  "calendar_days",
  {
    version: integer("version").notNull(),
    date: text("date").notNull(), // YYYY-MM-DD, Asia/Shanghai
    kind: text("kind", { enum: ["holiday", "workday"] }).notNull(), // workday: a 调休 weekend working day
    name: text("name"),
  },
  (t) => [primaryKey({ columns: [t.version, t.date] })],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role").notNull(),
    departmentId: text("department_id").notNull(),
    publicTitle: text("public_title"), // spokespeople answer under this
    /** Where notifications reach this account (set on the profile page); null: not on that channel. */
    phone: text("phone"),
    email: text("email"),
    /** The department's head (负责人): hears 催办 and 督办. */
    isHead: integer("is_head", { mode: "boolean" }).notNull().default(false),
    lang: text("lang", { enum: ["zh-CN", "en"] })
      .notNull()
      .default("zh-CN"),
    passwordHash: text("password_hash").notNull(),
    /** Set for an account made with a one-time password: the console asks for a new one first. */
    passwordChangeRequired: integer("password_change_required", { mode: "boolean" }).notNull().default(false),
    /** The TOTP second factor's base32 secret, once set up (null: none). */
    totpSecret: text("totp_secret"),
    /** The last 30-second step a code was accepted for: the same code never works twice. */
    totpLastStep: integer("totp_last_step"),
    disabledAt: text("disabled_at"),
  },
  (t) => [uniqueIndex("users_username").on(t.username)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    partnerName: text("partner_name").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
    /** Submissions a minute this partner may make (the admin sets it); citizens' limits are separate. */
    quotaPerMinute: integer("quota_per_minute").notNull().default(600),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.keyHash)],
);

/** Each partner's accepted submissions per minute (`2026-12-07T09:15`): what its quota counts. */
export const partnerUsage = sqliteTable(
  "partner_usage",
  {
    apiKeyId: text("api_key_id").notNull(),
    minute: text("minute").notNull(),
    submissions: integer("submissions").notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.minute] })],
);

/** deadline: one row per sweep, so a missed or doubled cron is visible. */
export const sweepRuns = sqliteTable("sweep_runs", {
  sweepId: text("sweep_id").primaryKey(),
  scheduledAt: text("scheduled_at").notNull(),
  dueCount: integer("due_count").notNull(),
});

/**
 * A counter every configuration change moves (admin pages, city loads): Workers that cache the
 * configuration per isolate (the routing consumer) compare it, in a query they make anyway, and
 * reload only when it moved.
 */
export const configVersion = sqliteTable("config_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});
