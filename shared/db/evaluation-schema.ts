import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Tables of the evaluation Worker: rollups, evaluator panels, settings and public-opinion analysis. */

/**
 * One counter of one cell (month × department × region × category), in long form so a new counter
 * needs no migration. Written only by increments guarded by `rollup_applied`, or by a rebuild.
 */
export const rollupCounts = sqliteTable(
  "rollup_counts",
  {
    period: text("period").notNull(), // YYYY-MM, Beijing time
    departmentId: text("department_id").notNull(), // '' = not yet assigned (the dispatch desk)
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(), // '' = uncategorised
    counter: text("counter").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.departmentId, t.regionCode, t.category, t.counter] })],
);

/**
 * The same counters summed per unit (department, county, the whole city), kept beside the cells by
 * the same guarded batch, so a month's report reads a few hundred rows however many cases there are.
 */
export const rollupUnits = sqliteTable(
  "rollup_units",
  {
    period: text("period").notNull(),
    kind: text("kind", { enum: ["department", "county", "city"] }).notNull(),
    unitId: text("unit_id").notNull(), // department id ('' = the dispatch desk), region code, or '' for the city
    counter: text("counter").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.kind, t.unitId, t.counter] })],
);

/** Every event the rollups have counted, so a redelivered event counts once. */
export const rollupApplied = sqliteTable("rollup_applied", {
  eventId: text("event_id").primaryKey(),
  caseId: text("case_id").notNull(),
});

/** 评议 groups (NPC deputies, CPPCC members, experts, media, citizen representatives …), each with a weight. */
export const evaluatorGroups = sqliteTable("evaluator_groups", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  weight: real("weight").notNull(),
});

/** Which group an evaluator account scores for. */
export const evaluatorMembers = sqliteTable("evaluator_members", {
  userId: text("user_id").primaryKey(),
  groupId: text("group_id").notNull(),
});

/** One evaluator's scores (0–100) for one department and month, on the seed's four indicators. */
export const panelScores = sqliteTable(
  "panel_scores",
  {
    period: text("period").notNull(),
    departmentId: text("department_id").notNull(),
    userId: text("user_id").notNull(),
    leadership: integer("leadership").notNull(), // 领导是否有力
    rules: integer("rules").notNull(), // 制度是否健全
    feedback: integer("feedback").notNull(), // 反馈是否及时
    acceptance: integer("acceptance").notNull(), // 结果是否认可
    comment: text("comment"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.departmentId, t.userId] }), index("panel_scores_period").on(t.period)],
);

/** Evaluation settings (ranking weights, minimum sample, prior strength, panel share) as JSON by key. */
export const evaluationSettings = sqliteTable("evaluation_settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** The terms of each analysed case, written once per case: the input of the daily counts. */
export const opinionCaseTerms = sqliteTable(
  "opinion_case_terms",
  {
    caseId: text("case_id").notNull(),
    term: text("term").notNull(),
    day: text("day").notNull(), // Beijing date of submission
    regionCode: text("region_code").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.term] }),
    index("opinion_case_terms_day").on(t.day, t.regionCode, t.term),
    index("opinion_case_terms_term").on(t.term, t.caseId), // the public board's word search
  ],
);

/** Messages per day, region and term, recomputed for the days a run touched. */
export const opinionDaily = sqliteTable(
  "opinion_daily",
  {
    day: text("day").notNull(),
    regionCode: text("region_code").notNull(),
    term: text("term").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionCode, t.term] })],
);

/** The analysis the pages read: top and rising terms per month and region ('*' = the whole city). */
export const opinionTopics = sqliteTable(
  "opinion_topics",
  {
    period: text("period").notNull(),
    regionCode: text("region_code").notNull(),
    term: text("term").notNull(),
    n: integer("n").notNull(),
    recent: integer("recent").notNull(), // in the last 7 days of the period
    baseline: real("baseline").notNull(), // expected in 7 days from the 28 before
    burst: real("burst").notNull(),
    rising: integer("rising", { mode: "boolean" }).notNull(),
    dissatisfied: integer("dissatisfied").notNull(),
    /** 附议 on the term's cases (their supporters summed). */
    supporters: integer("supporters").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.period, t.regionCode, t.term] })],
);

/** Clusters of near-duplicate messages (from the routing issue's suggestions) per month. */
export const opinionClusters = sqliteTable(
  "opinion_clusters",
  {
    period: text("period").notNull(),
    clusterId: text("cluster_id").notNull(), // the smallest member's case id: stable across runs
    size: integer("size").notNull(),
    regionCode: text("region_code").notNull(),
    label: text("label").notNull(), // the title of its earliest public member, masked
    caseIds: text("case_ids", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.clusterId] })],
);

/**
 * 热点问题 per month: the hot-issue grouping's top issues (one problem at one place), hottest first.
 * Rebuilt whole for a month whenever the analysis touches it, so rank is a stable key within a run.
 */
export const opinionIssues = sqliteTable(
  "opinion_issues",
  {
    period: text("period").notNull(),
    rank: integer("rank").notNull(),
    label: text("label").notNull(), // from a member's title, masked
    heat: real("heat").notNull(),
    messages: integer("messages").notNull(),
    petitioners: integer("petitioners").notNull(),
    supporters: integer("supporters").notNull(),
    firstAt: text("first_at").notNull(),
    lastAt: text("last_at").notNull(),
    regionCode: text("region_code"),
    caseIds: text("case_ids", { mode: "json" }).$type<string[]>().notNull(), // the representative first
  },
  (t) => [primaryKey({ columns: [t.period, t.rank] })],
);

/**
 * 每月一题: the month's issue the leadership takes up, chosen by a supervisor from the hot issues.
 * One a month; it names a lead department and a deadline, links the cases behind it (more may be
 * added) and is closed with a public account of what was done. Its public page shows progress.
 */
export const monthlyTopics = sqliteTable(
  "monthly_topics",
  {
    id: text("id").primaryKey(),
    period: text("period").notNull(),
    title: text("title").notNull(),
    leadDepartmentId: text("lead_department_id").notNull(),
    /** Beijing date, YYYY-MM-DD, by which the lead department reports the outcome. */
    deadline: text("deadline").notNull(),
    caseIds: text("case_ids", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    /** What was done, published when the topic is closed. */
    outcome: text("outcome"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    closedAt: text("closed_at"),
  },
  (t) => [uniqueIndex("monthly_topics_period").on(t.period)],
);

/** Where the analysis job got to, so each run takes only new cases. */
export const opinionCursor = sqliteTable("opinion_cursor", {
  id: integer("id").primaryKey(),
  submittedAt: text("submitted_at").notNull(),
  caseId: text("case_id").notNull(),
  ranAt: text("ran_at").notNull(),
});
