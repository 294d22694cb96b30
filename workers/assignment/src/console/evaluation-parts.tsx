import { addMonths } from "../../../../shared/clocks/period";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";

/** Pieces the evaluation pages share. */

export function EvaluationStyles() {
  return <link rel="stylesheet" href="/console/assets/evaluation.css" />;
}

export function Errors({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="errors" role="alert">
      {errors.map((e) => (
        <p>{e}</p>
      ))}
    </div>
  );
}

/** Previous / next month links and a month picker (GET, so it works without JavaScript). */
export function PeriodNav({
  path,
  period,
  extra = {},
}: {
  path: string;
  period: string;
  extra?: Record<string, string>;
}) {
  const t = consoleText();
  const href = (p: string) => `${path}?${new URLSearchParams({ period: p, ...extra }).toString()}`;
  return (
    <form method="get" action={path} class="period-nav no-print">
      <a href={href(addMonths(period, -1))}>← {consoleMonth(addMonths(period, -1))}</a>
      <a href={href(addMonths(period, 1))}>{consoleMonth(addMonths(period, 1))} →</a>
      {Object.entries(extra).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <label for="period-pick">{t.monthPick}</label>
      <input type="month" id="period-pick" name="period" value={period} pattern="\d{4}-\d{2}" />
      <button type="submit" class="small">
        {t.show}
      </button>
    </form>
  );
}
