import { LIMIT_UNITS } from "../../../../shared/clocks/time-limit-rules";
import type { timeLimitRules } from "../../../../shared/db/schema";
import type { MessageType } from "../../../../shared/domain/case-model";
import { localName, portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { TYPE_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

export interface CalendarSummary {
  version: number;
  note: string;
  createdAt: string;
  years: { year: number; coverage: "official" | "weekends-only" }[];
}

export interface ClocksAdminProps {
  staff: Staff;
  rules: (typeof timeLimitRules.$inferSelect)[];
  categories: { code: string; name: string; nameEn?: string | null }[];
  calendars: CalendarSummary[];
  error?: string;
}

/** 限时办结 settings: the time-limit rules and the versioned working-day calendar. */
export function ClocksAdminPage({ staff, rules, categories, calendars, error }: ClocksAdminProps) {
  const guard = <input type="hidden" name="_csrf" value={staff.csrf} />;
  const latest = calendars[0];
  const t = consoleText();
  const lang = portalLang();
  return (
    <ConsoleLayout title={t.clocksPageTitle} staff={staff}>
      <h1>{t.clocksHeading}</h1>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      <section class="card" id="rules">
        <h2>{t.rulesTitle}</h2>
        <p class="hint">{t.rulesHint}</p>
        <table>
          <thead>
            <tr>
              <th>{t.colType}</th>
              <th>{t.colCategory}</th>
              <th>{t.colStage}</th>
              <th>{t.colLimit}</th>
              <th>{t.colUnitOfTime}</th>
              <th>{t.colExtensionCap}</th>
              <th>{t.colExtensions}</th>
              <th>{t.colReturnWindow}</th>
              <th>{t.colLadder}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <td>{TYPE_LABELS[r.messageType as MessageType]?.[lang] ?? r.messageType}</td>
                <td>{r.category ?? t.everyCategory}</td>
                <td>{t.stages[r.stage] ?? r.stage}</td>
                <td colspan={7}>
                  <form method="post" action={`/console/admin/clocks/rules/${r.id}`} class="inline rule-form">
                    {guard}
                    <input
                      type="number"
                      name="limitValue"
                      value={r.limitValue ?? ""}
                      min={1}
                      max={365}
                      aria-label={t.colLimit}
                    />
                    <select name="unit" aria-label={t.colUnitOfTime}>
                      {LIMIT_UNITS.map((u) => (
                        <option value={u} selected={u === r.unit}>
                          {t.units[u]}
                        </option>
                      ))}
                    </select>
                    <input
                      type="number"
                      name="extensionCapDays"
                      value={r.extensionCapDays}
                      min={0}
                      max={60}
                      aria-label={t.extensionCap}
                    />
                    <input
                      type="number"
                      name="maxExtensions"
                      value={r.maxExtensions}
                      min={0}
                      max={5}
                      aria-label={t.colExtensions}
                    />
                    <input
                      type="number"
                      name="returnWindowDays"
                      value={r.returnWindowDays ?? ""}
                      min={0}
                      max={30}
                      aria-label={t.colReturnWindow}
                    />
                    <input
                      type="text"
                      name="escalation"
                      value={r.escalation ? JSON.stringify(r.escalation) : ""}
                      aria-label={t.colLadder}
                    />
                    <button type="submit" class="small">
                      {t.save}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/clocks/rules">
          {guard}
          <h3>{t.categoryRuleTitle}</h3>
          <label for="r-type">{t.colType}</label>
          <select id="r-type" name="messageType">
            {Object.entries(TYPE_LABELS).map(([code, l]) => (
              <option value={code}>{l[lang]}</option>
            ))}
          </select>
          <label for="r-cat">{t.colCategory}</label>
          <select id="r-cat" name="category">
            {categories.map((c) => (
              <option value={c.code}>{localName(c)}</option>
            ))}
          </select>
          <label for="r-stage">{t.colStage}</label>
          <select id="r-stage" name="stage">
            {Object.entries(t.stages).map(([code, name]) => (
              <option value={code}>{name}</option>
            ))}
          </select>
          <button type="submit">{t.addRule}</button>
        </form>
      </section>
      <section class="card" id="calendar">
        <h2>{t.calendarTitle}</h2>
        {calendars.map((c) => (
          <p>
            {t.calendarLine({ version: c.version, date: c.createdAt.slice(0, 10) })}
            <span lang={userLang()}>{c.note}</span>
            {t.colon}
            {c.years
              .map((y) => (y.coverage === "official" ? t.officialYear(y.year) : t.weekendsYear(y.year)))
              .join(t.yearSeparator)}
          </p>
        ))}
        {latest?.years.some((y) => y.coverage === "weekends-only") && <p class="errors">{t.missingYears}</p>}
        <form method="post" action="/console/admin/clocks/calendar">
          {guard}
          <label for="cal-note">{t.calendarSource}</label>
          <input type="text" id="cal-note" name="note" required maxlength={200} placeholder={t.calendarSourceExample} />
          <label for="cal-lines">
            {t.calendarDates} <span class="hint">{t.calendarDatesHint}</span>
          </label>
          <textarea id="cal-lines" name="lines" required />
          <button type="submit">{t.createCalendar}</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
