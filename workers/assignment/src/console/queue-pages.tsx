import { formatShanghai } from "../../../../shared/clocks/period";
import { maskPersonalData } from "../../../../shared/routing/mask";
import type { CaseListRow, dispatchQueues, leaderSummary, recentNotifications } from "../desk/desk-queries";
import type { Staff } from "../desk/session";
import { CaseTable, Section, Tabs, urgency } from "./case-table";
import { ConsoleLayout } from "./console-layout";

type Names = Map<string, string>;

export function DispatchPage({
  staff,
  q,
  names,
  now,
}: {
  staff: Staff;
  q: Awaited<ReturnType<typeof dispatchQueues>>;
  names: Names;
  now: number;
}) {
  const lists: [string, string, CaseListRow[], string][] = [
    ["held", "待审核（命中词表）", q.held, "没有待审核的留言。"],
    ["submitted", "新留言（待筛查）", q.submitted, "没有待筛查的新留言。"],
    ["unrouted", "待交办（未能自动派单）", q.unrouted, "没有待交办的留言。"],
    ["returned", "退回待裁定", q.returned, "没有待裁定的退回。"],
    ["extensions", "延期申请", q.extensions, "没有待审批的延期申请。"],
    ["reopened", "重办待交办", q.reopened, "没有重办留言。"],
  ];
  return (
    <ConsoleLayout title="分办台" staff={staff} current="/console/dispatch">
      <h1>分办台</h1>
      <Tabs
        label="分办队列"
        tabs={lists.map(([id, title, rows]) => ({
          id,
          label: title.replace(/（.*）/, ""),
          count: rows.length,
          tone: "soon",
        }))}
      />
      {lists.map(([id, title, rows, empty]) => (
        <Section id={id} title={title} count={rows.length} tone="soon">
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

/**
 * A department's inbox (and the spokesperson's review queue): the cases split by how pressing their
 * deadline is — overdue, due within a day, the rest — each list with its count on a tab.
 */
export function InboxPage({
  staff,
  rows,
  names,
  now,
  title,
  digest,
}: {
  staff: Staff;
  rows: CaseListRow[];
  names: Names;
  now: number;
  title: string;
  digest?: Digest | null;
}) {
  const late = rows.filter((r) => urgency(r.dueAt, now) === "late");
  const soon = rows.filter((r) => urgency(r.dueAt, now) === "soon");
  const rest = rows.filter((r) => !late.includes(r) && !soon.includes(r));
  const lists = [
    { id: "overdue", label: "已超期", rows: late, tone: "late" as const, empty: "没有超期留言。" },
    { id: "due-soon", label: "24 小时内到期", rows: soon, tone: "soon" as const, empty: "没有 24 小时内到期的留言。" },
    { id: "on-time", label: "其他待办", rows: rest, tone: undefined, empty: "没有其他待办留言。" },
  ];
  const review = title === "待审核答复";
  return (
    <ConsoleLayout title={title} staff={staff} current={review ? "/console/review" : "/console/inbox"}>
      <h1>
        {title} <span class="count">{rows.length}</span>
      </h1>
      {digest && (
        <p class="notice" data-testid="digest">
          {digest.date} 每日摘要：今日到期 {digest.dueToday} 件 · 三日内到期 {digest.dueSoon} 件 · 已超期{" "}
          {digest.overdue} 件
        </p>
      )}
      {rows.length === 0 ? (
        <section class="card">
          <p class="hint">{review ? "没有待审核的答复。" : "没有待办留言。"}</p>
        </section>
      ) : (
        <>
          <Tabs
            label="按紧急程度"
            tabs={lists.map((l) => ({ id: l.id, label: l.label, count: l.rows.length, tone: l.tone }))}
          />
          {lists.map((l) => (
            <Section id={l.id} title={l.label} count={l.rows.length} tone={l.tone}>
              <CaseTable rows={l.rows} deptNames={names} now={now} empty={l.empty} waitingFrom="assignedAt" />
            </Section>
          ))}
        </>
      )}
    </ConsoleLayout>
  );
}

export function LeaderPage({
  staff,
  summary,
  names,
  now,
}: {
  staff: Staff;
  summary: Awaited<ReturnType<typeof leaderSummary>>;
  names: Names;
  now: number;
}) {
  return (
    <ConsoleLayout title="领导信箱" staff={staff} current="/console/leader">
      <h1>领导信箱概况</h1>
      <section class="card">
        <table>
          <thead>
            <tr>
              <th scope="col">信箱</th>
              <th scope="col">状态</th>
              <th scope="col" class="num">
                件数
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.counts.map((c) => (
              <tr>
                <td>{c.addressee}</td>
                <td>{c.status}</td>
                <td class="num">{c.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Section id="latest" title="最近来信" count={summary.latest.length}>
        <CaseTable rows={summary.latest} deptNames={names} now={now} empty="暂无来信。" />
      </Section>
    </ConsoleLayout>
  );
}

export function NotificationsPage({
  staff,
  rows,
}: {
  staff: Staff;
  rows: Awaited<ReturnType<typeof recentNotifications>>;
}) {
  return (
    <ConsoleLayout title="通知记录" staff={staff} current="/console/notifications">
      <h1>通知记录（本地发送记录）</h1>
      <section class="card">
        {rows.length === 0 ? (
          <p class="hint">暂无通知。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">渠道</th>
                <th scope="col">接收方</th>
                <th scope="col">内容</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr>
                  <td>{formatShanghai(n.createdAt)}</td>
                  <td>{n.channel}</td>
                  <td class="mono">{maskPersonalData(n.recipient)}</td>
                  <td>{n.message}</td>
                  <td>
                    {n.status}
                    {n.provider ? ` · ${n.provider}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ConsoleLayout>
  );
}
