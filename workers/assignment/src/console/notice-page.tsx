import { formatShanghai } from "../../../../shared/clocks/period";
import type { LadderKind } from "../../../../shared/clocks/time-limit-rules";
import type { CaseRecordRow } from "../../../../shared/db/case-queries";
import type { CaseEvent, StoredEvent } from "../../../../shared/domain/events";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

const TITLES: Record<LadderKind, string> = {
  urge: "催办单",
  supervise: "督办单",
  notice: "通报",
  remind50: "办理提醒",
  remind75: "办理提醒",
};

// The ladder's timing is data (time_limit_rules), so the texts name the step, not a number of days.
const REASONS: Record<LadderKind, string> = {
  remind50: "办理时限已过半，请抓紧办理。",
  remind75: "办理时限已过四分之三，请抓紧办理。",
  urge: "已到办理期限仍未答复，请立即办理并答复。",
  supervise: "逾期仍未答复，请单位负责人督促办理，并报督查室。",
  notice: "逾期仍未答复，予以通报，并记入问责记录。",
};

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
  return (
    <ConsoleLayout title={TITLES[kind] ?? "通知"} staff={staff}>
      <p class="no-print">
        请使用浏览器的打印功能打印本页。 <a href={`/console/cases/${row.trackingNo}`}>返回留言</a>
      </p>
      <section class="card notice-sheet">
        <h1>平凉市网络问政{TITLES[kind] ?? "通知"}</h1>
        <p class="mono">编号：{event.id}</p>
        <dl class="facts">
          <dt>承办单位</dt>
          <dd>{department}</dd>
          <dt>留言编号</dt>
          <dd>{formatTrackingNo(row.trackingNo)}</dd>
          <dt>留言标题</dt>
          <dd>{row.title}</dd>
          <dt>交办时间</dt>
          <dd>{formatShanghai(row.assignedAt)}</dd>
          <dt>办理期限</dt>
          <dd>{formatShanghai(dueAt)}</dd>
          <dt>{note !== null ? "督查意见" : "事由"}</dt>
          <dd>{note ?? REASONS[kind]}</dd>
          <dt>签发</dt>
          <dd>平凉市网络问政办公室 · 督查室</dd>
          <dt>日期</dt>
          <dd>{formatShanghai(event.at)}</dd>
        </dl>
      </section>
    </ConsoleLayout>
  );
}
