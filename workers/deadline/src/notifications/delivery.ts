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

/** The rows' columns the sender reads. */
const ROW_COLUMNS =
  "id, case_id, tracking_no, channel, recipient, template, lang, vars, secret_vars, unsubscribe_token, status, attempts, updated_at";
const DUE = "status IN ('queued', 'sending') AND next_attempt_at <= ?";

/**
 * Writes each planned notification once (keyed by id: a redelivered event adds nothing) and reads
 * back those that may be sent now, in one D1 batch. What holds a message is decided in the insert
 * itself, so a batch of several sees its own earlier rows: an address that unsubscribed, a channel
 * with no provider, a citizen's phone past its daily cap — each recorded as `suppressed` with the
 * reason — or quiet hours, which only set when it may go. The row exists before any send: that is
 * what makes the send at most once where the provider does not dedupe.
 */
export async function recordPlanned(
  db: D1Database,
  planned: readonly PlannedNotification[],
  senders: Senders,
  settings: Pick<DeliverySettings, "smsDailyCap">,
  now: number,
): Promise<NotificationRow[]> {
  if (planned.length === 0) return [];
  const day = capDay(now);
  const statements = planned.map((p) => {
    const vars = storableVars(p.template, p.vars);
    const secrets = Object.fromEntries(Object.entries(p.vars).filter(([k]) => !(k in vars)));
    const capped = p.channel === "sms" && p.recipient.kind === "citizen";
    // The first hold that applies, as its reason; null: none.
    const hold = `CASE
      WHEN EXISTS (SELECT 1 FROM notification_optouts WHERE channel = ?1 AND recipient_hash = ?2) THEN 'unsubscribed'
      WHEN ?3 = 0 THEN ?4
      WHEN ?5 = 1 AND (SELECT count(*) FROM notifications WHERE recipient = ?6 AND channel = 'sms'
        AND recipient_kind = 'citizen' AND created_at >= ?7 AND created_at < ?8 AND status != 'suppressed') >= ?9 THEN ?10
      END`;
    return db
      .prepare(
        `INSERT INTO notifications (id, event_id, case_id, tracking_no, recipient_kind, recipient_ref, channel, recipient,
           template, lang, vars, secret_vars, unsubscribe_token, message, status, error, attempts, next_attempt_at,
           created_at, updated_at)
         SELECT ?11, ?12, ?13, ?14, ?15, ?16, ?1, ?6, ?17, ?18, ?19, CASE WHEN hold IS NULL THEN ?20 END, ?21, ?22,
           CASE WHEN hold IS NULL THEN 'queued' ELSE 'suppressed' END, hold, 0, CASE WHEN hold IS NULL THEN ?23 END, ?24, ?24
         FROM (SELECT ${hold} AS hold)
         WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(
        p.channel,
        recipientDigest(p.to),
        senders[p.channel] ? 1 : 0,
        `no ${p.channel} provider configured`,
        capped ? 1 : 0,
        p.to,
        day.from,
        day.to,
        settings.smsDailyCap,
        `daily cap of ${settings.smsDailyCap} SMS reached`,
        p.id,
        p.eventId,
        p.caseId,
        p.trackingNo,
        p.recipient.kind,
        p.recipient.ref,
        p.template,
        p.recipient.lang,
        JSON.stringify(vars),
        Object.keys(secrets).length === 0 ? null : JSON.stringify(secrets),
        p.channel === "email" ? newUnsubscribeToken() : null,
        loggedText(p.template, vars, p.channel, p.recipient.lang),
        iso(sendableAt(p.channel, now)),
        iso(now),
      );
  });
  const due = db
    .prepare(`SELECT ${ROW_COLUMNS} FROM notifications WHERE id IN (SELECT value FROM json_each(?)) AND ${DUE}`)
    .bind(JSON.stringify(planned.map((p) => p.id)), iso(now));
  const results = await db.batch<NotificationRow>([...statements, due]);
  return results.at(-1)?.results ?? [];
}

/** The rows that may be sent now, oldest first: queued and due, or a send left unconfirmed past its grace. */
export async function dueRows(db: D1Database, now: number): Promise<NotificationRow[]> {
  const result = await db
    .prepare(`SELECT ${ROW_COLUMNS} FROM notifications WHERE ${DUE} ORDER BY next_attempt_at LIMIT 100`)
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
