import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addMonths, currentPeriod, periodLabel } from "../../../shared/clocks/period";
import { loadRankingConfig, panelScores } from "../../../shared/db/evaluation-queries";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { HANDLER_EVENTS_SQL } from "../src/desk/accountability-queries";
import { ConsoleClient } from "./console";

const PANEL = "/console/evaluation/panel";
const ACCOUNTABILITY = "/console/evaluation/accountability";
const OPINION = "/console/evaluation/opinion";
const SETTINGS = "/console/evaluation/settings";

const now = () => new Date();
const thisMonth = () => currentPeriod(now());
const lastMonth = () => addMonths(thisMonth(), -1);

const count = async (sql: string, ...binds: unknown[]) =>
  Number(
    await env.DB.prepare(sql)
      .bind(...binds)
      .first("n"),
  );
const scoreRows = () => count("SELECT COUNT(*) AS n FROM panel_scores");

async function joinGroup(userId = "evaluator", group = { id: "g-npc", name: "人大代表", weight: 2 }) {
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
async function staff(username: string, page: string) {
  const client = await ConsoleClient.signIn(username);
  await client.get(page);
  return client;
}

const scores = (departmentId: string, [leadership, rules, feedback, acceptance]: string[], comment?: string) => ({
  [`leadership:${departmentId}`]: leadership ?? "",
  [`rules:${departmentId}`]: rules ?? "",
  [`feedback:${departmentId}`]: feedback ?? "",
  [`acceptance:${departmentId}`]: acceptance ?? "",
  ...(comment === undefined ? {} : { [`comment:${departmentId}`]: comment }),
});

async function rollup(period: string, departmentId: string, counters: Record<string, number>) {
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
const PETITIONER = { name: "欧阳测试人", phone: "13812345678", email: "petitioner-leak@example.cn" };
async function insertCase(caseId: string, trackingNo: string) {
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_name, petitioner_phone, petitioner_email, query_code_hash, receipt_hash, submitted_at, last_seq, updated_at)
     VALUES (?, ?, 'complaint', 'assigned', '小区路灯不亮', '路灯坏了', '620802', 'api', 1, ?, ?, ?, 'q', 'r', '2025-06-01T01:00:00.000Z', 1, '2025-06-01T01:00:00.000Z')`,
  )
    .bind(caseId, trackingNo, PETITIONER.name, PETITIONER.phone, PETITIONER.email)
    .run();
}

async function insertEvent(
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

async function insertTopic(
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

async function insertCluster(period: string, clusterId: string, label: string, caseIds: string[], region = "620802") {
  await env.DB.prepare(
    "INSERT INTO opinion_clusters (period, cluster_id, size, region_code, label, case_ids) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(period, clusterId, caseIds.length, region, label, JSON.stringify(caseIds))
    .run();
}

// D1 keeps its rows from test to test within this file: each test starts from the seeded city.
const TOUCHED = [
  "panel_scores",
  "evaluator_members",
  "evaluator_groups",
  "evaluation_settings",
  "rollup_counts",
  "rollup_units",
  "accountability_records",
  "opinion_topics",
  "opinion_clusters",
  "opinion_cursor",
];
beforeEach(async () => {
  await env.DB.batch([
    ...TOUCHED.map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
    env.DB.prepare(
      "DELETE FROM case_events WHERE case_id IN (SELECT case_id FROM cases WHERE query_code_hash = 'q' AND receipt_hash = 'r')",
    ),
    env.DB.prepare("DELETE FROM cases WHERE query_code_hash = 'q' AND receipt_hash = 'r'"),
  ]);
});

const section = (html: string, testId: string) =>
  new RegExp(`data-testid="${testId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

describe("evaluation pages: who may open them", () => {
  it("answers 403 to a department's handler on every page, and lets each role in only where the table says", async () => {
    const handler = await staff("pl-housing-handler", "/console/inbox");
    for (const path of [PANEL, ACCOUNTABILITY, OPINION, SETTINGS])
      expect((await handler.get(path)).status, path).toBe(403);
    expect(
      (await handler.post(PANEL, { period: lastMonth(), ...scores("pl-housing", ["100", "100", "100", "100"]) }))
        .status,
    ).toBe(403);
    expect((await handler.post(`${SETTINGS}/groups`, { name: "自己人", weight: "9" })).status).toBe(403);

    const supervisor = await staff("supervisor", "/console/overdue");
    expect((await supervisor.get(PANEL)).status).toBe(403);
    expect(
      (await supervisor.post(PANEL, { period: lastMonth(), ...scores("pl-housing", ["1", "1", "1", "1"]) })).status,
    ).toBe(403);
    expect((await supervisor.get(ACCOUNTABILITY)).status).toBe(200);
    expect((await supervisor.get(OPINION)).status).toBe(200);
    expect((await supervisor.get(SETTINGS)).status).toBe(403);

    const evaluator = await ConsoleClient.signIn("evaluator");
    const panel = await evaluator.get(PANEL);
    expect(panel.status).toBe(200);
    const nav = await panel.text();
    expect(nav).toContain('href="/console/evaluation/panel"');
    expect(nav).not.toContain('href="/console/evaluation/accountability"');
    for (const path of [ACCOUNTABILITY, OPINION, SETTINGS]) expect((await evaluator.get(path)).status, path).toBe(403);

    const leaderOffice = await staff("pl-mayor-office-handler", "/console/inbox");
    const opinion = await leaderOffice.get(OPINION);
    expect(opinion.status).toBe(200);
    expect(await opinion.text()).toContain('href="/console/evaluation/opinion"');
    expect((await leaderOffice.get(ACCOUNTABILITY)).status).toBe(403);
    expect((await leaderOffice.get(PANEL)).status).toBe(403);

    const dispatcher = await staff("dispatcher", "/console/dispatch");
    expect((await dispatcher.get(ACCOUNTABILITY)).status).toBe(200);
    expect((await dispatcher.get(OPINION)).status).toBe(200);
    expect((await dispatcher.get(PANEL)).status).toBe(403);

    expect(await scoreRows()).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM evaluator_groups")).toBe(0);
  });

  it("refuses a scoring form without the session's CSRF token", async () => {
    await joinGroup();
    const evaluator = await staff("evaluator", PANEL);
    const res = await evaluator.post(
      PANEL,
      { period: lastMonth(), ...scores("pl-housing", ["90", "90", "90", "90"]) },
      { withCsrf: false },
    );
    expect(res.status).toBe(403);
    expect(await scoreRows()).toBe(0);
  });
});

describe("评议打分", () => {
  it("tells an evaluator outside every group so, and takes no scores from them", async () => {
    const evaluator = await staff("evaluator", PANEL);
    const html = await (await evaluator.get(PANEL)).text();
    expect(html).toContain("尚未加入任何评议组");
    expect(html).not.toContain("保存评分");
    const res = await evaluator.post(PANEL, { period: lastMonth(), ...scores("pl-housing", ["90", "90", "90", "90"]) });
    expect(res.status).toBe(403);
    expect(await scoreRows()).toBe(0);
  });

  it("lists the scored departments with the month's objective figures, defaulting to last month", async () => {
    await joinGroup();
    await rollup(lastMonth(), "pl-housing", {
      assigned: 10,
      acknowledgedOnTime: 8,
      repliedOnTime: 3,
      replyOverdue: 1,
      rated: 4,
      satisfied: 2,
      basicallySatisfied: 1,
    });
    const evaluator = await staff("evaluator", PANEL);
    const html = await (await evaluator.get(PANEL)).text();
    expect(html).toContain(periodLabel(lastMonth()));
    expect(html).toContain("人大代表");
    expect(html).toMatch(/权重 2/);
    const housing = /data-testid="panel-row-pl-housing"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(housing).toContain("80.0%"); // 8 of 10 signed on time
    expect(housing).toContain("75.0%"); // 3 of 4 replied on time; 3 of 4 satisfied
    expect(html).toContain('data-testid="panel-row-kongtong"');
    for (const office of ["pl-office", "pl-mayor-office", "pl-secretary-office"])
      expect(html).not.toContain(`panel-row-${office}"`);
  });

  it("re-renders 101 and abc with the reasons and writes nothing", async () => {
    await joinGroup();
    const evaluator = await staff("evaluator", PANEL);
    const tooHigh = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["101", "90", "90", "90"]),
    });
    expect(tooHigh.status).toBe(400);
    const tooHighHtml = await tooHigh.text();
    expect(tooHighHtml).toContain("平凉市住房和城乡建设局 · 领导是否有力：不能超过 100");
    expect(tooHighHtml).toContain('value="101"'); // the form comes back as sent
    expect(tooHighHtml).toMatch(/name="leadership:pl-housing"[^>]*aria-invalid="true"/);

    const notNumber = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["80", "abc", "90", "90"]),
      ...scores("kongtong", ["70", "70", "70", "70"]),
    });
    expect(notNumber.status).toBe(400);
    expect(await notNumber.text()).toContain("制度是否健全：须为 0–100 的整数");

    const partial = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["80", "", "90", "90"]),
    });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain("请填写全部四项评分");

    const extra = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["80", "80", "90", "90"]),
      userId: "someone-else",
    });
    expect(extra.status).toBe(400);
    expect(await scoreRows()).toBe(0);
  });

  it("saves idempotently: a second save updates the evaluator's rows, and the ranking reads them", async () => {
    await joinGroup();
    const evaluator = await staff("evaluator", PANEL);
    const first = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["90", "80", "70", "60"], "答复及时"),
      ...scores("kongtong", ["50", "50", "50", "50"]),
    });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`${PANEL}?period=${lastMonth()}&saved=1`);
    expect(await scoreRows()).toBe(2);

    const again = await evaluator.post(PANEL, {
      period: lastMonth(),
      ...scores("pl-housing", ["100", "100", "100", "96"], "整改到位"),
    });
    expect(again.status).toBe(303);
    expect(await scoreRows()).toBe(2);
    const housing = await env.DB.prepare(
      "SELECT leadership, rules, feedback, acceptance, comment FROM panel_scores WHERE period = ? AND department_id = 'pl-housing' AND user_id = 'evaluator'",
    )
      .bind(lastMonth())
      .first();
    expect(housing).toEqual({ leadership: 100, rules: 100, feedback: 100, acceptance: 96, comment: "整改到位" });
    expect((await panelScores(env.DB, lastMonth())).get("pl-housing")).toBe(99);

    const page = await (await evaluator.get(`${PANEL}?period=${lastMonth()}&saved=1`)).text();
    expect(page).toContain("评分已保存");
    expect(page).toMatch(/name="acceptance:pl-housing" value="96"/);
  });

  it("scores only this month and the last: older months are closed, later ones not open", async () => {
    await joinGroup();
    const evaluator = await staff("evaluator", PANEL);
    const old = addMonths(thisMonth(), -2);
    const oldPage = await (await evaluator.get(`${PANEL}?period=${old}`)).text();
    expect(oldPage).toContain("评议已截止");
    expect(oldPage).not.toContain("保存评分");
    expect(oldPage).toMatch(/name="leadership:pl-housing"[^>]*disabled/);
    expect(
      (await evaluator.post(PANEL, { period: old, ...scores("pl-housing", ["90", "90", "90", "90"]) })).status,
    ).toBe(400);
    const future = addMonths(thisMonth(), 1);
    expect(await (await evaluator.get(`${PANEL}?period=${future}`)).text()).toContain("尚未开始");
    expect(
      (await evaluator.post(PANEL, { period: future, ...scores("pl-housing", ["90", "90", "90", "90"]) })).status,
    ).toBe(400);
    expect(await scoreRows()).toBe(0);

    expect(
      (await evaluator.post(PANEL, { period: thisMonth(), ...scores("pl-housing", ["90", "90", "90", "90"]) })).status,
    ).toBe(303);
    expect(await scoreRows()).toBe(1);
    expect((await evaluator.get(`${PANEL}?period=2025-13`)).status).toBe(400);
  });
});

