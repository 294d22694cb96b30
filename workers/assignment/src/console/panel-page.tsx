import { formatShanghai } from "../../../../shared/clocks/period";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";
import { SCORE_FIELDS, scoreKey } from "../desk/evaluation.schema";
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
  const t = consoleText();
  const value = (field: (typeof SCORE_FIELDS)[number] | "comment", departmentId: string): string => {
    if (values) return values[scoreKey(field, departmentId)] ?? "";
    const score = own.get(departmentId);
    if (!score) return "";
    return field === "comment" ? (score.comment ?? "") : String(score[field]);
  };
  return (
    <ConsoleLayout title={t.panelTitle} staff={staff}>
      <EvaluationStyles />
      <h1>
        {t.panelTitle} · {consoleMonth(period)}
      </h1>
      <PeriodNav path="/console/evaluation/panel" period={period} />
      {group ? (
        <p>
          {t.panelGroup}
          <strong data-testid="panel-group" lang={userLang()}>
            {group.name}
          </strong>
          {t.panelRules(group.weight)}
        </p>
      ) : (
        <div class="errors" role="alert">
          <p>{t.noGroup}</p>
        </div>
      )}
      {closed && (
        <div class="errors" role="status">
          <p>{closed}</p>
        </div>
      )}
      {saved && (
        <p class="notice" role="status">
          {t.saved}
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
                <th>{t.colUnit}</th>
                <th class="num">{t.colResponse}</th>
                <th class="num">{t.colOnTime}</th>
                <th class="num">{t.colSatisfaction}</th>
                {SCORE_FIELDS.map((f) => (
                  <th>{t.scoreLabels[f]}</th>
                ))}
                <th>{t.colComment}</th>
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
                        {t.scoredAt(formatShanghai(own.get(d.id)?.updatedAt ?? null))}
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
                        aria-label={t.fieldOf(d.name, t.scoreLabels[f] ?? f)}
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
                      lang={userLang()}
                      maxlength={500}
                      aria-label={t.fieldOf(d.name, t.colComment)}
                      disabled={!open}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">{t.panelFormulas}</p>
        {open && <button type="submit">{t.saveScores}</button>}
      </form>
    </ConsoleLayout>
  );
}
