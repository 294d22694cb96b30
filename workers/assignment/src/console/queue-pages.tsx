import { consoleText } from "../../../../shared/ui/i18n-console";
import type { CaseListRow, dispatchQueues, leaderSummary } from "../desk/desk-queries";
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
  const t = consoleText();
  const lists: [string, CaseListRow[]][] = [
    ["held", q.held],
    ["submitted", q.submitted],
    ["unrouted", q.unrouted],
    ["returned", q.returned],
    ["extensions", q.extensions],
    ["reopened", q.reopened],
  ];
  const words = (id: string) => t.dispatchLists[id] ?? [id, "", ""];
  return (
    <ConsoleLayout title={t.dispatchTitle} staff={staff} current="/console/dispatch">
      <h1>{t.dispatchTitle}</h1>
      <Tabs
        label={t.dispatchTabs}
        tabs={lists.map(([id, rows]) => ({ id, label: words(id)[0], count: rows.length, tone: "soon" }))}
      />
      {lists.map(([id, rows]) => (
        <Section id={id} title={`${words(id)[0]}${words(id)[1]}`} count={rows.length} tone="soon">
          <CaseTable rows={rows} deptNames={names} now={now} empty={words(id)[2]} />
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
  const t = consoleText();
  const lists = [
    { id: "overdue", label: t.listOverdue, rows: late, tone: "late" as const, empty: t.noOverdue },
    { id: "due-soon", label: t.listDueSoon, rows: soon, tone: "soon" as const, empty: t.noDueSoon },
    { id: "on-time", label: t.listRest, rows: rest, tone: undefined, empty: t.noRest },
  ];
  const review = title === t.reviewTitle;
  return (
    <ConsoleLayout title={title} staff={staff} current={review ? "/console/review" : "/console/inbox"}>
      <h1>
        {title} <span class="count">{rows.length}</span>
      </h1>
      {digest && (
        <p class="notice" data-testid="digest">
          {t.digest(digest)}
        </p>
      )}
      {rows.length === 0 ? (
        <section class="card">
          <p class="hint">{review ? t.noReview : t.noInbox}</p>
        </section>
      ) : (
        <>
          <Tabs
            label={t.urgencyTabs}
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
  const t = consoleText();
  return (
    <ConsoleLayout title={t.leaderTitle} staff={staff} current="/console/leader">
      <h1>{t.leaderHeading}</h1>
      <section class="card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.colMailbox}</th>
              <th scope="col">{t.colStatus}</th>
              <th scope="col" class="num">
                {t.colCount}
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
      <Section id="latest" title={t.latestLetters} count={summary.latest.length}>
        <CaseTable rows={summary.latest} deptNames={names} now={now} empty={t.noLetters} />
      </Section>
    </ConsoleLayout>
  );
}
