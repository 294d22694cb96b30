import { formatShanghai, periodLabel } from "../../../../shared/clocks/period";
import { SCORE_FIELDS, SCORE_LABELS, scoreKey } from "../desk/evaluation.schema";
import { percent } from "../desk/evaluation-period";
import type { EvaluatorGroup, OwnScore, ScoredDepartment } from "../desk/panel-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { Errors, EvaluationStyles, PeriodNav } from "./evaluation-parts";

export interface PanelPageProps {
  staff: Staff;
  period: string;
  /** Why the month cannot be scored (closed, not yet open), or null when it can. */
  closed: string | null;
  group: EvaluatorGroup | null;
  departments: ScoredDepartment[];
  own: Map<string, OwnScore>;
  errors?: string[];
  /** The form as sent, when it comes back with errors. */
  values?: Record<string, string>;
  invalid?: Set<string>;
  saved?: boolean;
}

/** 评议打分: the evaluator scores each department for a month beside its objective figures. */
export function PanelPage({
  staff,
  period,
  closed,
  group,
  departments,
  own,
  errors = [],
  values,
  invalid = new Set(),
  saved,
}: PanelPageProps) {
  const open = group !== null && closed === null;
  const value = (field: (typeof SCORE_FIELDS)[number] | "comment", departmentId: string): string => {
    if (values) return values[scoreKey(field, departmentId)] ?? "";
    const score = own.get(departmentId);
    if (!score) return "";
    return field === "comment" ? (score.comment ?? "") : String(score[field]);
  };
  return (
    <ConsoleLayout title="评议打分" staff={staff}>
      <EvaluationStyles />
      <h1>评议打分 · {periodLabel(period)}</h1>
      <PeriodNav path="/console/evaluation/panel" period={period} />
      {group ? (
        <p>
          您所在的评议组：<strong data-testid="panel-group">{group.name}</strong>，权重 {group.weight}。每项评分 0–100
          分，整行留空表示不评该单位；再次保存会覆盖本月已评的分数。
        </p>
      ) : (
        <div class="errors" role="alert">
          <p>您尚未加入任何评议组，暂不能打分。请联系平台管理员在“评议设置”中把您的账号分入评议组。</p>
        </div>
      )}
      {closed && (
        <div class="errors" role="status">
          <p>{closed}</p>
        </div>
      )}
      {saved && (
        <p class="notice" role="status">
          评分已保存。
        </p>
      )}
      <Errors errors={errors} />
      <form method="post" action="/console/evaluation/panel">
        {open && <FormGuard staff={staff} />}
        <input type="hidden" name="period" value={period} />
        <div class="table-scroll">
          <table class="scores">
            <thead>
              <tr>
                <th>单位</th>
                <th class="num">响应率</th>
                <th class="num">按期办结率</th>
                <th class="num">满意率</th>
                {SCORE_FIELDS.map((f) => (
                  <th>{SCORE_LABELS[f]}</th>
                ))}
                <th>意见</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr data-testid={`panel-row-${d.id}`}>
                  <th scope="row">
                    {d.name}
                    {own.get(d.id) && (
                      <span class="hint">
                        <br />
                        已评 {formatShanghai(own.get(d.id)?.updatedAt ?? null)}
                      </span>
                    )}
                  </th>
                  <td class="num">{percent(d.responseRate)}</td>
                  <td class="num">{percent(d.onTimeRate)}</td>
                  <td class="num">{percent(d.satisfactionRate)}</td>
                  {SCORE_FIELDS.map((f) => (
                    <td>
                      <input
                        type="number"
                        name={scoreKey(f, d.id)}
                        value={value(f, d.id)}
                        min={0}
                        max={100}
                        step={1}
                        inputmode="numeric"
                        aria-label={`${d.name} ${SCORE_LABELS[f]}`}
                        aria-invalid={invalid.has(scoreKey(f, d.id)) ? "true" : undefined}
                        disabled={!open}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="text"
                      name={scoreKey("comment", d.id)}
                      value={value("comment", d.id)}
                      maxlength={500}
                      aria-label={`${d.name} 意见`}
                      disabled={!open}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">
          响应率 = 按时签收件数 ÷ 交办件数；按期办结率 = 按期答复件数 ÷ (按期答复 + 超期)；满意率 = (满意 + 基本满意) ÷
          评价件数。“—”表示本月没有数据。
        </p>
        {open && <button type="submit">保存评分</button>}
      </form>
    </ConsoleLayout>
  );
}
