import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { notificationSetup } from "../src/notifications/senders";

const withNotify = (notify: Record<string, unknown>, secrets: Record<string, string | null> = {}) => ({
  ...env,
  NOTIFY: { origin: "https://wz.example.gov.cn", smsDailyCap: 5, ...notify },
  ...secrets,
});

describe("the providers a configuration names", () => {
  it("local development delivers both channels to the local inbox", () => {
    const { senders } = notificationSetup(env);
    expect([senders.sms?.name, senders.email?.name]).toEqual(["local-inbox", "local-inbox"]);
  });

  it("'off' sends nothing (each message is logged as not sent); unset secrets may be null, as workerd gives them", () => {
    const { senders } = notificationSetup(withNotify({ sms: "off", email: "off" }, { SMS_ACCESS_KEY_ID: null }));
    expect(senders).toEqual({ sms: null, email: null });
  });

  it("Aliyun, Tencent Cloud and the e-mail API, each with its settings and secrets", () => {
    const secrets = { SMS_ACCESS_KEY_ID: "id", SMS_ACCESS_KEY_SECRET: "secret", EMAIL_API_KEY: "key" };
    const sms = { smsSignName: "平凉网络问政", smsTemplates: { "citizen.receipt": "SMS_1" } };
    const aliyun = notificationSetup(
      withNotify({ sms: "aliyun", email: "http", emailFrom: "wz@example.gov.cn", ...sms }, secrets),
    );
    expect([aliyun.senders.sms?.name, aliyun.senders.email?.name, aliyun.senders.email?.dedupes]).toEqual([
      "aliyun-sms",
      "email-http",
      true,
    ]);
    const tencent = notificationSetup(
      withNotify({ sms: "tencent", email: "off", smsSdkAppId: "1400000000", ...sms }, secrets),
    );
    expect(tencent.senders.sms?.name).toBe("tencent-sms");
  });

  it("a provider named without its secret or setting fails loudly, naming what is missing", () => {
    expect(() => notificationSetup(withNotify({ sms: "aliyun", email: "off", smsSignName: "x" }))).toThrow(
      /SMS_ACCESS_KEY_ID/,
    );
    expect(() =>
      notificationSetup(
        withNotify(
          { sms: "tencent", email: "off", smsSignName: "x" },
          { SMS_ACCESS_KEY_ID: "i", SMS_ACCESS_KEY_SECRET: "s" },
        ),
      ),
    ).toThrow(/smsSdkAppId/);
    expect(() => notificationSetup(withNotify({ sms: "carrier-pigeon", email: "off" }))).toThrow();
  });
});