describe("评议设置", () => {
  it("shows the defaults, refuses a negative weight and a panel share of 2 without a change, and saves valid settings", async () => {
    const admin = await staff("admin", SETTINGS);
    const page = await (await admin.get(SETTINGS)).text();
    expect(page).toContain("尚未保存设置");
    expect(page).toMatch(/name="w\.onTimeRate" value="0\.3"/);
    expect(page).toMatch(/name="panelShare" value="0\.2"/);

    const negativeGroup = await admin.post(`${SETTINGS}/groups`, { name: "人大代表", weight: "-1" });
    expect(negativeGroup.status).toBe(400);
    expect(await negativeGroup.text()).toContain("权重：不能为负数");
    expect(await count("SELECT COUNT(*) AS n FROM evaluator_groups")).toBe(0);

    const ranking = {
      "w.responseRate": "0.2",
      "w.onTimeRate": "0.3",
      "w.satisfactionRate": "0.5",
      minSample: "5",
      priorStrength: "8",
      panelShare: "0.25",
    };
    const badShare = await admin.post(`${SETTINGS}/ranking`, { ...ranking, panelShare: "2" });
    expect(badShare.status).toBe(400);
    const badShareHtml = await badShare.text();
    expect(badShareHtml).toContain("评议得分占比：不能大于 1");
    expect(badShareHtml).toMatch(/name="panelShare" value="2"/);
    for (const bad of [
      { "w.responseRate": "-0.5" },
      { "w.responseRate": "0", "w.onTimeRate": "0", "w.satisfactionRate": "0" },
      { minSample: "2.5" },
      { priorStrength: "abc" },
    ]) {
      expect((await admin.post(`${SETTINGS}/ranking`, { ...ranking, ...bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await count("SELECT COUNT(*) AS n FROM evaluation_settings")).toBe(0);

    expect((await admin.post(`${SETTINGS}/ranking`, ranking)).status).toBe(303);
    expect(await loadRankingConfig(env.DB)).toEqual({
      weights: { responseRate: 0.2, onTimeRate: 0.3, satisfactionRate: 0.5 },
      minSample: 5,
      priorStrength: 8,
      panelShare: 0.25,
    });
    expect(await (await admin.get(SETTINGS)).text()).toContain("当前使用已保存的设置");
    expect((await admin.post(`${SETTINGS}/ranking/reset`, {})).status).toBe(303);
    expect(await count("SELECT COUNT(*) AS n FROM evaluation_settings")).toBe(0);
  });

  it("adds and edits groups, assigns evaluator accounts only, and deletes a group only when empty", async () => {
    const admin = await staff("admin", SETTINGS);
    expect((await admin.post(`${SETTINGS}/groups`, { name: "专家学者", weight: "1.5" })).status).toBe(303);
    const group = await env.DB.prepare("SELECT id, name, weight FROM evaluator_groups").first<{
      id: string;
      name: string;
      weight: number;
    }>();
    expect(group).toMatchObject({ name: "专家学者", weight: 1.5 });
    const id = group?.id ?? "";

    expect((await admin.post(`${SETTINGS}/groups/edit`, { id, name: "专家学者", weight: "-2" })).status).toBe(400);
    expect((await admin.post(`${SETTINGS}/groups/edit`, { id, name: "专家学者代表", weight: "3" })).status).toBe(303);
    expect(await env.DB.prepare("SELECT name, weight FROM evaluator_groups WHERE id = ?").bind(id).first()).toEqual({
      name: "专家学者代表",
      weight: 3,
    });

    expect((await admin.post(`${SETTINGS}/members`, { userId: "pl-housing-handler", groupId: id })).status).toBe(400);
    expect((await admin.post(`${SETTINGS}/members`, { userId: "evaluator", groupId: "no-such-group" })).status).toBe(
      400,
    );
    expect((await admin.post(`${SETTINGS}/members`, { userId: "evaluator", groupId: id })).status).toBe(303);
    expect(
      await env.DB.prepare("SELECT group_id FROM evaluator_members WHERE user_id = 'evaluator'").first("group_id"),
    ).toBe(id);

    const refused = await admin.post(`${SETTINGS}/groups/delete`, { id });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("还有成员");
    expect(await count("SELECT COUNT(*) AS n FROM evaluator_groups")).toBe(1);

    const evaluator = await staff("evaluator", PANEL);
    expect(await (await evaluator.get(PANEL)).text()).toContain("专家学者代表");

    expect((await admin.post(`${SETTINGS}/members`, { userId: "evaluator", groupId: "" })).status).toBe(303);
    expect((await admin.post(`${SETTINGS}/groups/delete`, { id })).status).toBe(303);
    expect(await count("SELECT COUNT(*) AS n FROM evaluator_groups")).toBe(0);
  });
});

describe("问责清单", () => {
  const P = "2025-06";

  it("orders departments worst first from the rollups, highlights what crosses a threshold, and lists the 通报 records", async () => {
    await rollup(P, "pl-housing", {
      noticed: 2,
      supervised: 1,
      urged: 3,
      replied: 10,
      redone: 1,
      assigned: 10,
      acknowledgedLate: 1,
    });
    await rollup(P, "pl-health", { supervised: 1, replied: 5, redone: 2, assigned: 4, acknowledgedLate: 2 });
    await rollup(addMonths(P, -1), "pl-health", { supervised: 1 });
    await rollup(addMonths(P, -2), "kongtong", { urged: 1 });
    await rollup(addMonths(P, -3), "pl-education", { noticed: 5 }); // outside the three months
    await rollup(P, "jingchuan", { replied: 10, assigned: 10 }); // nothing to answer for
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES (?, ?, ?, ?, 'reply', 'notice', ?, ?)",
      ).bind(
        "acc-june",
        "case-acc-june",
        "JUNE0001NTCE",
        "pl-housing",
        "2025-06-02T09:00:00.000Z",
        "2025-06-10T01:00:00.000Z",
      ),
      env.DB.prepare(
        "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES (?, ?, ?, ?, 'reply', 'notice', ?, ?)",
      ).bind(
        "acc-may",
        "case-acc-may",
        "MAYX0001NTCE",
        "pl-housing",
        "2025-05-02T09:00:00.000Z",
        "2025-05-10T01:00:00.000Z",
      ),
    ]);
    const supervisor = await staff("supervisor", "/console/overdue");
    const res = await supervisor.get(`${ACCOUNTABILITY}?period=${P}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const table = section(html, "accountability-departments");
    expect([...table.matchAll(/data-department="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "pl-health",
      "pl-housing",
      "kongtong",
    ]);
    const row = (id: string) => new RegExp(`data-department="${id}"[\\s\\S]*?</tr>`).exec(table)?.[0] ?? "";
    expect(row("pl-health").match(/class="flag"/g)).toHaveLength(3); // 督办 twice in three months, redo 40 %, late 50 %
    expect(row("pl-health")).toContain("40.0%（2/5）");
    expect(row("pl-housing").match(/class="flag"/g)).toHaveLength(1); // 通报 twice
    expect(row("kongtong")).not.toContain("flag");
    expect(html).toContain('href="/console/cases/JUNE0001NTCE"');
    expect(html).not.toContain("MAYX0001NTCE");
    expect(html).toContain("请使用浏览器的打印功能打印本页");
    expect(html).toContain('class="period-nav no-print"');
  });

  it("names the handlers who signed late or whose cases were chased in the month", async () => {
    await insertCase("case-late", "LATE0001ACKN");
    await insertEvent(
      "case-late",
      2,
      "case.assigned",
      "2025-06-03T02:00:00.000Z",
      { departmentId: "pl-housing", coDepartmentIds: [] },
      { role: "dispatcher", userId: "dispatcher", departmentId: "pl-office" },
    );
    await insertEvent(
      "case-late",
      3,
      "case.acknowledged",
      "2025-06-05T02:00:00.000Z",
      { dueAt: "2025-06-04T15:59:59.999Z" },
      { role: "handler", userId: "pl-housing-handler", departmentId: "pl-housing" },
    );
    await insertEvent("case-late", 4, "case.escalated", "2025-06-20T02:00:00.000Z", {
      kind: "urge",
      stage: "reply",
      departmentId: "pl-housing",
    });
    await insertCase("case-unsigned", "UNSG0001ACKN");
    await insertEvent(
      "case-unsigned",
      2,
      "case.assigned",
      "2025-06-03T02:00:00.000Z",
      { departmentId: "pl-health", coDepartmentIds: [] },
      { role: "dispatcher", userId: "dispatcher", departmentId: "pl-office" },
    );
    await insertEvent("case-unsigned", 3, "case.escalated", "2025-06-05T02:00:00.000Z", {
      kind: "urge",
      stage: "acknowledge",
      departmentId: "pl-health",
    });
    await insertEvent("case-unsigned", 4, "case.escalated", "2025-06-04T02:00:00.000Z", {
      kind: "remind75",
      stage: "acknowledge",
      departmentId: "pl-health",
    });
    await insertCase("case-ontime", "ONTM0001ACKN");
    await insertEvent(
      "case-ontime",
      3,
      "case.acknowledged",
      "2025-06-05T02:00:00.000Z",
      { dueAt: "2025-06-06T15:59:59.999Z" },
      { role: "handler", userId: "pl-education-handler", departmentId: "pl-education" },
    );
    await insertCase("case-may", "MAYX0002ACKN");
    await insertEvent(
      "case-may",
      3,
      "case.acknowledged",
      "2025-05-05T02:00:00.000Z",
      { dueAt: "2025-05-01T15:59:59.999Z" },
      { role: "handler", userId: "pl-health-handler", departmentId: "pl-health" },
    );

    const supervisor = await staff("supervisor", "/console/overdue");
    const html = await (await supervisor.get(`${ACCOUNTABILITY}?period=${P}`)).text();
    const handlers = section(html, "accountability-handlers");
    const rows = [...handlers.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("平凉市住房和城乡建设局");
    expect(rows[0]).toContain("市住建局承办人");
    expect(rows[0]).toMatch(/<td class="num">1<\/td><td class="num">1<\/td>/);
    expect(rows[0]).toContain('href="/console/cases/LATE0001ACKN"');
    expect(rows[1]).toContain("（尚未签收）");
    expect(rows[1]).toContain('href="/console/cases/UNSG0001ACKN"');
    expect(handlers).not.toContain("ONTM0001ACKN");
    expect(handlers).not.toContain("MAYX0002ACKN");
  });

  it("bounds the handler query to the month through the (type, at) index", async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${HANDLER_EVENTS_SQL}`)
      .bind("2025-05-31T16:00:00.000Z", "2025-06-30T16:00:00.000Z")
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details.filter((d) => /USING INDEX case_events_type_at/.test(d)).length).toBeGreaterThanOrEqual(2);
    expect(details.some((d) => /^SCAN (e|a|s)\b/.test(d))).toBe(false);
  });
});

