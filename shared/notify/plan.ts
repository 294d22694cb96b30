import { formatShanghai } from "../clocks/period";
import { formatTrackingNo } from "../domain/ids";
import type { NotifyMessage } from "../messages";
import type { Channel } from "./provider";
import type { Lang, TemplateId } from "./templates";

/** Someone who can be told: the petitioner, or a staff account with the channels it set on its profile. */
export interface Contact {
  /** "petitioner" or the staff user's id: with the event and channel it keys the notification. */
  ref: string;
  kind: "citizen" | "staff";
  lang: Lang;
  /** Only the channels this person may be reached on (opted in, not unsubscribed). */
  phone: string | null;
  email: string | null;
}

/** What the consumer looked up in D1 for one message. */
export interface PlanContext {
  /** Null: no petitioner to tell (no contact data, or nothing opted in). */
  petitioner: Contact | null;
  departmentName: (departmentId: string | null) => string;
  /** Active accounts by duty, each with its profile's channels. */
  handlers: (departmentId: string) => readonly Contact[];
  heads: (departmentId: string) => readonly Contact[];
  supervisors: readonly Contact[];
  office: readonly Contact[];
}

export interface PlannedNotification {
  /** `${eventId}:${recipient ref}:${channel}`: exactly one per event, recipient and channel. */
  id: string;
  eventId: string;
  caseId: string | null;
  trackingNo: string | null;
  recipient: Contact;
  channel: Channel;
  to: string;
  template: TemplateId;
  vars: Record<string, string>;
}

const STAGE_NAMES: Record<Lang, Record<string, string>> = {
  "zh-CN": { dispatch: "分办", acknowledge: "签收", reply: "答复", rating: "评价", current: "办理" },
  en: { dispatch: "dispatch", acknowledge: "acknowledgement", reply: "reply", rating: "rating", current: "handling" },
};
const SHARES = { remind50: "50%", remind75: "75%" } as const;

/** Whether a message may reach staff, so their accounts must be looked up (citizen-only ones need not). */
export function reachesStaff(m: NotifyMessage): boolean {
  return m.type === "case.assigned" || m.type === "case.escalated" || m.type === "case.urged";
}

/** The departments a message's texts or recipients name. */
export function departmentsOf(m: NotifyMessage): (string | null)[] {
  return [m.departmentId, m.step?.departmentId ?? null];
}

/** Every channel a contact has, each a notification of its own. */
export function toEach(
  contacts: readonly Contact[],
  make: (c: Contact) => { template: TemplateId; vars: Record<string, string> },
  message: { eventId: string; caseId: string | null; trackingNo: string | null },
): PlannedNotification[] {
  const out = new Map<string, PlannedNotification>();
  for (const recipient of contacts) {
    const { template, vars } = make(recipient);
    for (const [channel, to] of [
      ["sms", recipient.phone],
      ["email", recipient.email],
    ] as const) {
      if (!to) continue;
      const id = `${message.eventId}:${recipient.ref}:${channel}`;
      out.set(id, { id, ...message, recipient, channel, to, template, vars });
    }
  }
  return [...out.values()];
}

/** Staff who answer for a ladder step: the holder's handlers, its head, the supervision office, the platform office. */
function stepRecipients(step: NonNullable<NotifyMessage["step"]>, ctx: PlanContext): readonly Contact[] {
  const dept = step.departmentId;
  // A step charged to nobody is the dispatch desk's own lateness: the platform office hears of it.
  if (!dept) return ctx.office;
  const heads = ctx.heads(dept);
  // A department without a head on file still hears, through its handlers (the admin sees the gap).
  const headOrHandlers = heads.length > 0 ? heads : ctx.handlers(dept);
  switch (step.kind) {
    case "remind50":
    case "remind75":
      return ctx.handlers(dept);
    case "urge":
      return headOrHandlers;
    case "supervise":
      return [...headOrHandlers, ...ctx.supervisors];
    case "notice":
      return [...ctx.office, ...ctx.supervisors];
  }
}

/**
 * Who hears about a case event, on which channels, with which template (DESIGN.md §3's ladder:
 * reminders to the handlers, 催办 to the head, 督办 to the head and the supervision office, 通报 to
 * the platform office). Pure: the consumer passes what it looked up.
 */
export function planNotifications(m: NotifyMessage, ctx: PlanContext): PlannedNotification[] {
  const key = { eventId: m.eventId, caseId: m.caseId, trackingNo: m.trackingNo };
  const trackingNo = formatTrackingNo(m.trackingNo);
  const date = (iso: string | null | undefined) => (iso ? formatShanghai(iso) : "—");
  const citizen = (template: TemplateId, vars: Record<string, string> = {}) =>
    ctx.petitioner ? toEach([ctx.petitioner], () => ({ template, vars: { trackingNo, ...vars } }), key) : [];
  const department = ctx.departmentName(m.departmentId);
  switch (m.type) {
    case "case.submitted":
      // The query code comes from the object; it is kept only until sent and masked in the log.
      return m.secretVars?.queryCode ? citizen("citizen.receipt", { queryCode: m.secretVars.queryCode }) : [];
    case "case.rejected":
      return citizen("citizen.rejected");
    case "case.assigned": {
      const staff = m.departmentId
        ? toEach(
            ctx.handlers(m.departmentId),
            () => ({ template: "staff.assigned", vars: { trackingNo, dueDate: date(m.dueAt) } }),
            key,
          )
        : [];
      return [...citizen("citizen.assigned", { department, dueDate: date(m.dueAt) }), ...staff];
    }
    case "case.reply_published":
      return citizen("citizen.replied", { department, rateBy: date(m.dueAt) });
    case "rating.reminder":
      return citizen("citizen.rating_reminder", { rateBy: date(m.dueAt) });
    case "case.reopened":
      return citizen("citizen.reopened");
    case "case.merged":
      return citizen("citizen.merged", { intoTrackingNo: formatTrackingNo(m.intoTrackingNo ?? "") });
    case "case.escalated":
    case "case.urged": {
      const step = m.step;
      if (!step) return [];
      const template: TemplateId =
        step.kind === "remind50" || step.kind === "remind75" ? "staff.reminder" : `staff.${step.kind}`;
      const holder = ctx.departmentName(step.departmentId);
      return toEach(
        stepRecipients(step, ctx),
        (c) => ({
          template,
          vars: {
            trackingNo,
            department: holder,
            stage: STAGE_NAMES[c.lang][step.stage] ?? step.stage,
            share: step.kind in SHARES ? SHARES[step.kind as keyof typeof SHARES] : "",
            dueDate: date(step.dueAt),
          },
        }),
        key,
      );
    }
    default:
      return [];
  }
}

/** The 09:00 digest of one department, by e-mail to its handlers and head: one per person and day. */
export function planDigest(
  digest: { departmentId: string; date: string; dueToday: number; dueSoon: number; overdue: number },
  ctx: PlanContext,
): PlannedNotification[] {
  const people = new Map(
    [...ctx.handlers(digest.departmentId), ...ctx.heads(digest.departmentId)].map((c) => [
      c.ref,
      { ...c, phone: null },
    ]),
  );
  const vars = {
    department: ctx.departmentName(digest.departmentId),
    date: digest.date,
    dueToday: String(digest.dueToday),
    dueSoon: String(digest.dueSoon),
    overdue: String(digest.overdue),
  };
  return toEach([...people.values()], () => ({ template: "staff.digest", vars }), {
    eventId: `digest:${digest.departmentId}:${digest.date}`,
    caseId: null,
    trackingNo: null,
  });
}
