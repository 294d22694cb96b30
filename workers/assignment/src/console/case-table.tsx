import type { Child } from "hono/jsx";
import { formatShanghai, toShanghaiIso } from "../../../../shared/clocks/period";
import type { MessageType } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import type { CaseListRow } from "../desk/desk-queries";

const HOUR = 3600_000;

export type Urgency = "late" | "soon" | "ok";

/** How pressing a deadline is: past (late), within a day (soon), or not yet (ok); null without one. */
export function urgency(dueAt: string | null, now: number): Urgency | null {
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - now;
  return left < 0 ? "late" : left < 24 * HOUR ? "soon" : "ok";
}

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
  const hours = Math.floor(Math.abs(left) / HOUR);
  const span = hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
  return (
    <span class={`clock ${urgency(dueAt, now)}`} title={formatShanghai(dueAt)}>
      {left < 0 ? `超期 ${span}` : `剩 ${span}`}
    </span>
  );
}

/** A date cell: the relative badge, and the Beijing date and time under it. */
function DueCell({ dueAt, now }: { dueAt: string | null; now: number }) {
  return (
    <td class="num">
      <DueBadge dueAt={dueAt} now={now} />
      {dueAt && <time datetime={toShanghaiIso(dueAt)}>{formatShanghai(dueAt).slice(5)}</time>}
    </td>
  );
}

export interface Tab {
  id: string;
  label: string;
  count: number;
  /** Colours the count when it needs attention. */
  tone?: "late" | "soon";
}

/** In-page tabs: one link per list, each with its count, jumping to the list's section. */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((t) => (
        <a href={`#${t.id}`}>
          {t.label}
          <span class={`count${t.count > 0 && t.tone ? ` ${t.tone}` : ""}`}>{t.count}</span>
        </a>
      ))}
    </nav>
  );
}

/** A card holding one list: its heading carries the count, and the tabs jump to its id. */
export function Section(props: { id: string; title: string; count: number; tone?: "late" | "soon"; children: Child }) {
  return (
    <section class="card" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>
        {props.title} <span class={`count${props.count > 0 && props.tone ? ` ${props.tone}` : ""}`}>{props.count}</span>
      </h2>
      {props.children}
    </section>
  );
}

export function CaseTable(props: {
  rows: CaseListRow[];
  deptNames: Map<string, string>;
  now: number;
  empty: string;
  waitingFrom?: "submittedAt" | "assignedAt";
}) {
  if (props.rows.length === 0) return <p class="hint">{props.empty}</p>;
  return (
    <table class="cases">
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">标题</th>
          <th scope="col">类型</th>
          <th scope="col">状态</th>
          <th scope="col">承办单位</th>
          <th scope="col" class="num">
            已等待
          </th>
          <th scope="col" class="num">
            期限
          </th>
          <th scope="col" class="num">
            提交时间
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr class={`due-${urgency(r.dueAt, props.now) ?? "none"}`}>
            <td class="mono">
              <a href={`/console/cases/${r.trackingNo}`}>{formatTrackingNo(r.trackingNo)}</a>
            </td>
            <td>
              {r.title}
              {r.addressee && <span class="status">领导信箱</span>}
              {r.pendingExtensionDays !== null && (
                <span class="status">申请延期 {r.pendingExtensionDays} 个工作日</span>
              )}
              {r.statusReason && <div class="hint">{r.statusReason}</div>}
            </td>
            <td>{TYPE_LABELS[r.type as MessageType]?.zh ?? r.type}</td>
            <td>
              <span class={`status ${r.status}`}>
                {STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]?.zh ?? r.status}
              </span>
            </td>
            <td>{r.departmentId ? (props.deptNames.get(r.departmentId) ?? r.departmentId) : "—"}</td>
            <td class="num">
              <Waiting since={props.waitingFrom === "assignedAt" ? r.assignedAt : r.submittedAt} now={props.now} />
            </td>
            <DueCell dueAt={r.dueAt} now={props.now} />
            <td class="num">{formatShanghai(r.submittedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
