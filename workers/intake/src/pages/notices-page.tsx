import { formatShanghai } from "../../../../shared/clocks/time";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { Layout } from "../../../../shared/ui/layout";

export interface PublicNotice {
  trackingNo: string | null;
  department: string | null;
  stage: string;
  dueAt: string;
  recordedAt: string;
}

const STAGES: Record<string, string> = { reply: "答复", acknowledge: "签收", dispatch: "分办" };

/** 通报: cases left unanswered five working days past their deadline, by department, in public. */
export function NoticesPage({ notices }: { notices: PublicNotice[] }) {
  return (
    <Layout title="通报">
      <h1>超期通报</h1>
      <section class="card">
        <p>逾期五个工作日仍未办理的留言在此通报，并记入对承办单位的问责记录。</p>
        {notices.length === 0 ? <p class="hint">暂无通报。</p> : (
          <table>
            <thead><tr><th>通报时间</th><th>承办单位</th><th>留言编号</th><th>环节</th><th>办理期限</th></tr></thead>
            <tbody>
              {notices.map((n) => (
                <tr>
                  <td>{formatShanghai(n.recordedAt)}</td><td>{n.department ?? "分办环节"}</td>
                  <td class="mono">{n.trackingNo ? <a href={`/cases/${n.trackingNo}`}>{formatTrackingNo(n.trackingNo)}</a> : "（不公开）"}</td>
                  <td>{STAGES[n.stage] ?? n.stage}</td><td>{formatShanghai(n.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
