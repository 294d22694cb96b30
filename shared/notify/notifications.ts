import type { CaseState } from "../domain/case-model";
import type { StoredEvent } from "../domain/evolve";
import { formatTrackingNo } from "../domain/ids";
import type { Petitioner } from "../domain/submission.schema";

export interface CitizenNotification {
  /** Event id and channel: one notification per event and channel, however often it is delivered. */
  id: string;
  caseId: string;
  channel: "sms" | "email";
  recipient: string;
  message: string;
}

const MESSAGES: Partial<Record<string, (trackingNo: string) => string>> = {
  "case.assigned": (t) => `【平凉网络问政】您的留言 ${t} 已交办承办单位办理。`,
  "case.rejected": (t) => `【平凉网络问政】您的留言 ${t} 未予受理，原因请凭查询码查看。`,
  "case.reply_published": (t) => `【平凉网络问政】您的留言 ${t} 已答复，请凭留言编号和查询码查看，并在7日内评价。`,
};

/**
 * What the citizen is told after an event. The text names the tracking number only: the content
 * of the case and the reply stay behind the query code.
 */
export function notificationsFor(event: StoredEvent, state: CaseState, petitioner: Petitioner): CitizenNotification[] {
  const text = MESSAGES[event.type];
  if (!text || state.channel === "seed") return [];
  const message = text(formatTrackingNo(state.trackingNo));
  const out: CitizenNotification[] = [
    { id: `${event.id}:sms`, caseId: state.caseId, channel: "sms", recipient: petitioner.phone, message },
  ];
  if (petitioner.email)
    out.push({ id: `${event.id}:email`, caseId: state.caseId, channel: "email", recipient: petitioner.email, message });
  return out;
}

/** Sends a notification. Production plugs an SMS or e-mail gateway in here. */
export interface NotificationProvider {
  readonly name: string;
  send(notification: CitizenNotification): Promise<void>;
}

/**
 * The local default: nothing leaves the machine; the notifications table, which the console
 * shows, is the log. It never writes personal data to the Worker log.
 */
export const localLogProvider: NotificationProvider = {
  name: "local-log",
  async send() {},
};
