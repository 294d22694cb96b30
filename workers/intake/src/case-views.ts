import { maskPersonalData } from "../../../shared/routing/mask";
import { UNPUBLISHED_STATUSES, type CaseStatus } from "../../../shared/domain/case-model";
import { toShanghaiIso } from "../../../shared/clocks/time";
import type { CaseRecordRow, CaseEventRecord } from "../../../shared/db/case-queries";
import { PUBLIC_EVENT_LABELS } from "../../../shared/ui/labels";

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
  note?: string;
}

/**
 * The public view is built from an allow-list: every field is named here, so a new column in the
 * read model can never leak. Personal numbers typed into the text are masked.
 */
export function publicView(row: CaseRecordRow, events: CaseEventRecord[], deptNames: Map<string, string>) {
  const department = row.departmentId ? { id: row.departmentId, name: deptNames.get(row.departmentId) ?? row.departmentId } : null;
  const dueAt = iso(row.dueAt);
  const overdue = row.dueAt !== null && !ANSWERED.includes(row.status) && Date.parse(row.dueAt) < Date.now();
  const dueSoon = !overdue && row.dueAt !== null && !ANSWERED.includes(row.status) && Date.parse(row.dueAt) - Date.now() < DAY_MS;
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
    dueStatus: row.dueAt === null || ANSWERED.includes(row.status) ? null : overdue ? "overdue" : dueSoon ? "due_soon" : "on_time",
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
  };
}
export type PublicView = ReturnType<typeof publicView>;

function publicTimeline(events: CaseEventRecord[], deptNames: Map<string, string>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const label = PUBLIC_EVENT_LABELS[e.type];
    if (!label) continue;
    const entry: TimelineEntry = { at: toShanghaiIso(e.at), type: e.type, label: label.zh };
    if (e.type === "case.assigned" && typeof e.payload.departmentId === "string") {
      entry.note = deptNames.get(e.payload.departmentId) ?? e.payload.departmentId;
    }
    if (e.type === "case.rejected" && typeof e.payload.reason === "string") entry.note = maskPersonalData(e.payload.reason);
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
