import type { CaseStatus, MessageType, Outcome } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { formatShanghai } from "../../../../shared/clocks/time";
import { Layout } from "../../../../shared/ui/layout";
import { OUTCOME_LABELS, STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import type { CitizenView, PublicView } from "../case-views";

const DUE_LABELS: Record<string, string> = { on_time: "办理中", due_soon: "即将到期", overdue: "已超期" };

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status ${status}`}>{STATUS_LABELS[status as CaseStatus]?.zh ?? status}</span>;
}

/** One page for both views: the citizen's own view adds their text unmasked and their contact data. */
export function CasePage({ view, own }: { view: PublicView | CitizenView; own: boolean }) {
  const citizen = own ? (view as CitizenView) : null;
  return (
    <Layout title={`留言 ${formatTrackingNo(view.trackingNo)}`}>
      <h1>
        留言 {formatTrackingNo(view.trackingNo)} <StatusBadge status={view.status} />
      </h1>
      <section class="card">
        {view.title !== undefined ? (
          <>
            <h2>{view.title}</h2>
            <p class="body-text">{view.body}</p>
          </>
        ) : (
          <p class="hint">留言人未同意公开内容，此处只显示办理进度。</p>
        )}
        <dl class="facts">
          <dt>类型</dt>
          <dd>{TYPE_LABELS[view.type as MessageType]?.zh ?? view.type}</dd>
          <dt>提交时间</dt>
          <dd>{formatShanghai(view.submittedAt)}</dd>
          <dt>承办单位</dt>
          <dd>{view.department?.name ?? "待交办"}</dd>
          {view.assignedAt && (
            <>
              <dt>交办时间</dt>
              <dd>{formatShanghai(view.assignedAt)}</dd>
            </>
          )}
          <dt>答复期限</dt>
          <dd>
            {view.dueAt ? formatShanghai(view.dueAt) : view.department ? "待计算" : "交办后计算"}{" "}
            {view.dueStatus && <span class={`status ${view.dueStatus === "overdue" ? "overdue" : ""}`} data-testid="due-status">{DUE_LABELS[view.dueStatus]}</span>}
          </dd>
          {view.mergedInto && (
            <>
              <dt>已合并到</dt>
              <dd><a href={`/cases/${view.mergedInto}`}>{formatTrackingNo(view.mergedInto)}</a>（相同问题的留言一并办理）</dd>
            </>
          )}
          {view.publicReason && (
            <>
              <dt>不予受理原因</dt>
              <dd>{view.publicReason}</dd>
            </>
          )}
        </dl>
      </section>
      {citizen && (
        <section class="card">
          <h2>我的信息（仅本人可见）</h2>
          <dl class="facts">
            <dt>姓名</dt>
            <dd>{citizen.petitioner.name ?? "—"}</dd>
            <dt>手机号</dt>
            <dd>{citizen.petitioner.phone}</dd>
            <dt>邮箱</dt>
            <dd>{citizen.petitioner.email ?? "—"}</dd>
            <dt>地址</dt>
            <dd>{citizen.address ?? "—"}</dd>
            <dt>是否公开</dt>
            <dd>{citizen.isPublic ? "公开" : "不公开"}</dd>
          </dl>
        </section>
      )}
      {view.reply && (
        <section class="card">
          <h2>答复</h2>
          <p class="reply">{view.reply.text}</p>
          <p class="hint">
            {view.department?.name} 网络发言人 {view.reply.spokesperson.name}（{view.reply.spokesperson.title}）·{" "}
            {formatShanghai(view.reply.publishedAt)} · {OUTCOME_LABELS[view.reply.outcome as Outcome]?.zh ?? ""}
          </p>
        </section>
      )}
      <section class="card">
        <h2>办理过程</h2>
        <ol class="timeline">
          {view.timeline.map((t) => (
            <li>
              {formatShanghai(t.at)} {t.label}
              {t.note ? `：${t.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
