import * as z from "zod";

/**
 * Delivery reports the SMS providers push to us (状态报告), read into one shape. Each names the
 * message by our id where the provider echoes it (Aliyun's out_id is our OutId) or by the provider's
 * own id, which the send stored (Aliyun's biz_id = BizId, Tencent's sid = SerialNo). The phone
 * number they carry is never kept.
 */
export interface DeliveryReport {
  ourId: string | null;
  providerMessageId: string;
  delivered: boolean;
  /** "code: description" of a failed delivery, for the log. */
  error: string | null;
}

/** Aliyun SmsReport, HTTP batch push: https://help.aliyun.com/document_detail/101867.html */
const AliyunReports = z.array(
  z.looseObject({
    biz_id: z.string().min(1),
    out_id: z.string().optional(),
    success: z.boolean(),
    err_code: z.string().optional(),
    err_msg: z.string().optional(),
  }),
);

/** Tencent Cloud SMS 短信下发状态通知: https://cloud.tencent.com/document/product/382/5807 */
const TencentReports = z.array(
  z.looseObject({
    sid: z.string().min(1),
    report_status: z.enum(["SUCCESS", "FAIL"]),
    errmsg: z.string().optional(),
    description: z.string().optional(),
  }),
);

const describe = (code?: string, detail?: string) =>
  [code, detail].filter(Boolean).join(": ").slice(0, 200) || "failed";

export const RECEIPT_PROVIDERS = {
  aliyun: {
    name: "aliyun-sms",
    reports: AliyunReports.transform((reports): DeliveryReport[] =>
      reports.map((r) => ({
        ourId: r.out_id || null,
        providerMessageId: r.biz_id,
        delivered: r.success,
        error: r.success ? null : describe(r.err_code, r.err_msg),
      })),
    ),
    /** What Aliyun expects back: a numeric code (it checks nothing else). */
    ok: { code: 0, msg: "接收成功" },
  },
  tencent: {
    name: "tencent-sms",
    reports: TencentReports.transform((reports): DeliveryReport[] =>
      reports.map((r) => ({
        ourId: null,
        providerMessageId: r.sid,
        delivered: r.report_status === "SUCCESS",
        error: r.report_status === "SUCCESS" ? null : describe(r.errmsg, r.description),
      })),
    ),
    ok: { result: 0, errmsg: "OK" },
  },
} as const;
export type ReceiptProvider = keyof typeof RECEIPT_PROVIDERS;
