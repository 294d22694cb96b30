import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { loadRankingConfig } from "../../../shared/db/evaluation-queries";
import { clearEvaluationTables, count, PANEL, SETTINGS, staff } from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

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
