import { consoleText } from "../../../../shared/ui/i18n-console";
import type { CaseListRow } from "../desk/desk-queries";
import type { Staff } from "../desk/session";
import { CaseTable, Section, Tabs, urgency } from "./case-table";
import { ConsoleLayout } from "./console-layout";

export interface OverdueProps {
  staff: Staff;
  rows: CaseListRow[];
  runs: { departmentId: string | null; n: number }[];
  names: Map<string, string>;
  departments: { id: string; name: string }[];
  filter: string | null;
  now: number;
}

/** 督查: every late or nearly late case, and each department's run of overdue cases, each list counted on its tab. */
export function OverduePage({ staff, rows, runs, names, departments, filter, now }: OverdueProps) {
  const late = rows.filter((r) => urgency(r.dueAt, now) === "late");
  const soon = rows.filter((r) => urgency(r.dueAt, now) !== "late");
  const filterName = filter ? (names.get(filter) ?? filter) : null;
  const t = consoleText();
  return (
    <ConsoleLayout title={t.overdueTitle} staff={staff} current="/console/overdue">
      <h1>
        {t.overdueTitle}
        {filterName ? ` · ${filterName}` : ""}
      </h1>
      <Tabs
        label={t.overdueTabs}
        tabs={[
          { id: "runs", label: t.tabRuns, count: runs.length, tone: "late" },
          { id: "late", label: t.listOverdue, count: late.length, tone: "late" },
          { id: "soon", label: t.listDueSoon, count: soon.length, tone: "soon" },
        ]}
      />
      <Section id="runs" title={t.runsTitle} count={runs.length} tone="late">
        {runs.length === 0 ? (
          <p class="hint">{t.noRuns}</p>
        ) : (
          <table class="cases">
            <thead>
              <tr>
                <th scope="col">{t.colUnit}</th>
                <th scope="col" class="num">
                  {t.colOverdueCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={`/console/overdue?department=${encodeURIComponent(r.departmentId ?? "")}`}>
                      {r.departmentId ? (names.get(r.departmentId) ?? r.departmentId) : t.dispatchStage}
                    </a>
                  </td>
                  <td class="num">
                    <span class="clock late">{r.n}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <form method="get" action="/console/overdue" class="card inline-filter">
        <label for="dept-filter">{t.filterLabel}</label>
        <select id="dept-filter" name="department">
          <option value="">{t.allDepartments}</option>
          {departments.map((d) => (
            <option value={d.id} selected={d.id === filter}>
              {d.name}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          {t.filterButton}
        </button>
      </form>
      <Section id="late" title={t.lateTitle} count={late.length} tone="late">
        <CaseTable rows={late} deptNames={names} now={now} empty={t.noOverdue} waitingFrom="assignedAt" />
      </Section>
      <Section id="soon" title={t.soonTitle} count={soon.length} tone="soon">
        <CaseTable rows={soon} deptNames={names} now={now} empty={t.noSoon} waitingFrom="assignedAt" />
      </Section>
    </ConsoleLayout>
  );
}
