import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { aliyunSms, rpcSignature } from "./aliyun-sms";
import { percentEncode } from "./signing";
import { badGateway, json, message, recordingFetch } from "./test-fixtures";

const config = {
  baseUrl: "https://dysmsapi.aliyuncs.com",
  accessKeyId: "LTAI-test-id",
  accessKeySecret: "test-secret",
  signName: "平凉网络问政",
  templates: { "case.assigned": "SMS_480000001" },
};
// 2026-12-07 02:30 in Beijing, so a lookup from the evening before spans two Beijing dates.
const now = () => new Date("2026-12-06T18:30:00.123Z");
const nonce = () => "5f0b5a3e-2d7c-4c55-9d5e-0d1f9b1c2a77";

function provider(...answers: (Response | Error)[]) {
  const { fetch, requests } = recordingFetch(...answers);
  return { sms: aliyunSms(config, { fetch, now, nonce }), requests };
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("the RPC signature (HMAC-SHA1, SignatureVersion 1.0)", () => {
  it("reproduces Aliyun's published signature example", async () => {
    // https://developer.aliyun.com/ask/210168 ("API 签名机制（示例）", Aliyun's signature-mechanism example, the
    // same Signature=CT9X0VtwR86fNWSnsc6v8YGOjuE%3D every help.aliyun.com "Signature mechanism" page shows):
    // DescribeRegions, AccessKeyId testid, secret testsecret (HMAC key "testsecret&"). The page prints the
    // string with its inner %26 rendered as "&"; the signature it publishes is that of the encoded string below.
    const { stringToSign, signature } = await rpcSignature(
      "GET",
      {
        TimeStamp: "2016-02-23T12:46:24Z",
        Format: "XML",
        AccessKeyId: "testid",
        Action: "DescribeRegions",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        Version: "2014-05-26",
        SignatureVersion: "1.0",
      },
      "testsecret",
    );
    expect(stringToSign).toBe(
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
        "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
        "%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
    expect(signature).toBe("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
  });

  it("reproduces the SMS documentation's SendSms example, Chinese sign name and JSON parameter included", async () => {
    // The SMS documentation's own signature demo (SendSms with testId / testSecret): its published StringToSign
    // and Signature zJDF+Lrzhj/ThnlvIToysFRq6t4=. The page itself could not be retrieved here; the values are as
    // quoted, identically, by several independent SDKs' tests ("demo ... modified from official guide").
    const { stringToSign, signature } = await rpcSignature(
      "GET",
      {
        AccessKeyId: "testId",
        Action: "SendSms",
        Format: "XML",
        OutId: "123",
        PhoneNumbers: "15300000001",
        RegionId: "cn-hangzhou",
        SignName: "阿里云短信测试专用",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        SignatureVersion: "1.0",
        TemplateCode: "SMS_71390007",
        TemplateParam: '{"customer":"test"}',
        Timestamp: "2017-07-12T02:42:19Z",
        Version: "2017-05-25",
      },
      "testSecret",
    );
    expect(stringToSign).toBe(
      "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001" +
        "%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4" +
        "%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1" +
        "%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0" +
        "%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D" +
        "%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25",
    );
    expect(signature).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  it("percent-encodes per RFC 3986: %20 for a space, * ! ' ( ) encoded, ~ left alone", () => {
    expect(percentEncode("a b*c~d!'()")).toBe("a%20b%2Ac~d%21%27%28%29");
  });
});

describe("aliyunSms.send", () => {
  it("POSTs a signed SendSms form to the configured endpoint, with OutId = our message id", async () => {
    const { sms, requests } = provider(json({ Code: "OK", Message: "OK", BizId: "900619746936498440^0" }));
    expect(await sms.send(message)).toEqual({ kind: "sent", providerMessageId: "900619746936498440^0" });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://dysmsapi.aliyuncs.com/");
    expect(request?.url).not.toContain(message.to);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const { Signature, ...signed } = form(request?.body ?? "");
    expect(signed).toEqual({
      AccessKeyId: "LTAI-test-id",
      Action: "SendSms",
      Format: "JSON",
      RegionId: "cn-hangzhou",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: nonce(),
      SignatureVersion: "1.0",
      Timestamp: "2026-12-06T18:30:00Z",
      Version: "2017-05-25",
      PhoneNumbers: "13800138000",
      SignName: "平凉网络问政",
      TemplateCode: "SMS_480000001",
      TemplateParam: '{"trackingNo":"PL20261207-0042","unit":"市住建局"}',
      OutId: "evt-01HZX3Q9:sms",
    });
    // Checked against node's own HMAC over the string the documentation describes, not our signer.
    const canonical = Object.keys(signed)
      .sort()
      .map((name) => `${percentEncode(name)}=${percentEncode(signed[name] ?? "")}`)
      .join("&");
    const expected = createHmac("sha1", "test-secret&")
      .update(`POST&%2F&${percentEncode(canonical)}`)
      .digest("base64");
    expect(Signature).toBe(expected);
  });

  it("a permanent error code is rejected for good, without the number or the text in the error", async () => {
    const { sms } = provider(
      json({ Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号 13800138000", RequestId: "A1" }),
    );
    const outcome = await sms.send(message);
    expect(outcome).toMatchObject({ kind: "rejected", retryable: false });
    const error = outcome.kind === "rejected" ? outcome.error : "";
    expect(error).toContain("isv.MOBILE_NUMBER_ILLEGAL");
    expect(error).not.toContain("13800138000");
  });

  it.each([
    ["isv.SMS_TEMPLATE_ILLEGAL", 200],
    ["SignatureDoesNotMatch", 400],
    ["InvalidAccessKeyId.NotFound", 404],
    ["isv.OUT_OF_SERVICE", 200],
  ])("%s (HTTP %i) is not retried", async (code, status) => {
    const { sms } = provider(json({ Code: code, Message: "x" }, status));
    expect(await sms.send(message)).toMatchObject({ kind: "rejected", retryable: false });
  });

  it.each([
    ["isv.BUSINESS_LIMIT_CONTROL", 200],
    ["isv.DAY_LIMIT_CONTROL", 200],
    ["isp.SYSTEM_ERROR", 200],
    ["Throttling.User", 400],
    ["SignatureNonceUsed", 400],
    ["UnknownError", 503],
  ])("%s (HTTP %i) is retried later", async (code, status) => {
    const { sms } = provider(json({ Code: code, Message: "x" }, status));
    expect(await sms.send(message)).toMatchObject({ kind: "rejected", retryable: true, error: `${code}: x` });
  });

  it("an HTML 502 from a gateway throws: Aliyun may have taken the message, so it is looked up, not resent", async () => {
    const { sms } = provider(badGateway());
    await expect(sms.send(message)).rejects.toThrow("HTTP 502: not a provider JSON answer");
  });

  it("a fetch that throws propagates: whether Aliyun took the message is unknown", async () => {
    const { sms } = provider(new TypeError("Network connection lost."));
    await expect(sms.send(message)).rejects.toThrow("Network connection lost.");
  });

  it("a template without a code is rejected for good, naming the template, and nothing is sent", async () => {
    const { sms, requests } = provider();
    const outcome = await sms.send({ ...message, template: "case.rejected" });
    expect(outcome).toMatchObject({ kind: "rejected", retryable: false });
    expect(outcome.kind === "rejected" && outcome.error).toContain('"case.rejected"');
    expect(requests).toHaveLength(0);
  });

  it("takes an origin as its endpoint and refuses a configuration that is not one", () => {
    expect(aliyunSms({ ...config, baseUrl: "http://127.0.0.1:8787/" })).toMatchObject({
      name: "aliyun-sms",
      channel: "sms",
      dedupes: false,
    });
    expect(() => aliyunSms({ ...config, baseUrl: "dysmsapi" })).toThrow(ZodError);
    expect(() => aliyunSms({ ...config, baseUrl: "https://proxy.example/aliyun" })).toThrow(ZodError);
    expect(() => aliyunSms({ ...config, accessKeySecret: "" })).toThrow(ZodError);
  });
});

describe("aliyunSms.lookup", () => {
  const detail = (OutId: string | number) => ({ OutId, SendStatus: 3, PhoneNum: "13800138000" });
  const page = (total: number, details: unknown[]) =>
    json({ Code: "OK", TotalCount: total, SmsSendDetailDTOs: { SmsSendDetailDTO: details } });

  it("finds our OutId on a later page of the day's records", async () => {
    const { sms, requests } = provider(
      page(
        51,
        Array.from({ length: 50 }, (_, i) => detail(i)),
      ),
      page(51, [detail(message.id)]),
    );
    expect(await sms.lookup?.(message, new Date("2026-12-06T18:00:00Z"))).toBe("sent");
    expect(requests.map((r) => form(r.body))).toMatchObject([
      {
        Action: "QuerySendDetails",
        PhoneNumber: "13800138000",
        SendDate: "20261207",
        PageSize: "50",
        CurrentPage: "1",
      },
      { Action: "QuerySendDetails", SendDate: "20261207", CurrentPage: "2" },
    ]);
  });

  it("not found on any Beijing date since the send: not sent", async () => {
    const { sms, requests } = provider(page(1, [detail("someone-else")]), page(0, []));
    // 23:10 on 6 December in Beijing: the 6th and the 7th are both asked.
    expect(await sms.lookup?.(message, new Date("2026-12-06T15:10:00Z"))).toBe("not_sent");
    expect(requests.map((r) => form(r.body).SendDate)).toEqual(["20261206", "20261207"]);
  });

  it("a failing lookup throws to be asked again; a final refusal answers unknown", async () => {
    await expect(provider(badGateway()).sms.lookup?.(message, new Date(now()))).rejects.toThrow("HTTP 502");
    const refused = provider(json({ Code: "isv.ACCOUNT_ABNORMAL", Message: "x" }));
    expect(await refused.sms.lookup?.(message, new Date(now()))).toBe("unknown");
  });
});
