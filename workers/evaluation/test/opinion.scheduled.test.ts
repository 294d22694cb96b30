import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { analyseOpinion } from "../../../shared/scoring/opinion/analysis";

const DAY = 86_400_000;
const NOW = new Date("2026-03-30T04:00:00.000Z"); // 12:00 on 30 March in Beijing

let serial = 0;
async function insertCase(
  title: string,
  body: string,
  submittedAt: Date,
  region = "620802",
  rating: string | null = null,
  supporters = 0,
): Promise<string> {
  const id = `OP-${String(serial++).padStart(4, "0")}`;
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_phone, query_code_hash, receipt_hash, submitted_at, rating, supporters, last_seq, updated_at)
     VALUES (?1, ?1, 'complaint', 'assigned', ?2, ?3, ?4, 'web', 1, '13800000000', 'q', 'r', ?5, ?6, ?7, 1, ?5)`,
  )
    .bind(id, title, body, region, submittedAt.toISOString(), rating, supporters)
    .run();
  return id;
}

async function topics(region = "*") {
  return (
    await env.DB.prepare(
      "SELECT term, n, recent, rising, dissatisfied, supporters FROM opinion_topics WHERE period = '2026-03' AND region_code = ? ORDER BY term",
    )
      .bind(region)
      .all<{ term: string; n: number; recent: number; rising: number; dissatisfied: number; supporters: number }>()
  ).results;
}

beforeEach(async () => {
  await env.DB.batch(
    [
      "cases",
      "opinion_case_terms",
      "opinion_daily",
      "opinion_topics",
      "opinion_clusters",
      "opinion_cursor",
      "duplicate_suggestions",
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

describe("opinion analysis (scheduled)", () => {
  it("flags a planted spike as rising and leaves a steady topic alone", async () => {
    // Five weeks before NOW: 物业 steadily about 6 a week; 供暖 once a week, then 15 in the last week.
    for (let day = 34; day >= 1; day--) {
      const at = new Date(NOW.getTime() - day * DAY);
      if (day % 7 !== 3)
        await insertCase("小区物业乱收费", "物业公司每月额外收取费用", at, day % 2 ? "620802" : "620821");
      if (day > 7 && day % 7 === 0) await insertCase("暖气不热", "家里供暖温度不够", at);
    }
    for (let i = 0; i < 15; i++)
      await insertCase(
        "供暖不达标",
        "小区供暖温度只有十几度，老人孩子受冻",
        new Date(NOW.getTime() - (1 + (i % 6)) * DAY),
        "620802",
        i < 4 ? "dissatisfied" : null,
        i % 5 === 0 ? 7 : 0, // three of them supported by 7 citizens each
      );

    const run = await analyseOpinion(env.DB, NOW);
    expect(run.cases).toBeGreaterThan(40);
    const city = new Map((await topics()).map((t) => [t.term, t]));
    expect(city.get("供暖")).toMatchObject({ recent: 15, rising: 1, dissatisfied: 4, supporters: 21 });
    expect(city.get("物业")).toMatchObject({ rising: 0, supporters: 0 });
    expect(city.get("物业")?.n).toBeGreaterThan(20);
    // Per region too; stop words never become topics.
    expect((await topics("620802")).some((t) => t.term === "供暖")).toBe(true);
    expect(city.has("小区") || city.has("公司")).toBe(true);
    expect(city.has("的")).toBe(false);
  });

  it("a second run over the same cases changes nothing, and only new cases are read", async () => {
    for (let i = 0; i < 12; i++)
      await insertCase("路灯不亮", "道路路灯坏了很久", new Date(NOW.getTime() - (i + 1) * DAY));
    await analyseOpinion(env.DB, NOW);
    const first = await topics();
    const again = await analyseOpinion(env.DB, new Date(NOW.getTime() + 60_000));
    expect(again.cases).toBe(0);
    expect(await topics()).toEqual(first);
    // Too fresh to analyse (may still be in screening): waits for the next run.
    await insertCase("路灯不亮", "又一处路灯坏了", new Date(NOW.getTime() - 60_000));
    expect((await analyseOpinion(env.DB, NOW)).cases).toBe(0);
    expect((await analyseOpinion(env.DB, new Date(NOW.getTime() + 3600_000))).cases).toBe(1);
  });

  it("clusters near-duplicates and merged cases of the month", async () => {
    const a = await insertCase("某路段积水严重", "下雨后积水", new Date(NOW.getTime() - 3 * DAY));
    const b = await insertCase("某路段积水严重，联系电话13912345678", "下雨后积水", new Date(NOW.getTime() - 2 * DAY));
    const c = await insertCase("积水", "同一路段", new Date(NOW.getTime() - DAY));
    await env.DB.prepare(
      "INSERT INTO duplicate_suggestions (case_id, candidate_tracking_no, similarity_pct, created_at) VALUES (?, ?, 80, ?)",
    )
      .bind(b, a, NOW.toISOString())
      .run();
    await env.DB.prepare("UPDATE cases SET status = 'merged', merged_into = ? WHERE case_id = ?").bind(b, c).run();
    await analyseOpinion(env.DB, NOW);
    const clusters = (
      await env.DB.prepare("SELECT size, label, case_ids FROM opinion_clusters WHERE period = '2026-03'").all<{
        size: number;
        label: string;
        case_ids: string;
      }>()
    ).results;
    expect(clusters).toEqual([{ size: 3, label: "某路段积水严重", case_ids: JSON.stringify([a, b, c].sort()) }]);
  });
});
