import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addMonths } from "../../../shared/clocks/period";
import { HANDLER_EVENTS_SQL } from "../src/desk/accountability-queries";
import {
  ACCOUNTABILITY,
  clearEvaluationTables,
  insertCase,
  insertEvent,
  rollup,
  section,
  staff,
} from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

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

  it("lists the month's share of boilerplate replies per department, flagged above the threshold", async () => {
    await rollup(P, "pl-transport", { replied: 10, assigned: 10, replyChecked: 10, replyBoilerplate: 4 });
    await rollup(P, "pl-ecology", { replied: 10, assigned: 10, replyChecked: 10, replyBoilerplate: 1 });
    await rollup(P, "jingchuan", { replied: 10, assigned: 10, replyChecked: 10 }); // every reply specific
    await rollup(addMonths(P, -1), "pl-health", { replyChecked: 5, replyBoilerplate: 5 }); // last month's only
    const supervisor = await staff("supervisor", "/console/overdue");
    const html = await (await supervisor.get(`${ACCOUNTABILITY}?period=${P}`)).text();
    const table = section(html, "accountability-departments");
    expect([...table.matchAll(/data-department="([^"]+)"/g)].map((m) => m[1])).toEqual(["pl-transport", "pl-ecology"]);
    const row = (id: string) => new RegExp(`data-department="${id}"[\\s\\S]*?</tr>`).exec(table)?.[0] ?? "";
    expect(row("pl-transport")).toMatch(/<strong class="flag" title="套话答复偏多">40\.0%（4\/10） ▲<\/strong>/);
    expect(row("pl-ecology")).toContain("10.0%（1/10）");
    expect(row("pl-ecology")).not.toContain("flag");
    expect(html).toContain("套话答复占比（套话答复 ÷ 经质量检查的答复）超过 20%");
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
