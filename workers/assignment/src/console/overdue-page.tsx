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
  return (
    <ConsoleLayout title="超期督办" staff={staff} current="/console/overdue">
      <h1>超期督办{filterName ? ` · ${filterName}` : ""}</h1>
      <Tabs
        label="督办清单"
        tabs={[
          { id: "runs", label: "各单位超期", count: runs.length, tone: "late" },
          { id: "late", label: "已超期", count: late.length, tone: "late" },
          { id: "soon", label: "24 小时内到期", count: soon.length, tone: "soon" },
        ]}
      />
      <Section id="runs" title="各单位当前超期件数" count={runs.length} tone="late">
        {runs.length === 0 ? (
          <p class="hint">当前没有超期留言。</p>
        ) : (
          <table class="cases">
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col" class="num">
                  超期件数
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={`/console/overdue?department=${encodeURIComponent(r.departmentId ?? "")}`}>
                      {r.departmentId ? (names.get(r.departmentId) ?? r.departmentId) : "分办环节"}
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
        <label for="dept-filter">按单位筛选</label>
        <select id="dept-filter" name="department">
          <option value="">全部单位</option>
          {departments.map((d) => (
            <option value={d.id} selected={d.id === filter}>
              {d.name}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          筛选
        </button>
      </form>
      <Section id="late" title="已超期的留言" count={late.length} tone="late">
        <CaseTable rows={late} deptNames={names} now={now} empty="没有超期留言。" waitingFrom="assignedAt" />
      </Section>
      <Section id="soon" title="24 小时内到期的留言" count={soon.length} tone="soon">
        <CaseTable rows={soon} deptNames={names} now={now} empty="没有即将到期的留言。" waitingFrom="assignedAt" />
      </Section>
    </ConsoleLayout>
  );
}
