import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "../../../shared/http/errors";
import { deliveryReports } from "../src/routes/delivery-reports.routes";

const TOKEN = "receipt-token-0123456789";
const mounted = new Hono().route("/r", deliveryReports).onError(onError);
const push = (path: string, body: unknown, bindings: object = { ...env, NOTIFY_RECEIPT_TOKEN: TOKEN }) =>
  mounted.request(
    `http://intake.test/r${path}`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    bindings,
  );

async function sentSms(provider: string, providerMessageId: string, status = "sent") {
  const id = `evt-${crypto.randomUUID()}:petitioner:sms`;
  await env.DB.prepare(
    `INSERT INTO notifications (id, channel, recipient, message, status, provider, provider_message_id, attempts, created_at)
     VALUES (?, 'sms', '13800001234', 'x', ?, ?, ?, 1, ?)`,
  )
    .bind(id, status, provider, providerMessageId, new Date().toISOString())
    .run();
  return id;
}
const stateOf = (id: string) =>
  env.DB.prepare("SELECT status, error FROM notifications WHERE id = ?")
    .bind(id)
    .first<{ status: string; error: string | null }>();

describe("SMS delivery reports pushed by the provider", () => {
  it("Aliyun (SmsReport): delivered by our OutId or its BizId, failed with the carrier's code; answered as Aliyun expects", async () => {
    const byOutId = await sentSms("aliyun-sms", "biz-1");
    const byBizId = await sentSms("aliyun-sms", "biz-2");
    const res = await push(`/aliyun/${TOKEN}`, [
      {
        phone_number: "13800001234",
        success: true,
        err_code: "DELIVERED",
        err_msg: "用户接收成功",
        biz_id: "other",
        out_id: byOutId,
      },
      {
        phone_number: "13800001234",
        success: false,
        err_code: "MK:0001",
        err_msg: "空号",
        biz_id: "biz-2",
        out_id: "",
      },
    ]);
    expect(await res.json()).toEqual({ code: 0, msg: "接收成功" });
    expect(await stateOf(byOutId)).toEqual({ status: "delivered", error: null });
    expect(await stateOf(byBizId)).toEqual({ status: "failed", error: "MK:0001: 空号" });
  });

  it("Tencent Cloud (短信下发状态通知): by the SerialNo; a repeated or late report never moves a message back", async () => {
    const id = await sentSms("tencent-sms", "serial-9");
    const report = (status: string) => [
      {
        user_receive_time: "2026-03-02 10:00:01",
        nationcode: "86",
        mobile: "13800001234",
        report_status: status,
        errmsg: "DELIVRD",
        description: "ok",
        sid: "serial-9",
      },
    ];
    expect(await (await push(`/tencent/${TOKEN}`, report("SUCCESS"))).json()).toEqual({ result: 0, errmsg: "OK" });
    await push(`/tencent/${TOKEN}`, report("FAIL"));
    expect((await stateOf(id))?.status).toBe("delivered");
    // Another provider's id space is not ours to touch.
    const aliyun = await sentSms("aliyun-sms", "serial-9");
    await push(`/tencent/${TOKEN}`, report("SUCCESS"));
    expect((await stateOf(aliyun))?.status).toBe("sent");
  });

  it("does not exist without the token set, with a wrong token or an unknown provider; a malformed report changes nothing", async () => {
    const id = await sentSms("aliyun-sms", "biz-9");
    const good = [{ success: true, biz_id: "biz-9" }];
    expect((await push(`/aliyun/${TOKEN}`, good, env)).status).toBe(404);
    expect((await push("/aliyun/wrong-token-0123456789", good)).status).toBe(404);
    expect((await push(`/constructor/${TOKEN}`, good)).status).toBe(404);
    const bad = await push(`/aliyun/${TOKEN}`, [{ success: "yes" }]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation_failed" } });
    expect((await stateOf(id))?.status).toBe("sent");
  });
});
