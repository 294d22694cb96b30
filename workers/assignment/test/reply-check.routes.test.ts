import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import { inspectEnglishPage } from "../../../test/fixtures/english-pages";
import { ConsoleClient } from "./console";
import { caseAt, eventCount, waitFor } from "./helpers";

/** The reply check on the case desk: shown beside the draft, and a flagged draft is published only when confirmed. */

const BOILERPLATE = "网友：您好！您的留言已收悉，已转有关部门调查处理，感谢您对我们工作的关注！";
// The helpers' case is SUBMISSION: 柳湖街道小区路灯不亮 / 小区内路灯已经坏了两个多月 ….
const GOOD = "经柳湖街道办事处现场核查，小区内8盏路灯因线路老化损坏，已于本周更换线路全部修复，今后每月巡查一次。";

async function drafted(text: string) {
  const { caseId, trackingNo } = await caseAt("acknowledged", "pl-housing");
  const handler = await ConsoleClient.signIn("pl-housing-handler");
  expect((await handler.act(trackingNo, "draftReply", { text, outcome: "resolved", outcomeNote: "" })).status).toBe(
    303,
  );
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND draft_text IS NOT NULL").bind(caseId).first(),
  );
  return { caseId, trackingNo, handler };
}

async function publishedQuality(caseId: string) {
  const events = await caseRecord(env, caseId).events();
  const published = events.find((e) => e.type === "case.reply_published");
  return published?.type === "case.reply_published" ? published.payload.quality : undefined;
}

describe("the reply check on the review page", () => {
  it("shows a boilerplate draft as flagged to the spokesperson and to the handler who wrote it", async () => {
    const { trackingNo, handler } = await drafted(BOILERPLATE);
    const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
    const page = await (await spokesperson.get(`/console/cases/${trackingNo}`)).text();
    expect(page).toContain("答复质量检查");
    expect(page).toMatch(/data-flag="boilerplate"[^>]*><strong>套话/);
    expect(page).toContain('data-flag="no_outcome"');
    expect(page).toContain('name="confirmFlagged"');
    const own = await (await handler.get(`/console/cases/${trackingNo}`)).text();
    expect(own).toContain('data-flag="boilerplate"');
    // The handler cannot publish, so has no confirmation box to tick.
    expect(own).not.toContain('name="confirmFlagged"');
  });

  it("re-renders a flagged draft's publish form with a message and changes nothing until it is confirmed", async () => {
    const { caseId, trackingNo } = await drafted(BOILERPLATE);
    const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
    const before = await eventCount(caseId);
    const refused = await spokesperson.act(trackingNo, "publishReply");
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain("这份答复稿被质量检查标记");
    expect(page).toContain('name="confirmFlagged"');
    expect(await eventCount(caseId)).toBe(before);
    expect((await caseRecordStub(env, caseId).read())?.status).toBe("acknowledged");
    // Any other value is not a confirmation either.
    expect((await spokesperson.act(trackingNo, "publishReply", { confirmFlagged: "on" })).status).toBe(409);
    expect(await eventCount(caseId)).toBe(before);

    const confirmed = await spokesperson.act(trackingNo, "publishReply", { confirmFlagged: "yes" });
    expect(confirmed.status).toBe(303);
    expect((await caseRecordStub(env, caseId).read())?.status).toBe("replied");
    expect(await publishedQuality(caseId)).toMatchObject({ flags: ["boilerplate", "no_outcome"] });
  });

  it("publishes a specific reply at once, and the event carries the score the page showed", async () => {
    const { caseId, trackingNo } = await drafted(GOOD);
    const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
    const page = await (await spokesperson.get(`/console/cases/${trackingNo}`)).text();
    expect(page).toContain("未发现问题");
    expect(page).not.toContain('name="confirmFlagged"');
    const shown = /得分 (\d\.\d\d)/.exec(page)?.[1];
    expect((await spokesperson.act(trackingNo, "publishReply")).status).toBe(303);
    const quality = await publishedQuality(caseId);
    expect(quality?.flags).toEqual([]);
    expect(quality?.score.toFixed(2)).toBe(shown);
  });

  it("shows the check in English without Chinese labels", async () => {
    const { trackingNo } = await drafted(BOILERPLATE);
    const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
    const page = await (await spokesperson.get(`/console/cases/${trackingNo}?lang=en`)).text();
    expect(page).toContain("Reply check");
    expect(page).toContain("Boilerplate:");
    expect(page).toContain("I have read the notes above and publish this reply as it is");
    expect((await inspectEnglishPage(page, /^\/console/)).chinese).toEqual([]);
  });
});
