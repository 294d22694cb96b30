import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { maskPersonalData } from "../../../shared/routing/mask";
import { analyseOpinion } from "../../../shared/scoring/opinion/analysis";
import { hotIssues } from "../../../shared/scoring/opinion/issues/hot-issues";
import { issueTestBatch } from "../../../shared/scoring/opinion/issues/test-batch";

// The analysis runs for December; November's cases are settled and its month is touched by them.
const NOW = new Date("2019-12-01T04:00:00.000Z");

beforeEach(async () => {
  await env.DB.batch(
    [
      "cases",
      "opinion_case_terms",
      "opinion_daily",
      "opinion_topics",
      "opinion_clusters",
      "opinion_issues",
      "opinion_cursor",
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

async function insertBatch(phoneOf: (i: number) => string) {
  const batch = issueTestBatch();
  await env.DB.batch(
    batch.map((m, i) =>
      env.DB.prepare(
        `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_phone, query_code_hash, receipt_hash, submitted_at, supporters, last_seq, updated_at)
         VALUES (?1, ?1, 'complaint', 'assigned', ?2, ?3, '620802', 'web', 1, ?4, 'q', 'r', ?5, ?6, 1, ?5)`,
      ).bind(m.id, m.title, m.body, phoneOf(i), m.at, i),
    ),
  );
  return batch;
}

async function storedIssues() {
  return (
    await env.DB.prepare(
      "SELECT rank, label, heat, messages, petitioners, supporters, case_ids FROM opinion_issues WHERE period = '2019-11' ORDER BY rank",
    ).all<{
      rank: number;
      label: string;
      heat: number;
      messages: number;
      petitioners: number;
      supporters: number;
      case_ids: string;
    }>()
  ).results;
}

describe("hot issues in the opinion analysis", () => {
  it("stores the month's issues exactly as the pure grouping (and so the CLI) computes them", async () => {
    const batch = await insertBatch((i) => `1380000${String(i).padStart(4, "0")}`);
    await analyseOpinion(env.DB, NOW);
    const stored = await storedIssues();
    const expected = hotIssues(
      batch.map((m, i) => ({ ...m, author: String(i + 1), supporters: i, regionCode: "620802" })),
      { windowStart: "2019-10-31T16:00:00.000Z", windowEnd: "2019-11-30T16:00:00.000Z" },
    );
    expect(stored.map((s) => s.label)).toEqual(expected.map((e) => maskPersonalData(e.label)));
    expect(stored.map((s) => JSON.parse(s.case_ids))).toEqual(expected.map((e) => e.ids));
    expect(stored.map((s) => s.heat)).toEqual(expected.map((e) => e.heat));
    const mixer = stored.find((s) => s.label.includes("丽发新城") && s.label.includes("搅拌站"));
    expect(mixer?.messages).toBe(4);
    expect(mixer?.supporters).toBe(0 + 1 + 2 + 3);
  });

  it("counts one phone's messages as one petitioner, and a second run leaves the same rows", async () => {
    await insertBatch(() => "13800000000");
    await analyseOpinion(env.DB, NOW);
    const first = await storedIssues();
    expect(first.every((i) => i.petitioners === 1)).toBe(true);
    // The cursor has moved past every case: the month is not touched again, and a forced rerun is the same.
    await env.DB.prepare("DELETE FROM opinion_cursor").run();
    await env.DB.prepare("DELETE FROM opinion_case_terms").run();
    await analyseOpinion(env.DB, NOW);
    expect(await storedIssues()).toEqual(first);
  });

  it("counts messages without a phone (an imported board's) as different people, not one", async () => {
    await insertBatch(() => "");
    await analyseOpinion(env.DB, NOW);
    const stored = await storedIssues();
    expect(stored.every((i) => i.petitioners === i.messages)).toBe(true);
  });

  it("reads the city's region names (平凉市（市本级）as 平凉市) as boundaries, so a label names the estate alone", async () => {
    await insertBatch(() => "");
    await env.DB.prepare("UPDATE cases SET title = '投诉平凉市' || title WHERE title LIKE '%丽发新城%'").run();
    await analyseOpinion(env.DB, NOW);
    const labels = (await storedIssues()).map((i) => i.label);
    expect(labels.find((l) => l.includes("搅拌站"))).toMatch(/^(平凉市 )?(居民 |业主 )?[^平]*丽发新城/);
    expect(labels.join("\n")).not.toContain("诉平凉市");
  });

  it("never stores a phone number a citizen typed into a title", async () => {
    await insertBatch((i) => `1390000${String(i).padStart(4, "0")}`);
    await env.DB.prepare(
      "UPDATE cases SET title = title || '，电话13912345678' WHERE case_id = 'm1' OR title LIKE '投诉丽发新城%'",
    ).run();
    await analyseOpinion(env.DB, NOW);
    const labels = (await storedIssues()).map((i) => i.label).join("\n");
    expect(labels).not.toContain("13912345678");
  });
});
