import { toShanghaiIso } from "../../../shared/clocks/period";
import type { CaseRecordRow } from "../../../shared/db/case-queries";
import { type CaseStatus, UNPUBLISHED_STATUSES } from "../../../shared/domain/case-model";
import type { CaseEvent, StoredEvent } from "../../../shared/domain/events";
import { maskPersonalData } from "../../../shared/routing/mask";
import { OUTCOME_LABELS, PUBLIC_EVENT_LABELS, RATING_LABELS } from "../../../shared/ui/labels";

const iso = (v: string | null) => (v ? toShanghaiIso(v) : null);
const ANSWERED = ["replied", "closed", "rejected", "merged"];
const DAY_MS = 24 * 3600_000;

/** The citizen consented and the platform accepted it: held, unscreened and refused messages stay unpublished. */
export function showsContent(row: Pick<CaseRecordRow, "isPublic" | "status">): boolean {
  return row.isPublic && !UNPUBLISHED_STATUSES.includes(row.status as CaseStatus);
}

export interface TimelineEntry {
  at: string;
  type: string;
  label: string;
  /** The same facts in zh-CN words, for API readers; pages render the structured fields below. */
  note?: string;
  /** case.assigned: to whom. */
  department?: { id: string; name: string };
  /** Extensions: working days asked for or granted, and whether it was granted. */
  workingDays?: number;
  approved?: boolean;
  /** The department's reason for an extension, or the dispatcher's note on it (masked). */
  reason?: string;
  /** case.rated: the rating; case.closed: the rating it closed with and the reply's outcome. */
  rating?: string;
  outcome?: string;
}

/** The columns the public view reads: public pages select these and nothing else. */
export type PublicCaseFields = Pick<
  CaseRecordRow,
  | "trackingNo"
  | "type"
  | "status"
  | "regionCode"
  | "category"
  | "departmentId"
  | "isPublic"
  | "title"
  | "body"
  | "submittedAt"
  | "assignedAt"
  | "acknowledgedAt"
  | "dueAt"
  | "repliedAt"
  | "replyText"
  | "replyOutcome"
  | "replySpokespersonName"
  | "replySpokespersonTitle"
  | "rating"
  | "mergedInto"
  | "statusReason"
  | "receiptHash"
  | "supporters"
  | "mergedCount"
>;

/**
 * The public view is built from an allow-list: every field is named here, so a new column in the
 * read model can never leak. Personal numbers typed into the text are masked.
 */
export function publicView(row: PublicCaseFields, events: readonly StoredEvent[], deptNames: Map<string, string>) {
  const department = row.departmentId
    ? { id: row.departmentId, name: deptNames.get(row.departmentId) ?? row.departmentId }
    : null;
  const dueAt = iso(row.dueAt);
  const overdue = row.dueAt !== null && !ANSWERED.includes(row.status) && Date.parse(row.dueAt) < Date.now();
  const dueSoon =
    !overdue && row.dueAt !== null && !ANSWERED.includes(row.status) && Date.parse(row.dueAt) - Date.now() < DAY_MS;
  return {
    trackingNo: row.trackingNo,
    type: row.type,
    status: row.status,
    regionCode: row.regionCode,
    category: row.category,
    department,
    ...(showsContent(row) ? { title: maskPersonalData(row.title), body: maskPersonalData(row.body) } : {}),
    submittedAt: toShanghaiIso(row.submittedAt),
    assignedAt: iso(row.assignedAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    dueAt,
    overdue,
    /** For display: on_time, due_soon (within a day) or overdue; null when nothing is due. */
    dueStatus:
      row.dueAt === null || ANSWERED.includes(row.status)
        ? null
        : overdue
          ? "overdue"
          : dueSoon
            ? "due_soon"
            : "on_time",
    reply:
      row.replyText && row.repliedAt
        ? {
            text: maskPersonalData(row.replyText),
            outcome: row.replyOutcome,
            publishedAt: toShanghaiIso(row.repliedAt),
            spokesperson: { name: row.replySpokespersonName ?? "", title: row.replySpokespersonTitle ?? "" },
          }
        : null,
    rating: row.rating,
    /** 附议: how many citizens said they have the same problem. */
    supporters: row.supporters,
    /** Duplicates merged into this case (their people are among the supporters). */
    mergedCount: row.mergedCount,
    /** A merged duplicate says where the case continues. */
    mergedInto: row.status === "merged" ? row.mergedInto : null,
    publicReason: row.status === "rejected" && row.statusReason ? maskPersonalData(row.statusReason) : null,
    timeline: publicTimeline(events, deptNames),
    /** Published reply against its deadline: true on time, false late, null when not answered or no deadline. */
    repliedOnTime: row.repliedAt && row.dueAt ? Date.parse(row.repliedAt) <= Date.parse(row.dueAt) : null,
    /** The first event's hash, as on the citizen's receipt: GET …/verify walks the chain from it. */
    receiptHash: row.receiptHash,
  };
}
export type PublicView = ReturnType<typeof publicView>;

const text = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== "" ? v : undefined);
/** Free text the public may see, personal numbers masked; nothing for an empty one. */
const masked = (v: string | undefined): string | undefined => {
  const t = text(v);
  return t === undefined ? undefined : maskPersonalData(t);
};

