/**
 * Tencent Cloud SMS (sms 2021-01-11) as a NotificationProvider: SendSms to send, PullSmsSendStatusByPhoneNumber
 * to find out whether an interrupted send reached Tencent. Requests are signed with TC3-HMAC-SHA256
 * ("签名方法 v3"), whose worked example the tests reproduce bit for bit.
 *
 * Tencent does not dedupe: SessionContext (our message id) is only echoed back, in receipts and status pulls.
 */
import * as z from "zod";
import type { NotificationProvider, OutgoingMessage, SendOutcome } from "../provider";
import { hex, hmac, sha256Hex } from "./signing";
import {
  type Fetch,
  notProviderJson,
  providerError,
  readJson,
  SmsProviderConfig,
  type SmsProviderDeps,
  unknownTemplate,
} from "./sms-common";

const API_VERSION = "2021-01-11";
const SERVICE = "sms";
const DEFAULT_REGION = "ap-guangzhou";
const CONTENT_TYPE = "application/json; charset=utf-8";
/** PullSmsSendStatusByPhoneNumber answers at most 100 a page and reaches back 7 days. */
const PAGE_SIZE = 100;
const PULL_REACH_MS = 7 * 86_400_000;
/**
 * The status pull lists a message only once the carrier's receipt (回执) is back, usually within seconds.
 * Until this long after the send, a message not listed may still be on its way: "unknown", not "not sent".
 */
const RECEIPT_WAIT_MS = 10 * 60_000;

export const TencentSmsConfig = SmsProviderConfig.extend({ sdkAppId: z.string().regex(/^\d+$/) });
export type TencentSmsConfig = z.input<typeof TencentSmsConfig>;

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  service: string;
  /** Unix seconds: the X-TC-Timestamp header, and the UTC date of the credential scope. */
  timestamp: number;
  /** The headers to sign, at least content-type and host, exactly as sent. */
  headers: Readonly<Record<string, string>>;
  payload: string;
}

/**
 * TC3-HMAC-SHA256 for a POST to "/": CanonicalRequest (method, URI, empty query, canonical headers with
 * lower-cased trimmed names and values sorted by name, the signed header names, SHA-256 of the body) →
 * StringToSign (algorithm, timestamp, Date/service/tc3_request scope, SHA-256 of the canonical request) →
 * a key derived as HMAC("TC3" + SecretKey, Date) → service → "tc3_request", which signs it.
 */
