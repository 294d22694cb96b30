import { caseIdFor } from "../../../../shared/domain/ids";
import { InterviewPlan } from "../../../../shared/interviews/interview.schema";
import { ModerationCommand } from "../../../../shared/interviews/questions";

export const GUEST_SLOTS = 4;
type Form = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** A new session's id, from the scheduling form's one-time key: a doubled post schedules one session. */
export function interviewIdFor(formKey: string): string {
  return caseIdFor("interview", formKey).toLowerCase().slice(0, 16);
}

/** `datetime-local` (the form's Beijing wall-clock time) → an instant with its offset; "" when not one. */
export function beijingInstant(value: unknown): string {
  const v = str(value);
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(v) ? `${v}:00+08:00` : v;
}

/** The other way, to fill the form in again: an instant as `datetime-local` in Beijing time. */
export function beijingLocal(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? "" : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/**
 * The scheduling form as a plan, validated by the plan's own schema (a guest row counts when any of
 * its three fields is filled, so a half-filled row is reported rather than dropped).
 */
export function planFromForm(form: Form) {
  const guests = [];
  for (let n = 1; n <= GUEST_SLOTS; n++) {
    const [name, title, departmentId] = [
      str(form[`guest${n}Name`]),
      str(form[`guest${n}Title`]),
      str(form[`guest${n}Department`]),
    ];
    if (name || title) guests.push({ id: `g${n}`, name, title, departmentId });
  }
  return InterviewPlan.safeParse({
    title: str(form.title),
    description: str(form.description),
    regionCode: str(form.regionCode),
    guests,
    startsAt: beijingInstant(form.startsAt),
    endsAt: beijingInstant(form.endsAt),
  });
}

/** A moderation or answering form as its command; `ModerationCommand` then validates it strictly. */
export function commandFromForm(name: string, form: Form) {
  const text = str(form.text);
  switch (name) {
    case "approve":
      return ModerationCommand.safeParse({
        name,
        questionId: str(form.questionId),
        guestId: str(form.guestId),
        ...(text ? { text } : {}),
      });
    case "decline":
      return ModerationCommand.safeParse({ name, questionId: str(form.questionId), reason: str(form.reason) });
    case "merge":
      return ModerationCommand.safeParse({
        name,
        questionId: str(form.questionId),
        intoQuestionId: str(form.intoQuestionId),
      });
    case "answer":
      return ModerationCommand.safeParse({ name, questionId: str(form.questionId), guestId: str(form.guestId), text });
    default:
      return ModerationCommand.safeParse({ name });
  }
}
