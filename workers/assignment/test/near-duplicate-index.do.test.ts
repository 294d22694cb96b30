import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { minHashSignature } from "../../../shared/routing/duplicates";
import type { RecordInput } from "../src/near-duplicates/near-duplicate-index.do";

const nightMarket = {
  title: "西大街夜市油烟扰民",
  body: "西大街夜市每天晚上油烟很大，噪音到凌晨一点，周边居民无法休息，请城管部门规范夜市经营时间和区域。",
};
const repost = { ...nightMarket, title: "再次反映：西大街夜市油烟扰民！", body: `${nightMarket.body}谢谢！` };
const streetLight = { title: "西大街路灯不亮", body: "西大街中段路灯已经坏了一个月，晚上行人看不清路，请尽快维修。" };

const SINCE = "2026-03-01T00:00:00.000Z";

/** A fresh index per test: the region is only its name. */
function freshIndex() {
  const region = `test-${crypto.randomUUID()}`;
  const index = env.NEAR_DUPLICATES.getByName(region);
  const record = async (caseId: string, text: { title: string; body: string }, at = "2026-03-10T00:00:00.000Z") => {
    const answer = await index.record({
      regionCode: region,
      caseId,
      trackingNo: `T-${caseId}`,
      submittedAt: at,
      signature: minHashSignature(text),
      since: SINCE,
      limit: 16,
    });
    if (!answer.ok) throw new Error(answer.message);
    return answer.found;
  };
  return { region, index, record };
}

describe("a region's near-duplicate index", () => {
  it("answers the earlier similar cases, never the case itself or a different problem", async () => {
    const { record } = freshIndex();
    expect(await record("a", nightMarket)).toEqual([]);
    expect(await record("b", streetLight)).toEqual([]);
    const found = await record("c", repost);
    expect(found.map((f) => f.caseId)).toEqual(["a"]);
    expect(found[0]?.trackingNo).toBe("T-a");
    expect(found[0]?.similarity).toBeGreaterThanOrEqual(0.6);
  });

  it("records a redelivered case once and answers it the same", async () => {
    const { index, record } = freshIndex();
    await record("a", nightMarket);
    const first = await record("b", repost);
    const again = await record("b", repost);
    expect(again).toEqual(first);
    expect(await index.size()).toEqual({ signatures: 2, bands: 42 });
  });

  it("leaves out and drops cases older than the window", async () => {
    const { index, record } = freshIndex();
    await record("old", nightMarket, "2026-01-15T00:00:00.000Z");
    expect(await record("new", repost)).toEqual([]);
    expect(await index.size()).toEqual({ signatures: 1, bands: 21 });
  });

  it("forgets a case for good, with its band keys", async () => {
    const { index, record } = freshIndex();
    await record("a", nightMarket);
    await index.forget(["a", "never-recorded"]);
    expect(await index.size()).toEqual({ signatures: 0, bands: 0 });
    expect(await record("b", repost)).toEqual([]);
  });

  it("imports the signatures D1 kept before it existed, once", async () => {
    const { region, record } = freshIndex();
    const insert = (caseId: string, text: { title: string; body: string }) =>
      env.DB.prepare(
        "INSERT INTO minhash_signatures (case_id, tracking_no, region_code, submitted_at, signature) VALUES (?, ?, ?, ?, ?)",
      )
        .bind(caseId, `T-${caseId}`, region, "2026-03-05T00:00:00.000Z", JSON.stringify(minHashSignature(text)))
        .run();
    await insert("legacy", nightMarket);
    expect((await record("a", repost)).map((f) => f.caseId)).toEqual(["legacy"]);
    await insert("later", nightMarket); // written after the import: not the index's business any more
    expect((await record("b", repost)).map((f) => f.caseId)).toEqual(["a", "legacy"]);
  });

  it("refuses arguments that are not a signature", async () => {
    const { region, index } = freshIndex();
    const bad = {
      regionCode: region,
      caseId: "a",
      trackingNo: "T-a",
      submittedAt: "2026-03-10T00:00:00.000Z",
      signature: [1, 2, 3],
      since: SINCE,
      limit: 16,
    } satisfies RecordInput;
    expect(await index.record(bad)).toEqual({ ok: false, message: "Invalid arguments: signature" });
    expect(await index.size()).toEqual({ signatures: 0, bands: 0 });
  });
});
