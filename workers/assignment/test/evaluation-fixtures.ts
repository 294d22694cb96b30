import { env } from "cloudflare:workers";
import { addMonths, currentPeriod } from "../../../shared/clocks/period";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import { ConsoleClient } from "./console";

/** What the evaluation pages' route tests share: the paths, the sign-in, and rows written straight into D1. */
export const PANEL = "/console/evaluation/panel";
export const ACCOUNTABILITY = "/console/evaluation/accountability";
export const OPINION = "/console/evaluation/opinion";
export const SETTINGS = "/console/evaluation/settings";

const now = () => new Date();
export const thisMonth = () => currentPeriod(now());
export const lastMonth = () => addMonths(thisMonth(), -1);

export const count = async (sql: string, ...binds: unknown[]) =>
  Number(
    await env.DB.prepare(sql)
      .bind(...binds)
      .first("n"),
  );
export const scoreRows = () => count("SELECT COUNT(*) AS n FROM panel_scores");

export async function joinGroup(userId = "evaluator", group = { id: "g-npc", name: "人大代表", weight: 2 }) {
  await env.DB.batch([
    env.DB.prepare("INSERT OR REPLACE INTO evaluator_groups (id, name, weight) VALUES (?, ?, ?)").bind(
      group.id,
      group.name,
      group.weight,
    ),
    env.DB.prepare("INSERT OR REPLACE INTO evaluator_members (user_id, group_id) VALUES (?, ?)").bind(userId, group.id),
  ]);
}

/** Signs in and opens a page, so the client holds the session's CSRF token. */
export async function staff(username: string, page: string) {
  const client = await ConsoleClient.signIn(username);
  await client.get(page);
  return client;
}

export const scores = (
  departmentId: string,
  [leadership, rules, feedback, acceptance]: string[],
  comment?: string,
) => ({
  [`leadership:${departmentId}`]: leadership ?? "",
  [`rules:${departmentId}`]: rules ?? "",
  [`feedback:${departmentId}`]: feedback ?? "",
  [`acceptance:${departmentId}`]: acceptance ?? "",
  ...(comment === undefined ? {} : { [`comment:${departmentId}`]: comment }),
});

export async function rollup(period: string, departmentId: string, counters: Record<string, number>) {
  await env.DB.batch(
    Object.entries(counters).map(([counter, n]) =>
      env.DB.prepare(
        "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, '620800', 'urban_rural', ?, ?)",
      ).bind(period, departmentId, counter, n),
    ),
  );
  await rebuildUnitSums(env.DB);
}

/** A read-model case carrying petitioner data that must never reach the evaluation pages. */
export const PETITIONER = { name: "欧阳测试人", phone: "13812345678", email: "petitioner-leak@example.cn" };
export async function insertCase(caseId: string, trackingNo: string) {
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_name, petitioner_phone, petitioner_email, query_code_hash, receipt_hash, submitted_at, last_seq, updated_at)
     VALUES (?, ?, 'complaint', 'assigned', '小区路灯不亮', '路灯坏了', '620802', 'api', 1, ?, ?, ?, 'q', 'r', '2025-06-01T01:00:00.000Z', 1, '2025-06-01T01:00:00.000Z')`,
  )
    .bind(caseId, trackingNo, PETITIONER.name, PETITIONER.phone, PETITIONER.email)
    .run();
}

export async function insertEvent(
  caseId: string,
  seq: number,
  type: string,
  at: string,
  payload: Record<string, unknown>,
  actor: { role: string; userId?: string; departmentId?: string } = { role: "system" },
) {
  await env.DB.prepare(
    "INSERT INTO case_events (event_id, case_id, seq, type, actor_role, actor_user_id, actor_department_id, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'p', 'h')",
  )
    .bind(
      `${caseId}-${seq}`,
      caseId,
      seq,
      type,
      actor.role,
      actor.userId ?? null,
      actor.departmentId ?? null,
      at,
      JSON.stringify(payload),
    )
    .run();
}

export async function insertTopic(
  period: string,
  region: string,
  t: {
    term: string;
    n: number;
    recent?: number;
    baseline?: number;
    burst?: number;
    rising?: boolean;
    dissatisfied?: number;
  },
) {
  await env.DB.prepare(
    "INSERT INTO opinion_topics (period, region_code, term, n, recent, baseline, burst, rising, dissatisfied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      period,
      region,
      t.term,
      t.n,
      t.recent ?? 0,
      t.baseline ?? 0,
      t.burst ?? 0,
      t.rising ? 1 : 0,
      t.dissatisfied ?? 0,
    )
    .run();
}

export async function insertCluster(
  period: string,
  clusterId: string,
  label: string,
  caseIds: string[],
  region = "620802",
) {
  await env.DB.prepare(
    "INSERT INTO opinion_clusters (period, cluster_id, size, region_code, label, case_ids) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(period, clusterId, caseIds.length, region, label, JSON.stringify(caseIds))
    .run();
}

// D1 keeps its rows from test to test within a file: each evaluation test file clears these before every test,
// so each test starts from the seeded city.
export async function insertIssue(period: string, rank: number, label: string, caseIds: string[], region = "620802") {
  await env.DB.prepare(
    `INSERT INTO opinion_issues (period, rank, label, heat, messages, petitioners, supporters, first_at, last_at, region_code, case_ids)
     VALUES (?, ?, ?, ?, ?, ?, 7, '2025-07-02T02:00:00.000Z', '2025-07-20T02:00:00.000Z', ?, ?)`,
  )
    .bind(period, rank, label, 60 - rank, caseIds.length, caseIds.length, region, JSON.stringify(caseIds))
    .run();
}

const TOUCHED = [
  "panel_scores",
  "evaluator_members",
  "evaluator_groups",
  "evaluation_settings",
  "rollup_counts",
  "rollup_units",
  "accountability_records",
  "opinion_topics",
  "opinion_issues",
  "opinion_clusters",
  "opinion_cursor",
];
export async function clearEvaluationTables() {
  await env.DB.batch([
    ...TOUCHED.map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
    env.DB.prepare(
      "DELETE FROM case_events WHERE case_id IN (SELECT case_id FROM cases WHERE query_code_hash = 'q' AND receipt_hash = 'r')",
    ),
    env.DB.prepare("DELETE FROM cases WHERE query_code_hash = 'q' AND receipt_hash = 'r'"),
  ]);
}

export const section = (html: string, testId: string) =>
  new RegExp(`data-testid="${testId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
