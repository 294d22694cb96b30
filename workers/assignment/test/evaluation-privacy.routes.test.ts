import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import {
  ACCOUNTABILITY,
  clearEvaluationTables,
  insertCase,
  insertCluster,
  insertEvent,
  insertTopic,
  joinGroup,
  lastMonth,
  OPINION,
  PANEL,
  PETITIONER,
  rollup,
  SETTINGS,
  scoreRows,
  scores,
  staff,
} from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

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
