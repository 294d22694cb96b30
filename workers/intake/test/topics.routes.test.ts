import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { insertCase, page } from "./portal-fixtures";

const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

async function insertTopic(caseIds: string[], patch: { status?: string; outcome?: string; deadline?: string } = {}) {
  await env.DB.prepare(
    `INSERT INTO monthly_topics (id, period, title, lead_department_id, deadline, case_ids, status, outcome, created_by, created_at)
     VALUES ('topic-1', '2026-03', '柳湖小区停水三天无人管', 'pl-housing', ?, ?, ?, ?, 'supervisor', '2026-03-31T02:00:00.000Z')`,
  )
    .bind(patch.deadline ?? future, JSON.stringify(caseIds), patch.status ?? "open", patch.outcome ?? null)
    .run();
}

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM monthly_topics").run();
});

describe("每月一题 in public", () => {
  it("lists the topic and shows its lead, deadline, progress and only its public messages", async () => {
    const shown = await insertCase({ title: "柳湖小区停水三天", status: "replied" });
    const open = await insertCase({ title: "柳湖小区又停水了", status: "assigned" });
    const secret = await insertCase({ title: "我家在柳湖小区三号楼停水", isPublic: false, status: "assigned" });
    const held = await insertCase({ title: "待审核的停水留言", status: "held" });
    await insertTopic([shown.caseId, open.caseId, secret.caseId, held.caseId]);

    const list = await page("/topics");
    expect(list.status).toBe(200);
    expect(list.html).toContain("柳湖小区停水三天无人管");
    expect(list.html).toContain("已答复 1 / 4 件");

    const topic = await page("/topics/topic-1");
    expect(topic.html).toContain("住房和城乡建设局");
    expect(topic.html).toContain("还有 5 天");
    expect(topic.html).toContain(shown.trackingNo);
    expect(topic.html).toContain(open.trackingNo);
    expect(topic.html).not.toContain(secret.trackingNo);
    expect(topic.html).not.toContain("三号楼");
    expect(topic.html).not.toContain(held.trackingNo);
    expect(topic.html).toContain("另有 2 件相关留言未公开");
    for (const pii of ["赵秘密", "13700009999", "zhao.secret@example.com", "隐私路"])
      expect(topic.html).not.toContain(pii);
  });

  it("shows a closed topic's outcome, an overdue one as overdue, and 404 for an unknown one", async () => {
    await insertTopic([], { status: "closed", outcome: "已恢复供水，并建立停水提前告知制度。" });
    const closed = await page("/topics/topic-1");
    expect(closed.html).toContain("已办结");
    expect(closed.html).toContain("建立停水提前告知制度");
    await env.DB.prepare("UPDATE monthly_topics SET status = 'open', outcome = NULL, deadline = '2020-01-01'").run();
    expect((await page("/topics/topic-1")).html).toContain("已超期");
    expect((await page("/topics/nope")).status).toBe(404);
  });
});
