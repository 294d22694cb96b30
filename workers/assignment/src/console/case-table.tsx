import type { Child } from "hono/jsx";
import { formatShanghai, toShanghaiIso } from "../../../../shared/clocks/period";
import type { MessageType } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
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
  const t = consoleText();
  const text = hours < 48 ? t.hours(hours) : t.days(Math.floor(hours / 24));
  return <span class={`clock ${level}`}>{text}</span>;
}

/** Time left to the due date, coloured: red when overdue, amber within a day, green otherwise. */
export function DueBadge({ dueAt, now }: { dueAt: string | null; now: number }) {
  if (!dueAt) return <span class="hint">—</span>;
  const left = Date.parse(dueAt) - now;
  const hours = Math.floor(Math.abs(left) / HOUR);
  const t = consoleText();
  const span = hours < 48 ? t.hours(hours) : t.days(Math.floor(hours / 24));
  return (
    <span class={`clock ${urgency(dueAt, now)}`} title={formatShanghai(dueAt)}>
      {left < 0 ? t.overdueBy(span) : t.timeLeft(span)}
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
  const t = consoleText();
  const lang = portalLang();
  return (
    <table class="cases">
      <thead>
        <tr>
          <th scope="col">{t.colNo}</th>
          <th scope="col">{t.colTitle}</th>
          <th scope="col">{t.colType}</th>
          <th scope="col">{t.colStatus}</th>
          <th scope="col">{t.colDepartment}</th>
          <th scope="col" class="num">
            {t.colWaiting}
          </th>
          <th scope="col" class="num">
            {t.colDue}
          </th>
          <th scope="col" class="num">
            {t.colSubmitted}
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
              <span lang={userLang()}>{r.title}</span>
              {r.addressee && <span class="status">{t.leaderMailbox}</span>}
              {r.pendingExtensionDays !== null && (
                <span class="status">{t.extensionAsked(r.pendingExtensionDays)}</span>
              )}
              {r.statusReason && (
                <div class="hint" lang={userLang()}>
                  {r.statusReason}
                </div>
              )}
            </td>
            <td>{TYPE_LABELS[r.type as MessageType]?.[lang] ?? r.type}</td>
            <td>
              <span class={`status ${r.status}`}>
                {STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]?.[lang] ?? r.status}
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
