/**
 * Aliyun SMS (短信服务, dysmsapi 2017-05-25) as a NotificationProvider: SendSms to send, QuerySendDetails to
 * find out whether an interrupted send reached Aliyun. Requests are signed with the classic RPC signature
 * (HMAC-SHA1, SignatureVersion 1.0), whose worked examples the tests reproduce bit for bit.
 *
 * Aliyun does not dedupe: OutId (our message id) is only echoed back, in receipts and in QuerySendDetails.
 */
import * as z from "zod";
import { addDays, shanghaiDate } from "../../clocks/period";
import type { NotificationProvider, OutgoingMessage, SendOutcome } from "../provider";
import { base64, hmac, percentEncode } from "./signing";
import {
  type Fetch,
  notProviderJson,
  providerError,
  readJson,
  SmsProviderConfig,
  type SmsProviderDeps,
  unknownTemplate,
} from "./sms-common";

const API_VERSION = "2017-05-25";
const DEFAULT_REGION = "cn-hangzhou";
/** QuerySendDetails answers at most 50 a page and keeps 30 days of records. */
const PAGE_SIZE = 50;
const KEPT_DAYS = 30;

export const AliyunSmsConfig = SmsProviderConfig;
export type AliyunSmsConfig = z.input<typeof AliyunSmsConfig>;

export interface AliyunSmsDeps extends SmsProviderDeps {
  /** SignatureNonce: unique per request, so a replayed request is refused. */
  nonce?: () => string;
}

/**
 * The RPC signature v1: StringToSign = METHOD & %2F & percentEncode(canonicalized query), where the
 * canonicalized query is every parameter but Signature, sorted by name, each name and value RFC 3986
 * percent-encoded; Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
export async function rpcSignature(
  method: "GET" | "POST",
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): Promise<{ stringToSign: string; signature: string }> {
  const canonicalized = Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonicalized)}`;
  return { stringToSign, signature: base64(await hmac("SHA-1", `${accessKeySecret}&`, stringToSign)) };
}

/**
 * Error codes that mean "later": flow control and quotas (业务流控, 日/月发送限额), Aliyun's own faults,
 * a nonce the gateway has seen (the next attempt draws a new one). Every other code — a bad number, an
 * unapproved template or signature, auth and signature failures, an account out of service — needs a
 * person and is final. An HTTP 5xx is "later" whatever its code.
 */
const RETRYABLE_CODES = new Set([
  "isv.BUSINESS_LIMIT_CONTROL",
  "isv.DAY_LIMIT_CONTROL",
  "isv.MONTH_LIMIT_CONTROL",
  "isp.SYSTEM_ERROR",
  "SignatureNonceUsed",
  "InternalError",
  "ServiceUnavailable",
]);

export function isRetryableAliyunError(code: string, httpStatus: number): boolean {
  return httpStatus >= 500 || RETRYABLE_CODES.has(code) || code.startsWith("Throttling");
}

const Answer = z.object({ Code: z.string(), Message: z.string().optional(), BizId: z.string().optional() });

const DetailsAnswer = Answer.extend({
  TotalCount: z.coerce.number().optional(),
  SmsSendDetailDTOs: z
    .object({ SmsSendDetailDTO: z.array(z.object({ OutId: z.union([z.string(), z.number()]).nullish() })) })
    .optional(),
});

/** "yyyyMMdd" Beijing dates from `from`'s to `to`'s, at most the last KEPT_DAYS. */
function beijingDays(from: Date, to: Date): string[] {
  const oldest = to.getTime() - (KEPT_DAYS - 1) * 86_400_000;
  const first = shanghaiDate(Math.min(Math.max(from.getTime(), oldest), to.getTime()));
  const days: string[] = [];
  for (let day = first; day <= shanghaiDate(to); day = addDays(day, 1)) days.push(day.replaceAll("-", ""));
  return days;
}

export function aliyunSms(config: AliyunSmsConfig, deps: AliyunSmsDeps = {}): NotificationProvider {
  const settings = AliyunSmsConfig.parse(config);
  const fetchImpl: Fetch = deps.fetch ?? ((url, init) => fetch(url, init));
  const now = deps.now ?? (() => new Date());
  const nonce = deps.nonce ?? (() => crypto.randomUUID());

  /** One signed RPC call; the parameters travel in the form body, so phone numbers stay out of URLs. */
  async function call(action: string, params: Record<string, string>): Promise<{ status: number; json: unknown }> {
    const signed: Record<string, string> = {
      AccessKeyId: settings.accessKeyId,
      Action: action,
      Format: "JSON",
      RegionId: settings.region ?? DEFAULT_REGION,
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: nonce(),
      SignatureVersion: "1.0",
      Timestamp: now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      Version: API_VERSION,
      ...params,
    };
    const { signature } = await rpcSignature("POST", signed, settings.accessKeySecret);
    const body = Object.entries({ ...signed, Signature: signature })
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
      .join("&");
    const response = await fetchImpl(`${settings.baseUrl}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    });
    return { status: response.status, json: await readJson(response) };
  }

  async function send(message: OutgoingMessage): Promise<SendOutcome> {
    const templateCode = settings.templates[message.template];
    if (templateCode === undefined) return unknownTemplate(message.template);
    const { status, json } = await call("SendSms", {
      PhoneNumbers: message.to,
      SignName: settings.signName,
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(Object.fromEntries(message.params)),
      OutId: message.id,
    });
    const answer = Answer.safeParse(json);
    if (!answer.success) return notProviderJson(status);
    const { Code, Message, BizId } = answer.data;
    if (Code === "OK") return { kind: "sent", providerMessageId: BizId ?? null };
    return {
      kind: "rejected",
      retryable: isRetryableAliyunError(Code, status),
      error: providerError(Code, Message, message),
    };
  }

  /**
   * Pages through the recipient's records for every Beijing date since `sentAfter`, looking for our OutId.
   * Aliyun lists a message once it takes it (SendStatus 1 "waiting for receipt"), so absence means not sent.
   * A passing failure throws (ask again later); a final one answers "unknown".
   */
  async function lookup(message: OutgoingMessage, sentAfter: Date): Promise<"sent" | "not_sent" | "unknown"> {
    for (const day of beijingDays(sentAfter, now())) {
      for (let page = 1; ; page++) {
        const { status, json } = await call("QuerySendDetails", {
          PhoneNumber: message.to,
          SendDate: day,
          PageSize: String(PAGE_SIZE),
          CurrentPage: String(page),
        });
        const answer = DetailsAnswer.safeParse(json);
        if (!answer.success) throw new Error(`aliyun-sms QuerySendDetails: HTTP ${status}, not a provider JSON answer`);
        const { Code, Message, TotalCount, SmsSendDetailDTOs } = answer.data;
        if (Code !== "OK") {
          if (!isRetryableAliyunError(Code, status)) return "unknown";
          throw new Error(`aliyun-sms QuerySendDetails: ${providerError(Code, Message, message)}`);
        }
        const details = SmsSendDetailDTOs?.SmsSendDetailDTO ?? [];
        if (details.some((detail) => String(detail.OutId) === message.id)) return "sent";
        if (details.length < PAGE_SIZE || page * PAGE_SIZE >= (TotalCount ?? 0)) break;
      }
    }
    return "not_sent";
  }

  return { name: "aliyun-sms", channel: "sms", dedupes: false, send, lookup };
}
