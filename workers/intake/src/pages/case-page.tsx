import type { CaseStatus, MessageType, Outcome } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { formatShanghai } from "../../../../shared/clocks/time";
import { Layout } from "../../../../shared/ui/layout";
import { OUTCOME_LABELS, RATING_LABELS, RESOLUTION_LABELS, STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import type { CitizenView, PublicView } from "../case-views";

const DUE_LABELS: Record<string, string> = { on_time: "办理中", due_soon: "即将到期", overdue: "已超期" };

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status ${status}`}>{STATUS_LABELS[status as CaseStatus]?.zh ?? status}</span>;
}

/** The citizen's rating and redo forms: the query code rides along in a hidden field of this no-store page. */
export interface CitizenForms {
  queryCode: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string;
  /** The command just went through: the read model may not show it yet, so no form is offered again. */
  done?: boolean;
}

/** One page for both views: the citizen's own view adds their text unmasked, their contact data and the rating forms. */
export function CasePage({ view, own, forms }: { view: PublicView | CitizenView; own: boolean; forms?: CitizenForms }) {
  const citizen = own ? (view as CitizenView) : null;
  const redone = view.timeline.some((t) => t.type === "case.reopened");
  const justRatedDissatisfied = forms?.done && forms.values.rating === "dissatisfied";
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
          {view.rating && <p>留言人评价：<strong>{RATING_LABELS[view.rating as keyof typeof RATING_LABELS]?.zh ?? view.rating}</strong></p>}
        </section>
      )}
      {citizen && forms && (
        <>
          {forms.notice && <p class="notice" role="status">{forms.notice}</p>}
          {forms.errors.form && <div class="errors" role="alert"><p>{forms.errors.form}</p></div>}
          {view.status === "replied" && !view.rating && !forms.done && <RatingForm trackingNo={view.trackingNo} forms={forms} />}
          {view.status === "replied" && !redone && (forms.done ? justRatedDissatisfied : view.rating === "dissatisfied") && <RedoForm trackingNo={view.trackingNo} forms={forms} />}
        </>
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

function Choice(props: { name: string; options: Record<string, { zh: string }>; forms: CitizenForms; legend: string }) {
  const error = props.forms.errors[props.name];
  return (
    <fieldset aria-describedby={error ? `${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {error && <span class="field-error" id={`${props.name}-error`}>{error}</span>}
      {Object.entries(props.options).map(([value, label]) => (
        <label class="choice">
          <input type="radio" name={props.name} value={value} checked={props.forms.values[props.name] === value} required /> {label.zh}
        </label>
      ))}
    </fieldset>
  );
}

function CitizenFormGuard({ forms }: { forms: CitizenForms }) {
  return (
    <>
      <input type="hidden" name="queryCode" value={forms.queryCode} />
      <input type="hidden" name="formKey" value={crypto.randomUUID()} />
    </>
  );
}

/** 评价: asked once per reply, within the rating window; an unrated case closes as unrated, never as satisfied. */
function RatingForm({ trackingNo, forms }: { trackingNo: string; forms: CitizenForms }) {
  const { unrated: _unrated, ...ratings } = RATING_LABELS;
  return (
    <form method="post" action={`/cases/${trackingNo}/rating`} class="card" id="rate">
      <h2>评价答复</h2>
      <p class="hint">请在答复发布后 7 日内评价；逾期未评价的，按“未评价”办结，不计为满意。</p>
      <CitizenFormGuard forms={forms} />
      <Choice name="resolution" legend="您反映的问题解决了吗？" options={RESOLUTION_LABELS} forms={forms} />
      <Choice name="rating" legend="您对答复满意吗？" options={ratings} forms={forms} />
      <label for="comment">评价意见（选填）</label>
      <textarea id="comment" name="comment" maxlength={500} rows={3} aria-describedby={forms.errors.comment ? "comment-error" : undefined}>{forms.values.comment ?? ""}</textarea>
      {forms.errors.comment && <span class="field-error" id="comment-error">{forms.errors.comment}</span>}
      <button type="submit">提交评价</button>
    </form>
  );
}

/** 重办: once, after a dissatisfied rating, while the rating window is open. */
function RedoForm({ trackingNo, forms }: { trackingNo: string; forms: CitizenForms }) {
  return (
    <form method="post" action={`/cases/${trackingNo}/redo`} class="card" id="redo">
      <h2>申请重办</h2>
      <p class="hint">对答复不满意的，可申请重办一次，案件将交回承办单位重新办理并重新计时。</p>
      <CitizenFormGuard forms={forms} />
      <label for="reason">申请理由</label>
      <textarea id="reason" name="reason" required minlength={2} maxlength={500} rows={3} aria-describedby={forms.errors.reason ? "reason-error" : undefined}>{forms.values.reason ?? ""}</textarea>
      {forms.errors.reason && <span class="field-error" id="reason-error">{forms.errors.reason}</span>}
      <button type="submit">申请重办</button>
    </form>
  );
}
