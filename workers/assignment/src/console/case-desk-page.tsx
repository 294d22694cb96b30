import type { StaffClocks } from "../../../../shared/clocks/case-clocks";
import { formatShanghai } from "../../../../shared/clocks/period";
import type { LadderKind } from "../../../../shared/clocks/time-limit-rules";
import type { CaseState, MessageType, Outcome } from "../../../../shared/domain/case-model";
import type { CaseEvent, CaseEventType, StoredEvent } from "../../../../shared/domain/events";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { can } from "../../../../shared/domain/permissions";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { OUTCOME_LABELS, STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { ActionForms, availableCommands, type CategoryChoice, type DeskCase } from "./action-forms";
import { DueBadge } from "./case-table";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { noticeKind } from "./notice-page";

const EVENT_LABELS: Record<CaseEventType, string> = {
  "case.submitted": "留言提交",
  "case.accepted": "受理",
  "case.rejected": "不予受理",
  "case.held": "转入审核",
  "case.assigned": "交办",
  "case.return_rejected": "驳回退回",
  "case.acknowledged": "签收",
  "case.returned": "申请退回",
  "case.extension_requested": "申请延期",
  "case.extension_decided": "延期审批",
  "case.reply_drafted": "答复稿",
  "case.reply_published": "答复发布",
  "case.rated": "评价",
  "case.reopened": "重办",
  "case.closed": "办结",
  "case.merged": "合并",
  "case.escalated": "督办阶梯",
  "case.urged": "人工督办",
};

/** What a staff member sees of an event: its kind, who, and the free-text notes it carries. */
export function eventNote(e: CaseEvent, names: Map<string, string>): string {
  const days = (n: number) => `${n} 个工作日`;
  const parts = ((): (string | undefined)[] => {
    switch (e.type) {
      case "case.submitted":
      case "case.accepted":
      case "case.acknowledged":
      case "case.reply_published":
        return [];
      case "case.rejected":
      case "case.held":
      case "case.returned":
      case "case.reopened":
        return [e.payload.reason];
      case "case.assigned":
        return [`→ ${names.get(e.payload.departmentId) ?? e.payload.departmentId}`, e.payload.note];
      case "case.return_rejected":
        return [e.payload.note];
      case "case.extension_requested":
        return [e.payload.reason, days(e.payload.workingDays)];
      case "case.extension_decided":
        return [e.payload.note, days(e.payload.workingDays), e.payload.approved ? "同意" : "不同意"];
      case "case.reply_drafted":
        return [e.payload.text];
      case "case.rated":
        return [e.payload.rating, e.payload.comment];
      case "case.closed":
        return [e.payload.rating];
      case "case.merged":
        return [e.payload.intoTrackingNo];
      case "case.urged":
        return [LADDER_NAMES[e.payload.level], e.payload.note];
      case "case.escalated":
        return [LADDER_NAMES[e.payload.kind]];
      default: {
        const _exhaustive: never = e;
        return _exhaustive;
      }
    }
  })();
  return parts.filter((p) => p !== undefined).join(" · ");
}

const LADDER_NAMES: Record<LadderKind, string> = {
  remind50: "时限过半提醒",
  remind75: "时限 75% 提醒",
  urge: "催办",
  supervise: "督办",
  notice: "通报",
};
const CLOCK_STATUS: Record<string, string> = { on_time: "正常", due_soon: "即将到期", overdue: "已超期" };

export interface CaseDeskProps {
  staff: Staff;
  clocks: StaffClocks;
  labels: { category: string | null; region: string };
  state: CaseState;
  petitioner: Petitioner;
  events: StoredEvent[];
  names: Map<string, string>;
  departments: { id: string; name: string }[];
  duplicates: { candidateTrackingNo: string; similarity: number }[];
  /** Categories for the assignment form: the case's own first, else the classifier's suggestions first. */
  categories: CategoryChoice[];
  error?: string;
  done?: string;
}

export function CaseDeskPage({
  staff,
  clocks,
  labels,
  state: row,
  petitioner,
  events,
  names,
  departments,
  duplicates,
  categories,
  error,
  done,
}: CaseDeskProps) {
  const suggested = categories.filter((k) => k.confidence !== undefined);
  const now = Date.now();
  const deskCase: DeskCase = {
    ...row,
    pendingExtensionDays: row.pendingExtension?.workingDays ?? null,
    draftText: row.draft?.text ?? null,
    draftedAt: row.draft?.draftedAt ?? null,
  };
  return (
    <ConsoleLayout title={`留言 ${formatTrackingNo(row.trackingNo)}`} staff={staff}>
      <h1>
        留言 {formatTrackingNo(row.trackingNo)}{" "}
        <span class={`status ${row.status}`}>
          {STATUS_LABELS[row.status as keyof typeof STATUS_LABELS]?.zh ?? row.status}
        </span>
      </h1>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <div class="notice" role="status">
          <p>操作已完成。</p>
        </div>
      )}
      <section class="card">
        <h2>{row.title}</h2>
        <p class="body-text">{row.body}</p>
        <dl class="facts">
          <dt>类型</dt>
          <dd>{TYPE_LABELS[row.type as MessageType]?.zh ?? row.type}</dd>
          <dt>分类</dt>
          <dd>
            {labels.category ?? "未分类"}
            {!row.category && suggested.length > 0 && (
              <span class="hint">
                （系统建议：{suggested.map((k) => `${k.name} ${Math.round((k.confidence ?? 0) * 100)}%`).join("，")}）
              </span>
            )}
          </dd>
          <dt>区域</dt>
          <dd>
            {labels.region}
            {row.address ? ` · ${row.address}` : ""}
          </dd>
          <dt>写给</dt>
          <dd>{row.addressee ?? "—"}</dd>
          <dt>承办单位</dt>
          <dd>{row.departmentId ? (names.get(row.departmentId) ?? row.departmentId) : "待交办"}</dd>
          <dt>留言人</dt>
          <dd>
            {can(staff, "case.contact", row)
              ? `${petitioner.name ?? "（未留姓名）"} · ${petitioner.phone}${petitioner.email ? ` · ${petitioner.email}` : ""}`
              : "（仅主办单位承办人和问政办可见）"}
          </dd>
          <dt>是否公开</dt>
          <dd>{row.isPublic ? "同意公开" : "不公开"}</dd>
          <dt>提交 / 交办 / 签收</dt>
          <dd>
            {formatShanghai(row.submittedAt)} / {formatShanghai(row.assignedAt)} / {formatShanghai(row.acknowledgedAt)}
          </dd>
        </dl>
      </section>
      <section class="card">
        <h2>
          时限{" "}
          <span class={`clock ${clocks.status === "overdue" ? "late" : clocks.status === "due_soon" ? "soon" : "ok"}`}>
            {CLOCK_STATUS[clocks.status]}
          </span>
        </h2>
        <dl class="facts">
          <dt>签收期限</dt>
          <dd>
            {clocks.acknowledgeDueAt ? (
              <>
                {formatShanghai(clocks.acknowledgeDueAt)}{" "}
                <DueBadge dueAt={row.acknowledgedAt ? null : clocks.acknowledgeDueAt} now={now} />
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>答复期限</dt>
          <dd>
            {clocks.replyDueAt ? (
              <>
                {formatShanghai(clocks.replyDueAt)} <DueBadge dueAt={row.reply ? null : clocks.replyDueAt} now={now} />
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>可退回至</dt>
          <dd>{formatShanghai(clocks.returnWindowEndsAt)}</dd>
          <dt>日历</dt>
          <dd>
            版本 {clocks.calendarVersion}
            {clocks.coverage === "weekends-only" ? "（部分年份无官方放假安排，按普通周末计算）" : ""}
          </dd>
        </dl>
      </section>
      {row.draft && (
        <section class="card">
          <h2>答复稿（待发言人审核）</h2>
          <p class="reply">{row.draft.text}</p>
          <p class="hint">
            {OUTCOME_LABELS[row.draft.outcome as Outcome]?.zh ?? ""} {row.draft.outcomeNote ?? ""}
          </p>
        </section>
      )}
      {row.reply && (
        <section class="card">
          <h2>已发布答复</h2>
          <p class="reply">{row.reply.text}</p>
          <p class="hint">
            网络发言人 {row.reply.spokesperson.name}（{row.reply.spokesperson.title}）
          </p>
        </section>
      )}
      {duplicates.length > 0 && (
        <section class="card">
          <h2>可能重复的留言</h2>
          <ul>
            {duplicates.map((d) => (
              <li>
                <a href={`/console/cases/${d.candidateTrackingNo}`}>{formatTrackingNo(d.candidateTrackingNo)}</a>
                （相似度 {d.similarity}%）
                {availableCommands(staff, deskCase).includes("merge") && (
                  <form method="post" action={`/console/cases/${row.trackingNo}/do/merge`} class="inline">
                    <FormGuard staff={staff} />
                    <input type="hidden" name="intoTrackingNo" value={d.candidateTrackingNo} />
                    <button type="submit" class="small">
                      合并到此留言
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>操作</h2>
        <ActionForms staff={staff} c={deskCase} departments={departments} categories={categories} />
      </section>
      <section class="card">
        <h2>办理记录</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li>
              {formatShanghai(e.at)} {EVENT_LABELS[e.type] ?? e.type}（{e.actor.role}）
              {eventNote(e, names) ? `：${eventNote(e, names)}` : ""}
              {noticeKind(e) && ["urge", "supervise", "notice"].includes(noticeKind(e) ?? "") && (
                <>
                  {" "}
                  <a href={`/console/notices/${e.id}`}>打印通知单</a>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </ConsoleLayout>
  );
}
