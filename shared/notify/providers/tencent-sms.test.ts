import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { tc3Sign, tencentSms } from "./tencent-sms";
import { badGateway, json, message, recordingFetch } from "./test-fixtures";

const config = {
  baseUrl: "https://sms.tencentcloudapi.com",
  accessKeyId: "AKIDtest",
  accessKeySecret: "test-secret-key",
  signName: "平凉网络问政",
  templates: { "case.assigned": "2120001" },
  sdkAppId: "1400006666",
};
// 2026-12-07 02:30 in Beijing but still 6 December in UTC, the date TC3's credential scope must carry.
const now = () => new Date("2026-12-06T18:30:00.900Z");
const timestamp = 1_796_581_800;

function provider(...answers: (Response | Error)[]) {
  const { fetch, requests } = recordingFetch(...answers);
  return { sms: tencentSms(config, { fetch, now }), requests };
}

const sent = (status: Record<string, unknown>) =>
  json({
    Response: { SendStatusSet: [{ SerialNo: "", Fee: 0, SessionContext: message.id, ...status }], RequestId: "r1" },
  });
const failed = (Code: string, status = 200) =>
  json({ Response: { Error: { Code, Message: "x" }, RequestId: "r2" } }, status);

describe("TC3-HMAC-SHA256", () => {
  it("reproduces the worked example of Tencent's 签名方法 v3 documentation", async () => {
    // Tencent's "签名方法 v3" page (cloud.tencent.com/document/api/213/30654 and each product's copy, e.g.
    // tencentcloud.com/document/product/382/40467 for SMS), worked example as published in Tencent's own docs
    // repository: tencentyun/intlcloud-documents, "API/API 3.0/CDN与加速/全球应用加速/调用方式/接口鉴权 v3.md"
    // (commit 749690a8). DescribeInstances on cvm, X-TC-Timestamp 1551113065, SecretId
    // AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE, SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE. (Today's live pages
    // mask the demo key with asterisks and sign x-tc-action as well; the published values below are for this one.)
    const signed = await tc3Sign({
      secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      service: "cvm",
      timestamp: 1551113065,
      headers: { "Content-Type": "application/json; charset=utf-8", Host: "cvm.tencentcloudapi.com" },
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(signed.canonicalRequest).toBe(
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" +
        "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
    );
    expect(signed.stringToSign).toBe(
      "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n" +
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    );
    expect(signed.authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, " +
        "SignedHeaders=content-type;host, " +
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    );
  });
});

describe("tencentSms.send", () => {
  it("POSTs a TC3-signed SendSms with SessionContext = our message id", async () => {
    const { sms, requests } = provider(sent({ SerialNo: "5000:1045710669157053657849499619", Code: "Ok" }));
    expect(await sms.send(message)).toEqual({ kind: "sent", providerMessageId: "5000:1045710669157053657849499619" });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://sms.tencentcloudapi.com/");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      PhoneNumberSet: ["+8613800138000"],
      SmsSdkAppId: "1400006666",
      SignName: "平凉网络问政",
      TemplateId: "2120001",
      TemplateParamSet: ["PL20261207-0042", "市住建局"],
      SessionContext: "evt-01HZX3Q9:sms",
    });
    const { authorization, ...rest } = request?.headers ?? {};
    expect(rest).toEqual({
      "content-type": "application/json; charset=utf-8",
      "x-tc-action": "SendSms",
      "x-tc-version": "2021-01-11",
      "x-tc-timestamp": String(timestamp),
      "x-tc-region": "ap-guangzhou",
    });
    // Checked against node's own SHA-256 and HMAC, step by step as the documentation writes them.
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n${sha256(request?.body ?? "")}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n2026-12-06/sms/tc3_request\n${sha256(canonical)}`;
    const key = hmac(hmac(hmac("TC3test-secret-key", "2026-12-06"), "sms"), "tc3_request");
    expect(authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDtest/2026-12-06/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, " +
        `Signature=${createHmac("sha256", key).update(toSign).digest("hex")}`,
    );
  });

  it("a non-Ok send status is rejected for good, without the number or the text in the error", async () => {
    const { sms } = provider(
      sent({ Code: "InvalidParameterValue.IncorrectPhoneNumber", Message: "incorrect number +8613800138000" }),
    );
    const outcome = await sms.send(message);
    expect(outcome).toMatchObject({ kind: "rejected", retryable: false });
    const error = outcome.kind === "rejected" ? outcome.error : "";
    expect(error).toContain("InvalidParameterValue.IncorrectPhoneNumber");
    expect(error).not.toContain("13800138000");
  });

  it.each([
    ["AuthFailure.SignatureFailure", 200],
    ["AuthFailure.SignatureExpire", 200],
    ["FailedOperation.TemplateIncorrectOrUnapproved", 200],
    ["FailedOperation.PhoneNumberInBlacklist", 200],
    ["UnauthorizedOperation.ServiceSuspendDueToArrears", 200],
    ["LimitExceeded.PhoneNumberCountLimit", 200],
    ["InternalError.SigVerificationFail", 200],
  ])("%s (HTTP %i) is not retried", async (code, status) => {
    expect(await provider(failed(code, status)).sms.send(message)).toMatchObject({
      kind: "rejected",
      retryable: false,
    });
  });

  it.each([
    ["LimitExceeded.PhoneNumberDailyLimit", 200],
    ["LimitExceeded.DeliveryFrequencyLimit", 200],
    ["RequestLimitExceeded", 200],
    ["InternalError.Timeout", 200],
    ["InternalError", 200],
    ["ResourceUnavailable", 503],
  ])("%s (HTTP %i) is retried later", async (code, status) => {
    const outcome = await provider(failed(code, status)).sms.send(message);
    expect(outcome).toEqual({ kind: "rejected", retryable: true, error: `${code}: x` });
  });

  it("a retryable code in the send status set is retried too", async () => {
    const { sms } = provider(sent({ Code: "LimitExceeded.PhoneNumberThirtySecondLimit", Message: "x" }));
    expect(await sms.send(message)).toMatchObject({ kind: "rejected", retryable: true });
  });

  it("an HTML 502 from a gateway throws: Tencent may have taken the message, so it is looked up, not resent", async () => {
    await expect(provider(badGateway()).sms.send(message)).rejects.toThrow("HTTP 502: not a provider JSON answer");
  });

  it("a fetch that throws propagates: whether Tencent took the message is unknown", async () => {
    await expect(provider(new TypeError("Network connection lost.")).sms.send(message)).rejects.toThrow(
      "Network connection lost.",
    );
  });

  it("a template without an id is rejected for good, naming the template, and nothing is sent", async () => {
    const { sms, requests } = provider();
    const outcome = await sms.send({ ...message, template: "case.rejected" });
    expect(outcome).toMatchObject({ kind: "rejected", retryable: false });
    expect(outcome.kind === "rejected" && outcome.error).toContain('"case.rejected"');
    expect(requests).toHaveLength(0);
  });

  it("refuses a configuration whose SdkAppId is not one", () => {
    expect(tencentSms(config)).toMatchObject({ name: "tencent-sms", channel: "sms", dedupes: false });
    expect(() => tencentSms({ ...config, sdkAppId: "" })).toThrow(ZodError);
    expect(() => tencentSms({ ...config, sdkAppId: "app-1400006666" })).toThrow(ZodError);
  });
});

describe("tencentSms.lookup", () => {
  const pulled = (contexts: string[]) =>
    json({
      Response: {
        PullSmsSendStatusSet: contexts.map((SessionContext) => ({ SessionContext, ReportStatus: "SUCCESS" })),
        RequestId: "r3",
      },
    });
  const minutesAgo = (minutes: number) => new Date(now().getTime() - minutes * 60_000);

  it("finds our SessionContext on a later page of the number's receipts", async () => {
    const { sms, requests } = provider(
      pulled(Array.from({ length: 100 }, (_, i) => `other-${i}`)),
      pulled([message.id]),
    );
    expect(await sms.lookup?.(message, minutesAgo(30))).toBe("sent");
    expect(requests.map((r) => [r.headers["x-tc-action"], JSON.parse(r.body)])).toEqual([
      [
        "PullSmsSendStatusByPhoneNumber",
        {
          BeginTime: timestamp - 30 * 60,
          EndTime: timestamp,
          Offset: 0,
          Limit: 100,
          PhoneNumber: "+8613800138000",
          SmsSdkAppId: "1400006666",
        },
      ],
      ["PullSmsSendStatusByPhoneNumber", expect.objectContaining({ Offset: 100 })],
    ]);
  });

  it("no receipt long after the send: not sent; no receipt yet, minutes after: unknown", async () => {
    expect(await provider(pulled(["other"])).sms.lookup?.(message, minutesAgo(30))).toBe("not_sent");
    expect(await provider(pulled([])).sms.lookup?.(message, minutesAgo(2))).toBe("unknown");
  });

  it("a send older than the pull reaches back is unknown, without asking", async () => {
    const { sms, requests } = provider();
    expect(await sms.lookup?.(message, minutesAgo(8 * 24 * 60))).toBe("unknown");
    expect(requests).toHaveLength(0);
  });

  it("a failing pull throws to be asked again; a final refusal answers unknown", async () => {
    await expect(provider(failed("InternalError.Timeout")).sms.lookup?.(message, minutesAgo(30))).rejects.toThrow(
      "InternalError.Timeout",
    );
    await expect(provider(badGateway()).sms.lookup?.(message, minutesAgo(30))).rejects.toThrow("HTTP 502");
    expect(await provider(failed("AuthFailure.SecretIdNotFound")).sms.lookup?.(message, minutesAgo(30))).toBe(
      "unknown",
    );
  });
});
