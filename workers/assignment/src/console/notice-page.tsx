import { formatShanghai } from "../../../../shared/clocks/period";
import type { LadderKind } from "../../../../shared/clocks/time-limit-rules";
import type { CaseRecordRow } from "../../../../shared/db/case-queries";
import type { CaseEvent, StoredEvent } from "../../../../shared/domain/events";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

/** The kind of notice an event is: a ladder step's kind, or the level of a hand-issued one. */
export function noticeKind(e: CaseEvent): LadderKind | null {
  switch (e.type) {
    case "case.escalated":
      return e.payload.kind;
    case "case.urged":
      return e.payload.level;
    case "case.submitted":
    case "case.accepted":
    case "case.rejected":
    case "case.held":
    case "case.assigned":
    case "case.return_rejected":
    case "case.acknowledged":
    case "case.returned":
    case "case.extension_requested":
    case "case.extension_decided":
    case "case.reply_drafted":
    case "case.reply_published":
    case "case.rated":
    case "case.reopened":
    case "case.closed":
    case "case.merged":
    case "case.supported":
    case "case.merge_absorbed":
      return null;
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

/** The department a notice is addressed to: who held the case when the ladder step fell due, if it says. */
export function noticeDepartmentId(e: CaseEvent): string | null {
  return e.type === "case.escalated" ? e.payload.departmentId : null;
}

/** A printable 催办单 / 督办单 / 通报 for one event. */
export function NoticePage({
  staff,
  event,
  row,
  department,
}: {
  staff: Staff;
  event: StoredEvent;
  row: CaseRecordRow;
  department: string;
}) {
  const kind = noticeKind(event) ?? "urge";
  const dueAt = event.type === "case.escalated" ? event.payload.dueAt : row.dueAt;
  const note = event.type === "case.urged" ? event.payload.note : null;
  const t = consoleText();
  const title = t.noticeTitles[kind] ?? t.noticeFallback;
  return (
    <ConsoleLayout title={title} staff={staff}>
      <p class="no-print">
        {t.printHint} <a href={`/console/cases/${row.trackingNo}`}>{t.backToCase}</a>
      </p>
      <section class="card notice-sheet">
        <h1>{t.noticeHeading(title)}</h1>
        <p class="mono">{t.noticeNo(event.id)}</p>
        <dl class="facts">
          <dt>{t.factDepartment}</dt>
          <dd>{department}</dd>
          <dt>{t.caseNo}</dt>
          <dd>{formatTrackingNo(row.trackingNo)}</dd>
          <dt>{t.caseTitle}</dt>
          <dd lang={userLang()}>{row.title}</dd>
          <dt>{t.assignedAt}</dt>
          <dd>{formatShanghai(row.assignedAt)}</dd>
          <dt>{t.dueAt}</dt>
          <dd>{formatShanghai(dueAt)}</dd>
          <dt>{note !== null ? t.supervisorNote : t.noticeCause}</dt>
          <dd lang={note !== null ? userLang() : undefined}>{note ?? t.noticeReasons[kind]}</dd>
          <dt>{t.issuedBy}</dt>
          <dd>{t.issuer}</dd>
          <dt>{t.date}</dt>
          <dd>{formatShanghai(event.at)}</dd>
        </dl>
      </section>
    </ConsoleLayout>
  );
}
