import { formatShanghai } from "../../../../shared/clocks/time";
import type { MessageType } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import type { CaseListRow } from "../desk/desk-queries";

const HOUR = 3600_000;

/** How long a case has waited, coloured: green under a day, amber under three, red beyond. */
export function Waiting({ since, now }: { since: string | null; now: number }) {
  if (!since) return <span>—</span>;
  const hours = Math.max(0, Math.floor((now - Date.parse(since)) / HOUR));
  const level = hours < 24 ? "ok" : hours < 72 ? "soon" : "late";
  const text = hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
  return <span class={`clock ${level}`}>{text}</span>;
}

/** Time left to the due date, coloured: red when overdue, amber within a day, green otherwise. */
export function DueBadge({ dueAt, now }: { dueAt: string | null; now: number }) {
  if (!dueAt) return <span class="hint">—</span>;
  const left = Date.parse(dueAt) - now;
  const level = left < 0 ? "late" : left < 24 * HOUR ? "soon" : "ok";
  const hours = Math.floor(Math.abs(left) / HOUR);
  const span = hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
  return <span class={`clock ${level}`} title={formatShanghai(dueAt)}>{left < 0 ? `超期 ${span}` : `剩 ${span}`}</span>;
}

export function CaseTable(props: { rows: CaseListRow[]; deptNames: Map<string, string>; now: number; empty: string; waitingFrom?: "submittedAt" | "assignedAt" }) {
  if (props.rows.length === 0) return <p class="hint">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>编号</th>
          <th>标题</th>
          <th>类型</th>
          <th>状态</th>
          <th>承办单位</th>
          <th>已等待</th>
          <th>期限</th>
          <th>提交时间</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td class="mono">
              <a href={`/console/cases/${r.trackingNo}`}>{formatTrackingNo(r.trackingNo)}</a>
            </td>
            <td>
              {r.title}
              {r.addressee && <span class="status">领导信箱</span>}
              {r.pendingExtensionDays !== null && <span class="status">申请延期 {r.pendingExtensionDays} 个工作日</span>}
              {r.statusReason && <div class="hint">{r.statusReason}</div>}
            </td>
            <td>{TYPE_LABELS[r.type as MessageType]?.zh ?? r.type}</td>
            <td>
              <span class={`status ${r.status}`}>{STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]?.zh ?? r.status}</span>
            </td>
            <td>{r.departmentId ? (props.deptNames.get(r.departmentId) ?? r.departmentId) : "—"}</td>
            <td>
              <Waiting since={props.waitingFrom === "assignedAt" ? r.assignedAt : r.submittedAt} now={props.now} />
            </td>
            <td>
              <DueBadge dueAt={r.dueAt} now={props.now} />
            </td>
            <td>{formatShanghai(r.submittedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
