import { Hono } from "hono";
import * as z from "zod";
import { bodyLimit } from "../../../../shared/http/body-limit";
import { ApiError, validationError } from "../../../../shared/http/errors";
import { logEvent } from "../../../../shared/log";
import { RECEIPT_TOKEN_SECRET } from "../../../../shared/notify/provider";
import { type DeliveryReport, RECEIPT_PROVIDERS, type ReceiptProvider } from "../../../../shared/notify/receipts";

/**
 * SMS delivery reports (状态报告) pushed by the provider: each sent message becomes `delivered`, or
 * `failed` with the carrier's code. The URL given to the provider carries the token (they push
 * unsigned); without NOTIFY_RECEIPT_TOKEN set the route does not exist. Reports come more than once
 * and out of order: a message only moves forward from sending / sent / unknown, never back.
 */
export const deliveryReports = new Hono<{ Bindings: IntakeEnv }>();

const Token = z.object({ [RECEIPT_TOKEN_SECRET]: z.string().min(16).nullish() });

const settle = (db: D1Database, provider: string, r: DeliveryReport, at: string) =>
  db
    .prepare(
      `UPDATE notifications SET status = ?1, error = ?2, updated_at = ?3
       WHERE channel = 'sms' AND provider = ?4 AND status IN ('sending', 'sent', 'unknown')
         AND (id = ?5 OR provider_message_id = ?6)`,
    )
    .bind(r.delivered ? "delivered" : "failed", r.error, at, provider, r.ourId ?? "", r.providerMessageId);

// A provider batches many reports into one push: a larger limit than the citizens' forms.
deliveryReports.post("/:provider/:token", bodyLimit(1024 * 1024), async (c) => {
  const token = Token.parse(c.env)[RECEIPT_TOKEN_SECRET];
  const name = c.req.param("provider");
  const provider = Object.hasOwn(RECEIPT_PROVIDERS, name) ? RECEIPT_PROVIDERS[name as ReceiptProvider] : null;
  if (!token || !provider || c.req.param("token") !== token) throw new ApiError(404, "not_found", "No such resource.");
  const parsed = provider.reports.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  const at = new Date().toISOString();
  const results = parsed.data.length
    ? await c.env.DB.batch(parsed.data.map((r) => settle(c.env.DB, provider.name, r, at)))
    : [];
  logEvent("info", "delivery-reports", {
    provider: provider.name,
    reports: parsed.data.length,
    settled: results.reduce((n, r) => n + (r.meta.changes ?? 0), 0),
  });
  return c.json(provider.ok);
});
