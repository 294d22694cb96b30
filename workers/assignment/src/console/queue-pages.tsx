import type { Child } from "hono/jsx";
import { formatShanghai } from "../../../../shared/clocks/time";
import { maskPersonalData } from "../../../../shared/routing/mask";
import type { Staff } from "../desk/session";
import type { CaseListRow, dispatchQueues, leaderSummary, recentNotifications } from "../desk/desk-queries";
import { CaseTable } from "./case-table";
import { ConsoleLayout } from "./console-layout";

type Names = Map<string, string>;

function Section(props: { title: string; count: number; children: Child }) {
  return (
    <section class="card">
      <h2>
        {props.title} <span class="status">{props.count}</span>
      </h2>
      {props.children}
    </section>
  );
}

export function DispatchPage({ staff, q, names, now }: { staff: Staff; q: Awaited<ReturnType<typeof dispatchQueues>>; names: Names; now: number }) {
  const lists: [string, CaseListRow[], string][] = [
    ["待审核（命中词表）", q.held, "没有待审核的留言。"],
    ["新留言（待筛查）", q.submitted, "没有待筛查的新留言。"],
    ["待交办（未能自动派单）", q.unrouted, "没有待交办的留言。"],
    ["退回待裁定", q.returned, "没有待裁定的退回。"],
    ["延期申请", q.extensions, "没有待审批的延期申请。"],
    ["重办待交办", q.reopened, "没有重办留言。"],
  ];
  return (
    <ConsoleLayout title="分办台" staff={staff}>
      <h1>分办台</h1>
      {lists.map(([title, rows, empty]) => (
        <Section title={title} count={rows.length}>
          <CaseTable rows={rows} deptNames={names} now={now} empty={empty} />
        </Section>
      ))}
    </ConsoleLayout>
  );
}

export interface Digest {
  date: string;
  dueToday: number;
  dueSoon: number;
  overdue: number;
}

export function InboxPage({ staff, rows, names, now, title, digest }: { staff: Staff; rows: CaseListRow[]; names: Names; now: number; title: string; digest?: Digest | null }) {
  return (
    <ConsoleLayout title={title} staff={staff}>
      <h1>{title}</h1>
      {digest && (
        <p class="notice" data-testid="digest">
          {digest.date} 每日摘要：今日到期 {digest.dueToday} 件 · 三日内到期 {digest.dueSoon} 件 · 已超期 {digest.overdue} 件
        </p>
      )}
      <Section title="按紧急程度排列" count={rows.length}>
        <CaseTable rows={rows} deptNames={names} now={now} empty="没有待办留言。" waitingFrom="assignedAt" />
      </Section>
    </ConsoleLayout>
  );
}

export function LeaderPage({ staff, summary, names, now }: { staff: Staff; summary: Awaited<ReturnType<typeof leaderSummary>>; names: Names; now: number }) {
  return (
    <ConsoleLayout title="领导信箱" staff={staff}>
      <h1>领导信箱概况</h1>
      <section class="card">
        <table>
          <thead>
            <tr><th>信箱</th><th>状态</th><th>件数</th></tr>
          </thead>
          <tbody>
            {summary.counts.map((c) => (
              <tr><td>{c.addressee}</td><td>{c.status}</td><td>{c.n}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <Section title="最近来信" count={summary.latest.length}>
        <CaseTable rows={summary.latest} deptNames={names} now={now} empty="暂无来信。" />
      </Section>
    </ConsoleLayout>
  );
}

export function NotificationsPage({ staff, rows }: { staff: Staff; rows: Awaited<ReturnType<typeof recentNotifications>> }) {
  return (
    <ConsoleLayout title="通知记录" staff={staff}>
      <h1>通知记录（本地发送记录）</h1>
      <section class="card">
        {rows.length === 0 ? <p class="hint">暂无通知。</p> : (
          <table>
            <thead><tr><th>时间</th><th>渠道</th><th>接收方</th><th>内容</th><th>状态</th></tr></thead>
            <tbody>
              {rows.map((n) => (
                <tr><td>{formatShanghai(n.createdAt)}</td><td>{n.channel}</td><td class="mono">{maskPersonalData(n.recipient)}</td><td>{n.message}</td><td>{n.status}{n.provider ? ` · ${n.provider}` : ""}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ConsoleLayout>
  );
}