export async function tc3Sign(request: Tc3Request): Promise<{
  canonicalRequest: string;
  stringToSign: string;
  authorization: string;
}> {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(";");
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join("");
  const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${await sha256Hex(request.payload)}`;

  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${request.timestamp}\n${scope}\n${await sha256Hex(canonicalRequest)}`;

  const secretDate = await hmac("SHA-256", `TC3${request.secretKey}`, date);
  const secretService = await hmac("SHA-256", secretDate, request.service);
  const secretSigning = await hmac("SHA-256", secretService, "tc3_request");
  const signature = hex(await hmac("SHA-256", secretSigning, stringToSign));
  const authorization = `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, authorization };
}

/**
 * "Later": frequency and daily limits (LimitExceeded.*, RequestLimitExceeded*), Tencent's internal faults
 * (InternalError*, e.g. InternalError.Timeout), a marketing message outside the allowed hours, any HTTP 5xx.
 * Final: everything else — AuthFailure.*, a malformed or blacklisted number, an unapproved template or sign,
 * arrears — and the few codes inside those families that describe our request rather than the moment.
 */
const FINAL_IN_RETRYABLE_FAMILIES = new Set([
  "LimitExceeded.PhoneNumberCountLimit",
  "InternalError.SigVerificationFail",
  "InternalError.SigFieldMissing",
  "InternalError.RestApiInterfaceNotExist",
  "InternalError.RequestTimeException",
]);
const RETRYABLE_PREFIXES = ["LimitExceeded", "RequestLimitExceeded", "InternalError"];

export function isRetryableTencentError(code: string, httpStatus: number): boolean {
  if (httpStatus >= 500) return true;
  if (FINAL_IN_RETRYABLE_FAMILIES.has(code)) return false;
  return (
    code === "FailedOperation.MarketingSendTimeConstraint" ||
    RETRYABLE_PREFIXES.some((prefix) => code === prefix || code.startsWith(`${prefix}.`))
  );
}

const ErrorBody = z.object({ Code: z.string(), Message: z.string().optional() });
const SendAnswer = z.object({
  Response: z.object({
    Error: ErrorBody.optional(),
    SendStatusSet: z
      .array(z.object({ Code: z.string(), Message: z.string().optional(), SerialNo: z.string().optional() }))
      .optional(),
  }),
});
const PullAnswer = z.object({
  Response: z.object({
    Error: ErrorBody.optional(),
    PullSmsSendStatusSet: z.array(z.object({ SessionContext: z.string().nullish() })).nullish(),
  }),
});

/** E.164 as Tencent wants it; our numbers are mainland ones unless they say otherwise. */
const e164 = (to: string) => (to.startsWith("+") ? to : `+86${to}`);

export function tencentSms(config: TencentSmsConfig, deps: SmsProviderDeps = {}): NotificationProvider {
  const settings = TencentSmsConfig.parse(config);
  const fetchImpl: Fetch = deps.fetch ?? ((url, init) => fetch(url, init));
  const now = deps.now ?? (() => new Date());
  const host = new URL(settings.baseUrl).host;

  async function call(action: string, body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const payload = JSON.stringify(body);
    const timestamp = Math.floor(now().getTime() / 1000);
    const { authorization } = await tc3Sign({
      secretId: settings.accessKeyId,
      secretKey: settings.accessKeySecret,
      service: SERVICE,
      timestamp,
      headers: { "content-type": CONTENT_TYPE, host, "x-tc-action": action },
      payload,
    });
    const response = await fetchImpl(`${settings.baseUrl}/`, {
      method: "POST",
      headers: {
        Authorization: authorization,
        "Content-Type": CONTENT_TYPE,
        "X-TC-Action": action,
        "X-TC-Version": API_VERSION,
        "X-TC-Timestamp": String(timestamp),
        "X-TC-Region": settings.region ?? DEFAULT_REGION,
      },
      body: payload,
    });
    return { status: response.status, json: await readJson(response) };
  }

  async function send(message: OutgoingMessage): Promise<SendOutcome> {
    const templateId = settings.templates[message.template];
    if (templateId === undefined) return unknownTemplate(message.template);
    const { status, json } = await call("SendSms", {
      PhoneNumberSet: [e164(message.to)],
      SmsSdkAppId: settings.sdkAppId,
      SignName: settings.signName,
      TemplateId: templateId,
      TemplateParamSet: message.params.map(([, value]) => value),
      SessionContext: message.id,
    });
    const answer = SendAnswer.safeParse(json);
    if (!answer.success) return notProviderJson(status);
    const { Error: error, SendStatusSet } = answer.data.Response;
    const result = error ?? SendStatusSet?.[0];
    if (result === undefined) return notProviderJson(status);
    if (!error && result.Code === "Ok") {
      return { kind: "sent", providerMessageId: SendStatusSet?.[0]?.SerialNo ?? null };
    }
    return {
      kind: "rejected",
      retryable: isRetryableTencentError(result.Code, status),
      error: providerError(result.Code, result.Message, message),
    };
  }

  /**
   * Pages through the number's status receipts since `sentAfter`, looking for our SessionContext. A passing
   * failure throws (ask again later); a final refusal, or a send beyond the pull's reach, answers "unknown".
   */
  async function lookup(message: OutgoingMessage, sentAfter: Date): Promise<"sent" | "not_sent" | "unknown"> {
    const asOf = now().getTime();
    if (asOf - sentAfter.getTime() > PULL_REACH_MS) return "unknown";
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const { status, json } = await call("PullSmsSendStatusByPhoneNumber", {
        BeginTime: Math.floor(sentAfter.getTime() / 1000),
        EndTime: Math.floor(asOf / 1000),
        Offset: offset,
        Limit: PAGE_SIZE,
        PhoneNumber: e164(message.to),
        SmsSdkAppId: settings.sdkAppId,
      });
      const answer = PullAnswer.safeParse(json);
      if (!answer.success) throw new Error(`tencent-sms pull: HTTP ${status}, not a provider JSON answer`);
      const { Error: error, PullSmsSendStatusSet } = answer.data.Response;
      if (error) {
        if (!isRetryableTencentError(error.Code, status)) return "unknown";
        throw new Error(`tencent-sms pull: ${providerError(error.Code, error.Message, message)}`);
      }
      const receipts = PullSmsSendStatusSet ?? [];
      if (receipts.some((receipt) => receipt.SessionContext === message.id)) return "sent";
      if (receipts.length < PAGE_SIZE) break;
    }
    return asOf - sentAfter.getTime() < RECEIPT_WAIT_MS ? "unknown" : "not_sent";
  }

  return { name: "tencent-sms", channel: "sms", dedupes: false, send, lookup };
}
