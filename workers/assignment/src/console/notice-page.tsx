import { formatShanghai } from "../../../../shared/clocks/period";
import type { CaseEventRecord, CaseRecordRow } from "../../../../shared/db/case-queries";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

const TITLES: Record<string, string> = {
  urge: "催办单",
  supervise: "督办单",
  notice: "通报",
  remind50: "办理提醒",
  remind75: "办理提醒",
};

// The ladder's timing is data (time_limit_rules), so the texts name the step, not a number of days.
const REASONS: Record<string, string> = {
  remind50: "办理时限已过半，请抓紧办理。",
  remind75: "办理时限已过四分之三，请抓紧办理。",
  urge: "已到办理期限仍未答复，请立即办理并答复。",
  supervise: "逾期仍未答复，请单位负责人督促办理，并报督查室。",
  notice: "逾期仍未答复，予以通报，并记入问责记录。",
};

/** The kind of notice an event is: a ladder step's kind, or the level of a hand-issued one. */
export function noticeKind(e: Pick<CaseEventRecord, "type" | "payload">): string | null {
  if (e.type === "case.escalated") return typeof e.payload.kind === "string" ? e.payload.kind : null;
  if (e.type === "case.urged") return typeof e.payload.level === "string" ? e.payload.level : null;
  return null;
}

/** A printable 催办单 / 督办单 / 通报 for one event. */
export function NoticePage({
  staff,
  event,
  row,
  department,
}: {
  staff: Staff;
  event: CaseEventRecord;
  row: CaseRecordRow;
  department: string;
}) {
  const kind = noticeKind(event) ?? "urge";
  const p = event.payload;
  const manual = event.type === "case.urged";
  return (
    <ConsoleLayout title={TITLES[kind] ?? "通知"} staff={staff}>
      <p class="no-print">
        请使用浏览器的打印功能打印本页。 <a href={`/console/cases/${row.trackingNo}`}>返回留言</a>
      </p>
      <section class="card notice-sheet">
        <h1>平凉市网络问政{TITLES[kind] ?? "通知"}</h1>
        <p class="mono">编号：{event.eventId}</p>
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
          <dd>{formatShanghai(typeof p.dueAt === "string" ? p.dueAt : row.dueAt)}</dd>
          <dt>{manual ? "督查意见" : "事由"}</dt>
          <dd>{manual ? String(p.note ?? "") : (REASONS[kind] ?? "")}</dd>
          <dt>签发</dt>
          <dd>平凉市网络问政办公室 · 督查室</dd>
          <dt>日期</dt>
          <dd>{formatShanghai(event.at)}</dd>
        </dl>
      </section>
    </ConsoleLayout>
  );
}
