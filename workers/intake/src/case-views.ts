import { toShanghaiIso } from "../../../shared/clocks/period";
import type { CaseEventRecord, CaseRecordRow } from "../../../shared/db/case-queries";
import { type CaseStatus, UNPUBLISHED_STATUSES } from "../../../shared/domain/case-model";
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
>;

/**
 * The public view is built from an allow-list: every field is named here, so a new column in the
 * read model can never leak. Personal numbers typed into the text are masked.
 */
export function publicView(row: PublicCaseFields, events: CaseEventRecord[], deptNames: Map<string, string>) {
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

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * Each event named by PUBLIC_EVENT_LABELS, with only the facts the public may see: whom a case went
 * to, an extension's days and reason, a rating, an outcome. Never the actor, never the citizen's
 * own words (a rating comment, a redo reason), never an internal note.
 */
function publicTimeline(events: CaseEventRecord[], deptNames: Map<string, string>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const label = PUBLIC_EVENT_LABELS[e.type];
    if (!label) continue;
    const p = e.payload;
    const entry: TimelineEntry = { at: toShanghaiIso(e.at), type: e.type, label: label.zh };
    switch (e.type) {
      case "case.assigned": {
        const id = str(p.departmentId);
        if (id) {
          entry.department = { id, name: deptNames.get(id) ?? id };
          entry.note = entry.department.name;
        }
        break;
      }
      case "case.rejected":
        if (str(p.reason)) entry.note = maskPersonalData(String(p.reason));
        break;
      case "case.extension_requested": {
        entry.workingDays = num(p.workingDays);
        const reason = str(p.reason);
        if (reason) entry.reason = maskPersonalData(reason);
        entry.note = `申请延期 ${entry.workingDays ?? "?"} 个工作日${entry.reason ? `：${entry.reason}` : ""}`;
        break;
      }
      case "case.extension_decided": {
        entry.approved = p.approved === true;
        entry.workingDays = num(p.workingDays);
        const note = str(p.note);
        if (note) entry.reason = maskPersonalData(note);
        entry.note = `${entry.approved ? `同意延期 ${entry.workingDays ?? "?"} 个工作日` : "不同意延期"}${entry.reason ? `：${entry.reason}` : ""}`;
        break;
      }
      case "case.rated": {
        const rating = str(p.rating);
        if (rating) {
          entry.rating = rating;
          entry.note = RATING_LABELS[rating as keyof typeof RATING_LABELS]?.zh ?? rating;
        }
        break;
      }
      case "case.closed": {
        entry.outcome = str(p.outcome);
        entry.rating = str(p.rating);
        const parts = [
          entry.outcome ? OUTCOME_LABELS[entry.outcome as keyof typeof OUTCOME_LABELS]?.zh : undefined,
          entry.rating ? RATING_LABELS[entry.rating as keyof typeof RATING_LABELS]?.zh : undefined,
        ].filter(Boolean);
        if (parts.length) entry.note = parts.join("，");
        break;
      }
    }
    out.push(entry);
  }
  return out;
}

/** The citizen's own view (unlocked with the query code): their text unmasked and their contact data. */
export function citizenView(row: CaseRecordRow, events: CaseEventRecord[], deptNames: Map<string, string>) {
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
