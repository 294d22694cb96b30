import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectEnvelope, json, postCase, projected } from "./cases-fixtures";
import { acceptCase, freshIp, SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const support = (trackingNo: string, body: unknown, opts: { key?: string; ip?: string } = {}) =>
  exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}/support`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": opts.ip ?? freshIp(),
      "idempotency-key": opts.key ?? uniqueKey("support"),
    },
    body: json(body),
  });
const countOf = async (res: Response) => ((await res.json()) as { supporters: number }).supporters;

async function publicCase(isPublic = true): Promise<string> {
  const res = await postCase(json({ ...SUBMISSION, isPublic }), { key: uniqueKey("sup-case") });
  const { trackingNo } = (await res.json()) as { trackingNo: string };
  await projected(trackingNo);
  await acceptCase(trackingNo);
  return trackingNo;
}

describe("POST /api/v1/cases/{trackingNo}/support (附议)", () => {
  it("counts each phone once, replays a key, and shows the count in the public view", async () => {
    const trackingNo = await publicCase();
    const key = uniqueKey("first");
    expect(await countOf(await support(trackingNo, { phone: "13911110001" }, { key }))).toBe(1);
    expect(await countOf(await support(trackingNo, { phone: "13911110001" }, { key }))).toBe(1);
    expect(await countOf(await support(trackingNo, { phone: "13911110001" }))).toBe(1);
    expect(await countOf(await support(trackingNo, { phone: "13911110002" }))).toBe(2);
    await expectEnvelope(await support(trackingNo, { phone: "13911110003" }, { key }), 422, "idempotency_conflict");
    await waitFor(async () => {
      const view = (await (await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`)).json()) as {
        supporters: number;
      };
      return view.supporters === 2;
    });
    const widget = await exports.default.fetch(`http://intake.test/api/v1/widget/cases/${trackingNo}`);
    expect(((await widget.json()) as { supporters: number }).supporters).toBe(2);
    const stored = await env.DB.prepare(
      "SELECT * FROM case_events WHERE case_id = (SELECT case_id FROM cases WHERE tracking_no = ?)",
    )
      .bind(trackingNo)
      .all();
    expect(JSON.stringify(stored.results)).not.toContain("13911110001");
  });

  it("refuses bad input, unknown and private cases in the API's error shape, changing nothing", async () => {
    const trackingNo = await publicCase();
    await expectEnvelope(await support(trackingNo, { phone: "12345" }), 400, "validation_failed");
    await expectEnvelope(await support(trackingNo, { phone: "13911110001", count: 5 }), 400, "validation_failed");
    await expectEnvelope(await support("ZZZZZZZZZZZZ", { phone: "13911110001" }), 404, "not_found");
    await expectEnvelope(await support(await publicCase(false), { phone: "13911110001" }), 404, "not_found");
    const view = (await (await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`)).json()) as {
      supporters: number;
    };
    expect(view.supporters).toBe(0);
  });

  it("is limited per client address, apart from submissions", async () => {
    const trackingNo = await publicCase();
    const ip = freshIp();
    let last: Response | undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 21 && last?.status !== 429; i++) {
      last = await support(trackingNo, { phone: `1391111${String(i).padStart(4, "0")}` }, { ip });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(last?.status).toBe(429);
    // The same address may still submit a message: its own budget.
    expect((await postCase(json(SUBMISSION), { key: uniqueKey("after"), ip })).status).toBe(201);
  });
});

describe("附议 on the public case page", () => {
  const page = (path: string) => exports.default.fetch(`http://intake.test${path}`);
  const post = (trackingNo: string, fields: Record<string, string>) =>
    exports.default.fetch(`http://intake.test/cases/${trackingNo}/support`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });

  it("shows the count and the form, takes a phone once per form, and says thank you", async () => {
    const trackingNo = await publicCase();
    const before = await (await page(`/cases/${trackingNo}`)).text();
    expect(before).toContain("还没有人附议");
    const key = /name="key" value="([^"]+)"/.exec(before)?.[1] ?? "";
    expect(before).toContain(`action="/cases/${trackingNo}/support"`);
    for (let i = 0; i < 2; i++) {
      const res = await post(trackingNo, { key, phone: "13922220001" });
      expect([res.status, res.headers.get("location")]).toEqual([303, `/cases/${trackingNo}?supported=1#support`]);
    }
    expect(await (await page(`/cases/${trackingNo}?supported=1`)).text()).toContain("感谢附议！目前共 1 人附议");
    await waitFor(async () => (await (await page(`/cases/${trackingNo}`)).text()).includes("已有 1 人附议"));
  });

  it("re-renders the page with the error and what was typed, changing nothing", async () => {
    const trackingNo = await publicCase();
    const res = await post(trackingNo, { key: uniqueKey("k"), phone: "1392222" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("中国大陆手机号");
    expect(html).toContain('value="1392222"');
    expect(html).toContain('aria-invalid="true"');
    const unscreened = (
      (await (await postCase(json(SUBMISSION), { key: uniqueKey("u") })).json()) as { trackingNo: string }
    ).trackingNo;
    await projected(unscreened);
    expect((await post(unscreened, { key: uniqueKey("k"), phone: "13922220001" })).status).toBe(404);
  });
});
