import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addMonths, periodLabel } from "../../../shared/clocks/period";
import { panelScores } from "../../../shared/db/evaluation-queries";
import {
  clearEvaluationTables,
  joinGroup,
  lastMonth,
  PANEL,
  rollup,
  scoreRows,
  scores,
  staff,
  thisMonth,
} from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

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
