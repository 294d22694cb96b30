import type { Staff } from "../desk/session";
import type { CaseListRow } from "../desk/desk-queries";
import { CaseTable } from "./case-table";
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

/** 督查: every late or nearly late case, and each department's run of overdue cases. */
export function OverduePage({ staff, rows, runs, names, departments, filter, now }: OverdueProps) {
  return (
    <ConsoleLayout title="超期督办" staff={staff}>
      <h1>超期督办</h1>
      <section class="card">
        <h2>各单位当前超期件数</h2>
        {runs.length === 0 ? <p class="hint">当前没有超期留言。</p> : (
          <table>
            <thead><tr><th>单位</th><th>超期件数</th></tr></thead>
            <tbody>
              {runs.map((r) => (
                <tr><td><a href={`/console/overdue?department=${r.departmentId ?? ""}`}>{r.departmentId ? (names.get(r.departmentId) ?? r.departmentId) : "分办环节"}</a></td><td>{r.n}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card">
        <h2>已超期和一个工作日内到期的留言</h2>
        <form method="get" action="/console/overdue" class="inline">
          <label for="dept-filter">单位</label>
          <select id="dept-filter" name="department">
            <option value="">全部单位</option>
            {departments.map((d) => <option value={d.id} selected={d.id === filter}>{d.name}</option>)}
          </select>
          <button type="submit" class="small">筛选</button>
        </form>
        <CaseTable rows={rows} deptNames={names} now={now} empty="没有超期或即将到期的留言。" waitingFrom="assignedAt" />
      </section>
    </ConsoleLayout>
  );
}
