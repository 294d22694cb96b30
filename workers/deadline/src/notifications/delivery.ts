import { logEvent } from "../../../../shared/log";
import type { PlannedNotification } from "../../../../shared/notify/plan";
import { capDay, MAX_SEND_ATTEMPTS, retryDelayMs, sendableAt } from "../../../../shared/notify/policy";
import type { Channel, NotificationProvider, OutgoingMessage } from "../../../../shared/notify/provider";
import { loggedText, render, storableVars } from "../../../../shared/notify/render";
import { isTemplateId, type Lang } from "../../../../shared/notify/templates";
import { newUnsubscribeToken, recipientDigest } from "../../../../shared/notify/unsubscribe";

export interface Senders {
  sms: NotificationProvider | null;
  email: NotificationProvider | null;
}

export interface DeliverySettings {
  smsDailyCap: number;
  /** The link an e-mail ends with, which opts its address out (its token is the row's). */
  unsubscribeUrl: (token: string) => string;
}

export interface NotificationRow {
  id: string;
  case_id: string | null;
  tracking_no: string | null;
  channel: Channel;
  recipient: string;
  template: string;
  lang: string;
  vars: string | null;
  secret_vars: string | null;
  unsubscribe_token: string | null;
  status: string;
  attempts: number;
  updated_at: string | null;
}

/** How long a send may stay unconfirmed before the sweep looks at it again. */
const SENDING_GRACE_MS = 5 * 60_000;
/** A provider that still cannot say after a day: the message is marked unknown for a person to judge. */
const LOOKUP_GIVE_UP_MS = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes each planned notification once (keyed by id: a redelivered event adds nothing), deciding
 * at that moment what holds it: an address that unsubscribed, a channel with no provider, a phone
 * past its daily cap (citizens only) — each recorded as `suppressed` with the reason — or quiet
 * hours, which only set when it may go. The row exists before any send: that is what makes the
 * send at most once where the provider does not dedupe.
 */