/**
 * Each event named by PUBLIC_EVENT_LABELS, with only the facts the public may see: whom a case went
 * to, an extension's days and reason, a rating, an outcome. Never the actor, never the citizen's
 * own words (a rating comment, a redo reason), never an internal note.
 */
function publicTimeline(events: readonly StoredEvent[], deptNames: Map<string, string>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const label = PUBLIC_EVENT_LABELS[e.type];
    if (!label) continue;
    out.push({ at: toShanghaiIso(e.at), type: e.type, label: label.zh, ...publicFacts(e, deptNames) });
  }
  return out;
}

function publicFacts(e: CaseEvent, deptNames: Map<string, string>): Omit<TimelineEntry, "at" | "type" | "label"> {
  switch (e.type) {
    case "case.assigned": {
      const id = text(e.payload.departmentId);
      if (!id) return {};
      const name = deptNames.get(id) ?? id;
      return { department: { id, name }, note: name };
    }
    case "case.rejected": {
      const reason = masked(e.payload.reason);
      return reason ? { note: reason } : {};
    }
    case "case.extension_requested": {
      const { workingDays } = e.payload;
      const reason = masked(e.payload.reason);
      return {
        workingDays,
        ...(reason && { reason }),
        note: `申请延期 ${workingDays} 个工作日${reason ? `：${reason}` : ""}`,
      };
    }
    case "case.extension_decided": {
      const { approved, workingDays } = e.payload;
      const reason = masked(e.payload.note);
      const decision = approved ? `同意延期 ${workingDays} 个工作日` : "不同意延期";
      return { approved, workingDays, ...(reason && { reason }), note: `${decision}${reason ? `：${reason}` : ""}` };
    }
    case "case.rated":
      return { rating: e.payload.rating, note: RATING_LABELS[e.payload.rating].zh };
    case "case.closed": {
      const { outcome, rating } = e.payload;
      const parts = [outcome ? OUTCOME_LABELS[outcome].zh : undefined, RATING_LABELS[rating].zh];
      return { outcome: outcome ?? undefined, rating, note: parts.filter(Boolean).join("，") };
    }
    case "case.submitted":
    case "case.accepted":
    case "case.held":
    case "case.return_rejected":
    case "case.acknowledged":
    case "case.returned":
    case "case.reply_drafted":
    case "case.reply_published":
    case "case.reopened":
    case "case.merged":
    case "case.urged":
    case "case.escalated":
    case "case.supported":
    case "case.merge_absorbed":
      return {};
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

/** The citizen's own view (unlocked with the query code): their text unmasked and their contact data. */
export function citizenView(row: CaseRecordRow, events: readonly StoredEvent[], deptNames: Map<string, string>) {
  return {
    ...publicView(row, events, deptNames),
    title: row.title,
    body: row.body,
    address: row.address,
    addressee: row.addressee,
    isPublic: row.isPublic,
    statusReason: row.statusReason,
    petitioner: { name: row.petitionerName, phone: row.petitionerPhone, email: row.petitionerEmail },
  };
}
export type CitizenView = ReturnType<typeof citizenView>;