describe("舆情分析", () => {
  const P = "2025-07";

  it("says plainly when there is no analysis yet", async () => {
    const dispatcher = await staff("dispatcher", "/console/dispatch");
    const html = await (await dispatcher.get(OPINION)).text();
    expect(html).toContain("舆情分析尚未运行过");
    expect(html).toContain('data-testid="opinion-empty"');
    expect(html).not.toContain("opinion-charts.js");
  });

  it("reads hot and rising terms and clusters from the analysis tables, ranks 每月一题 candidates, and feeds the charts", async () => {
    for (let i = 0; i < 35; i += 1)
      await insertTopic(P, "*", {
        term: `热词${String(i).padStart(2, "0")}`,
        n: 35 - i,
        recent: 5,
        baseline: 5,
        burst: 0,
      });
    await insertTopic(P, "*", {
      term: "停水",
      n: 40,
      recent: 12,
      baseline: 3,
      burst: 5.2,
      rising: true,
      dissatisfied: 4,
    });
    await insertTopic(P, "*", { term: "供暖", n: 20, recent: 9, baseline: 2, burst: 4.4, rising: true });
    await insertTopic(P, "620802", { term: "崆峒路灯", n: 7 });
    await insertCase("case-op-1", "OPIN0001CLST");
    await insertCluster(P, "case-op-1", "柳湖小区停水三天", ["case-op-1", "case-op-2", "case-op-3"]);
    await env.DB.prepare(
      "INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, '2025-07-30T00:00:00.000Z', 'case-op-3', '2025-07-31T01:30:00.000Z')",
    ).run();

    const supervisor = await staff("supervisor", "/console/overdue");
    const res = await supervisor.get(OPINION); // defaults to the latest analysed month
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(periodLabel(P));
    expect(html).toContain("2025-07-31 09:30");

    const hot = section(html, "opinion-hot");
    expect(hot.match(/<tr>/g)).toHaveLength(31); // header + top 30
    expect(hot).toContain("热词00");
    expect(hot).toContain('<td>停水</td><td class="num">40</td>');
    expect(hot).not.toContain("热词34");
    expect(hot).not.toContain("崆峒路灯");

    const rising = section(html, "opinion-rising");
    expect(rising.indexOf("停水")).toBeLessThan(rising.indexOf("供暖"));
    expect(rising).toContain('<td class="num">12</td><td class="num">3.0</td><td class="num">4.0</td>');

    const candidates = section(html, "opinion-candidates");
    expect(candidates).toContain("为往常的 4.0 倍");
    expect(candidates).toContain("不满意 4 件");
    expect(candidates).toContain("相似留言 3 件"); // the cluster's label mentions 停水
    expect(candidates.indexOf("停水")).toBeLessThan(candidates.indexOf("热词00"));

    const clusters = section(html, "opinion-clusters");
    expect(clusters).toContain("柳湖小区停水三天");
    expect(clusters).toContain('href="/console/evaluation/cases/case-op-1"');
    const member = await supervisor.get("/console/evaluation/cases/case-op-1");
    expect(member.status).toBe(303);
    expect(member.headers.get("location")).toBe("/console/cases/OPIN0001CLST");
    expect((await supervisor.get("/console/evaluation/cases/case-op-2")).status).toBe(404);

    const json = /<script type="application\/json" id="opinion-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const data = JSON.parse(json) as {
      hot: { term: string; n: number }[];
      rising: { term: string; recent: number; baseline: number }[];
    };
    expect(data.hot).toHaveLength(30);
    expect(data.rising[0]).toEqual({ term: "停水", recent: 12, baseline: 3 });
    expect(html).toContain('<script src="/reports/assets/echarts.min.js" defer=""></script>');
    for (const tag of html.match(/<script[^>]*>/g) ?? [])
      expect(tag).toMatch(/src="\/(reports|console)\/assets\/|type="application\/json"/);

    const county = await (await supervisor.get(`${OPINION}?period=${P}&region=620802`)).text();
    expect(section(county, "opinion-hot")).toContain("崆峒路灯");
    expect(section(county, "opinion-hot")).not.toContain("热词00");
    expect((await supervisor.get(`${OPINION}?period=${P}&region=abc`)).status).toBe(400);

    const script = await supervisor.get("/console/assets/opinion-charts.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("echarts.init");
  });
});

describe("no petitioner data, and untrusted text renders inert", () => {
  it("never shows a petitioner's name, phone or e-mail on the evaluation pages", async () => {
    await joinGroup();
    await insertCase("case-pii", "PIIX0001CASE");
    await insertEvent("case-pii", 2, "case.assigned", "2025-06-03T02:00:00.000Z", {
      departmentId: "pl-housing",
      coDepartmentIds: [],
    });
    await insertEvent("case-pii", 3, "case.escalated", "2025-06-20T02:00:00.000Z", {
      kind: "notice",
      stage: "reply",
      departmentId: "pl-housing",
    });
    await env.DB.prepare(
      "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES ('acc-pii', 'case-pii', 'PIIX0001CASE', 'pl-housing', 'reply', 'notice', '2025-06-10T09:00:00.000Z', '2025-06-20T02:00:00.000Z')",
    ).run();
    await rollup("2025-06", "pl-housing", { noticed: 1 });
    await insertTopic("2025-06", "*", { term: "路灯", n: 3 });
    await insertCluster("2025-06", "case-pii", "小区路灯不亮", ["case-pii"]);
    const admin = await staff("admin", SETTINGS);
    await joinGroup("admin");
    const pages = [`${ACCOUNTABILITY}?period=2025-06`, `${OPINION}?period=2025-06`, PANEL, SETTINGS];
    for (const path of pages) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const secret of Object.values(PETITIONER)) expect(html, `${path} shows ${secret}`).not.toContain(secret);
    }
  });

  it("renders XSS payloads as text in group names, comments, topic terms and cluster labels", async () => {
    const payloads = XSS_PAYLOADS.filter((p) => p.includes("<")).slice(0, 12);
    expect(payloads.length).toBeGreaterThanOrEqual(10);
    const departments = [
      "pl-housing",
      "pl-hrss",
      "pl-education",
      "pl-culture-tourism",
      "pl-commerce",
      "pl-ecology",
      "pl-health",
      "pl-transport",
      "pl-market",
      "pl-urban-management",
      "kongtong",
      "jingchuan",
    ];
    await env.DB.batch(
      payloads.map((p, i) =>
        env.DB.prepare("INSERT INTO evaluator_groups (id, name, weight) VALUES (?, ?, 1)").bind(`g-xss-${i}`, p),
      ),
    );
    await env.DB.prepare("INSERT INTO evaluator_members (user_id, group_id) VALUES ('evaluator', 'g-xss-0')").run();
    for (const [i, p] of payloads.entries()) {
      await insertTopic(lastMonth(), "*", { term: p, n: 50 - i, recent: 10, baseline: 2, burst: 5, rising: true });
      await insertCluster(lastMonth(), `c-xss-${i}`, p, [`c-xss-${i}`, `c-xss-${i}-b`]);
    }
    const evaluator = await staff("evaluator", PANEL);
    const comments = Object.assign(
      {},
      ...payloads.map((p, i) => scores(departments[i] ?? "", ["80", "80", "80", "80"], p)),
    ) as Record<string, string>;
    expect((await evaluator.post(PANEL, { period: lastMonth(), ...comments })).status).toBe(303);
    expect(await scoreRows()).toBe(payloads.length);

    const admin = await staff("admin", SETTINGS);
    const htmls = {
      panel: await (await evaluator.get(PANEL)).text(),
      settings: await (await admin.get(SETTINGS)).text(),
      opinion: await (await admin.get(`${OPINION}?period=${lastMonth()}`)).text(),
    };
    for (const p of payloads) {
      for (const [page, html] of Object.entries(htmls)) expect(html, `${page}: ${p}`).not.toContain(p);
      expect(htmls.settings).toContain(escapeHtml(p));
      expect(htmls.opinion).toContain(escapeHtml(p));
      expect(htmls.panel).toContain(escapeHtml(p));
    }
    expect(htmls.panel).toContain(escapeHtml(payloads[0] ?? "")); // the evaluator's group name
    const json =
      /<script type="application\/json" id="opinion-data">([\s\S]*?)<\/script>/.exec(htmls.opinion)?.[1] ?? "";
    expect(json).not.toMatch(/[<>]/);
    const data = JSON.parse(json) as { hot: { term: string }[] };
    expect(data.hot.map((t) => t.term)).toEqual(expect.arrayContaining(payloads));
  });
});