export async function recordPlanned(
  db: D1Database,
  planned: readonly PlannedNotification[],
  senders: Senders,
  settings: Pick<DeliverySettings, "smsDailyCap">,
  now: number,
): Promise<void> {
  if (planned.length === 0) return;
  const optedOut = await optOuts(db, planned);
  const day = capDay(now);
  const sentToday = new Map<string, number>();
  for (const to of new Set(
    planned.filter((p) => p.channel === "sms" && p.recipient.kind === "citizen").map((p) => p.to),
  )) {
    const row = await db
      .prepare(
        "SELECT count(*) AS n FROM notifications WHERE recipient = ? AND channel = 'sms' AND recipient_kind = 'citizen' AND created_at >= ? AND created_at < ? AND status != 'suppressed'",
      )
      .bind(to, day.from, day.to)
      .first<{ n: number }>();
    sentToday.set(to, row?.n ?? 0);
  }
  const statements = planned.map((p) => {
    let suppressed: string | null = null;
    if (optedOut.has(`${p.channel}:${p.to}`)) suppressed = "unsubscribed";
    else if (!senders[p.channel]) suppressed = `no ${p.channel} provider configured`;
    else if (p.channel === "sms" && p.recipient.kind === "citizen") {
      const n = (sentToday.get(p.to) ?? 0) + 1;
      sentToday.set(p.to, n);
      if (n > settings.smsDailyCap) suppressed = `daily cap of ${settings.smsDailyCap} SMS reached`;
    }
    const vars = storableVars(p.template, p.vars);
    const secrets = Object.fromEntries(Object.entries(p.vars).filter(([k]) => !(k in vars)));
    return db
      .prepare(
        `INSERT INTO notifications (id, event_id, case_id, tracking_no, recipient_kind, recipient_ref, channel, recipient,
           template, lang, vars, secret_vars, unsubscribe_token, message, status, error, attempts, next_attempt_at,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .bind(
        p.id,
        p.eventId,
        p.caseId,
        p.trackingNo,
        p.recipient.kind,
        p.recipient.ref,
        p.channel,
        p.to,
        p.template,
        p.recipient.lang,
        JSON.stringify(vars),
        suppressed || Object.keys(secrets).length === 0 ? null : JSON.stringify(secrets),
        p.channel === "email" ? newUnsubscribeToken() : null,
        loggedText(p.template, vars, p.channel, p.recipient.lang),
        suppressed ? "suppressed" : "queued",
        suppressed,
        suppressed ? null : iso(sendableAt(p.channel, now)),
        iso(now),
        iso(now),
      );
  });
  await db.batch(statements);
}

async function optOuts(db: D1Database, planned: readonly PlannedNotification[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const p of planned) {
    const hit = await db
      .prepare("SELECT 1 AS x FROM notification_optouts WHERE channel = ? AND recipient_hash = ?")
      .bind(p.channel, recipientDigest(p.to))
      .first();
    if (hit) out.add(`${p.channel}:${p.to}`);
  }
  return out;
}

/** The rows that may be sent now: queued and due, or a send left unconfirmed past its grace. */
export async function dueRows(db: D1Database, now: number, ids?: readonly string[]): Promise<NotificationRow[]> {
  const select =
    "SELECT id, case_id, tracking_no, channel, recipient, template, lang, vars, secret_vars, unsubscribe_token, status, attempts, updated_at FROM notifications";
  const due = "status IN ('queued', 'sending') AND next_attempt_at <= ?";
  const result = ids
    ? await db
        .prepare(`${select} WHERE id IN (SELECT value FROM json_each(?)) AND ${due}`)
        .bind(JSON.stringify(ids), iso(now))
        .all<NotificationRow>()
    : await db
        .prepare(`${select} WHERE ${due} ORDER BY next_attempt_at LIMIT 100`)
        .bind(iso(now))
        .all<NotificationRow>();
  return result.results;
}

function outgoing(row: NotificationRow, settings: DeliverySettings): OutgoingMessage | null {
  if (!isTemplateId(row.template)) return null;
  const lang: Lang = row.lang === "en" ? "en" : "zh-CN";
  const vars = { ...(row.vars ? JSON.parse(row.vars) : {}), ...(row.secret_vars ? JSON.parse(row.secret_vars) : {}) };
  const r = render(row.template, vars, row.channel, lang);
  const message = {
    id: row.id,
    channel: row.channel,
    to: row.recipient,
    template: row.template,
    trackingNo: row.tracking_no,
  };
  if (row.channel === "sms" || !row.unsubscribe_token) return { ...message, ...r };
  const url = settings.unsubscribeUrl(row.unsubscribe_token);
  const label = lang === "en" ? "Stop these e-mails" : "不再接收此类邮件";
  const footer = `<p style="color:#666;font-size:12px"><a href="${url}">${label}</a></p>`;
  return {
    ...message,
    ...r,
    text: `${r.text}\n\n${label}: ${url}`,
    html: r.html?.replace("</body>", `${footer}</body>`),
  };
}

/**
 * Sends one notification at most once, or exactly once where the provider dedupes or can be asked:
 * 1. claim the row (`sending`, attempts + 1) with a conditional update, so two deliveries of the
 *    same message never both send;
 * 2. send;
 * 3. record what the provider said.
 * Settling a row (sent, failed, unknown, suppressed) erases its secret variables.
 * A crash after 1 leaves the row `sending`; the next look either sends again (the provider dedupes),
 * asks the provider whether our id arrived (lookup), or, when it can do neither, marks the row
 * `unknown` rather than risk a second SMS.
 */
export async function deliver(
  db: D1Database,
  row: NotificationRow,
  senders: Senders,
  settings: DeliverySettings,
  now: number,
): Promise<void> {
  const sender = senders[row.channel];
  const message = outgoing(row, settings);
  const finish = (status: string, fields: { error?: string | null; providerMessageId?: string | null } = {}) =>
    db
      .prepare(
        `UPDATE notifications SET status = ?, error = ?, provider_message_id = coalesce(?, provider_message_id),
           next_attempt_at = NULL, secret_vars = NULL, updated_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?`,
      )
      .bind(status, fields.error ?? null, fields.providerMessageId ?? null, iso(now), status, iso(now), row.id)
      .run();
  if (!sender) return void (await finish("suppressed", { error: `no ${row.channel} provider configured` }));
  if (!message) return void (await finish("failed", { error: `unknown template ${row.template}` }));

  if (row.status === "sending" && !sender.dedupes) {
    const since = row.updated_at ? Date.parse(row.updated_at) - 60_000 : now - LOOKUP_GIVE_UP_MS;
    const found = sender.lookup
      ? await sender.lookup(message, new Date(since)).catch(() => "unknown" as const)
      : "unknown";
    if (found === "sent") return void (await finish("sent"));
    if (found === "unknown") {
      if (!sender.lookup || now - since > LOOKUP_GIVE_UP_MS)
        return void (await finish("unknown", { error: "the send was interrupted; the provider cannot confirm it" }));
      await db
        .prepare("UPDATE notifications SET next_attempt_at = ? WHERE id = ? AND status = 'sending'")
        .bind(iso(now + SENDING_GRACE_MS), row.id)
        .run();
      return;
    }
  }

  const claim = await db
    .prepare(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, provider = ?, updated_at = ?, next_attempt_at = ?
       WHERE id = ? AND status = ? AND attempts = ?`,
    )
    .bind(sender.name, iso(now), iso(now + SENDING_GRACE_MS), row.id, row.status, row.attempts)
    .run();
  if (claim.meta.changes !== 1) return; // another delivery has it
  const attempts = row.attempts + 1;

  let outcome: Awaited<ReturnType<NotificationProvider["send"]>>;
  try {
    outcome = await sender.send(message);
  } catch (error) {
    // Lost in flight: the row stays `sending` and the sweep settles it after the grace period.
    logEvent("warn", "notification-send-unconfirmed", {
      id: row.id,
      provider: sender.name,
      error: String(error).slice(0, 100),
    });
    return;
  }
  if (outcome.kind === "sent") return void (await finish("sent", { providerMessageId: outcome.providerMessageId }));
  if (outcome.retryable && attempts < MAX_SEND_ATTEMPTS) {
    await db
      .prepare(
        "UPDATE notifications SET status = 'queued', error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
      )
      .bind(outcome.error, iso(now + retryDelayMs(attempts)), iso(now), row.id)
      .run();
    return;
  }
  await finish("failed", { error: outcome.error });
  logEvent("warn", "notification-failed", { id: row.id, provider: sender.name, error: outcome.error.slice(0, 100) });
}
