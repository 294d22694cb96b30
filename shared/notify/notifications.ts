import type { CaseState } from "../domain/case-model";
import type { CaseEvent, StoredEvent } from "../domain/events";
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

/** The text the citizen gets after an event, or null when the event is not theirs to hear about. */
function messageFor(event: CaseEvent, trackingNo: string): string | null {
  switch (event.type) {
    case "case.assigned":
      return `【平凉网络问政】您的留言 ${trackingNo} 已交办承办单位办理。`;
    case "case.rejected":
      return `【平凉网络问政】您的留言 ${trackingNo} 未予受理，原因请凭查询码查看。`;
    case "case.reply_published":
      return `【平凉网络问政】您的留言 ${trackingNo} 已答复，请凭留言编号和查询码查看，并在7日内评价。`;
    case "case.submitted":
    case "case.accepted":
    case "case.held":
    case "case.return_rejected":
    case "case.acknowledged":
    case "case.returned":
    case "case.extension_requested":
    case "case.extension_decided":
    case "case.reply_drafted":
    case "case.rated":
    case "case.reopened":
    case "case.closed":
    case "case.merged":
    case "case.urged":
    case "case.escalated":
      return null;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * What the citizen is told after an event. The text names the tracking number only: the content
 * of the case and the reply stay behind the query code.
 */
export function notificationsFor(event: StoredEvent, state: CaseState, petitioner: Petitioner): CitizenNotification[] {
  if (state.channel === "seed") return [];
  const message = messageFor(event, formatTrackingNo(state.trackingNo));
  if (message === null) return [];
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
