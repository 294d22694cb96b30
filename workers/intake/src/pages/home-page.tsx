import { formatShanghai } from "../../../../shared/clocks/time";
import type { CaseRecordRow } from "../../../../shared/db/case-queries";
import type { MessageType } from "../../../../shared/domain/case-model";
import { maskPersonalData } from "../../../../shared/routing/mask";
import { Layout } from "../../../../shared/ui/layout";
import { STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import { StatusBadge } from "./case-page";

export interface HomeProps {
  recent: CaseRecordRow[];
  counts: { status: string; n: number }[];
  deptNames: Map<string, string>;
}

/** The public board: counts by state and the latest public messages, masked. */
export function HomePage({ recent, counts, deptNames }: HomeProps) {
  return (
    <Layout title="留言公开">
      <h1>群众留言 · 公开办理</h1>
      <div class="stats">
        {counts.map((c) => (
          <div>
            <strong>{c.n}</strong>
            {STATUS_LABELS[c.status as keyof typeof STATUS_LABELS]?.zh ?? c.status}
          </div>
        ))}
      </div>
      <section class="card">
        <h2>最新公开留言</h2>
        {recent.length === 0 ? (
          <p>暂无公开留言。<a href="/submit">我要留言</a></p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>标题</th>
                <th>类型</th>
                <th>承办单位</th>
                <th>状态</th>
                <th>时间</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr>
                  <td>
                    <a href={`/cases/${r.trackingNo}`}>{maskPersonalData(r.title)}</a>
                  </td>
                  <td>{TYPE_LABELS[r.type as MessageType]?.zh ?? r.type}</td>
                  <td>{r.departmentId ? (deptNames.get(r.departmentId) ?? "") : "待交办"}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{formatShanghai(r.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
