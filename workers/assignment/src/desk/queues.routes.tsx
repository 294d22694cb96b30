import { Hono } from "hono";
import { departmentNames } from "../../../../shared/db/case-queries";
import { can, PERMISSIONS } from "../../../../shared/domain/permissions";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { NotificationsPage } from "../console/notifications-page";
import { OverduePage } from "../console/overdue-page";
import { DispatchPage, InboxPage, LeaderPage } from "../console/queue-pages";
import {
  departmentInbox,
  dispatchQueues,
  latestDigest,
  leaderSummary,
  listDepartments,
  mailboxesOf,
  NOTIFICATION_STATUSES,
  overdueBoard,
  recentNotifications,
  reviewQueue,
  unreachable,
} from "./desk-queries";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** The work queues: where each role starts, and the lists it works through. */
export const queues = new Hono<DeskEnv>();

queues.get("/", (c) => {
  const s = c.get("staff");
  const home = can(s, "desk.dispatch")
    ? "/console/dispatch"
    : s.role === "spokesperson"
      ? "/console/review"
      : can(s, "desk.inbox")
        ? "/console/inbox"
        : can(s, "desk.overdue")
          ? "/console/overdue"
          : can(s, "eval.panel") && s.role === "evaluator"
            ? "/console/evaluation/panel"
            : "/console/admin";
  return c.redirect(home, 303);
});

queues.get("/dispatch", requirePermission("desk.dispatch"), async (c) => {
  const [q, names] = await Promise.all([dispatchQueues(c.env.DB), departmentNames(c.env.DB)]);
  return c.html(<DispatchPage staff={c.get("staff")} q={q} names={names} now={Date.now()} />);
});

queues.get("/inbox", requirePermission("desk.inbox"), async (c) => {
  const s = c.get("staff");
  const [rows, names, digest] = await Promise.all([
    departmentInbox(c.env.DB, s.departmentId),
    departmentNames(c.env.DB),
    latestDigest(c.env.DB, s.departmentId),
  ]);
  return c.html(
    <InboxPage
      staff={s}
      rows={rows}
      names={names}
      now={Date.now()}
      title={consoleText().inboxTitle(names.get(s.departmentId) ?? "")}
      digest={digest}
    />,
  );
});

queues.get("/review", requirePermission("desk.review"), async (c) => {
  const s = c.get("staff");
  const scope = s.role === "spokesperson" ? s.departmentId : null;
  const [rows, names] = await Promise.all([reviewQueue(c.env.DB, scope), departmentNames(c.env.DB)]);
  return c.html(<InboxPage staff={s} rows={rows} names={names} now={Date.now()} title={consoleText().reviewTitle} />);
});

queues.get("/leader", requirePermission("desk.leader"), async (c) => {
  const s = c.get("staff");
  // The platform office sees every mailbox; a leader's office sees its own (none for other departments).
  const mailboxes = PERMISSIONS["desk.leader"][s.role] === "any" ? null : await mailboxesOf(c.env.DB, s.departmentId);
  const [summary, names] = await Promise.all([leaderSummary(c.env.DB, mailboxes), departmentNames(c.env.DB)]);
  return c.html(<LeaderPage staff={c.get("staff")} summary={summary} names={names} now={Date.now()} />);
});

queues.get("/overdue", requirePermission("desk.overdue"), async (c) => {
  const filter = c.req.query("department") || null;
  const now = new Date();
  const [board, names, departments] = await Promise.all([
    overdueBoard(c.env.DB, now, 24 * 3600_000, filter),
    departmentNames(c.env.DB),
    listDepartments(c.env.DB),
  ]);
  return c.html(
    <OverduePage
      staff={c.get("staff")}
      rows={board.rows}
      runs={board.runs}
      names={names}
      departments={departments}
      filter={filter}
      now={now.getTime()}
    />,
  );
});

queues.get("/notifications", requirePermission("desk.notifications"), async (c) => {
  const asked = c.req.query("status");
  const status = NOTIFICATION_STATUSES.find((s) => s === asked);
  const [rows, gaps] = await Promise.all([recentNotifications(c.env.DB, status), unreachable(c.env.DB)]);
  return c.html(<NotificationsPage staff={c.get("staff")} rows={rows} status={status ?? null} gaps={gaps} />);
});
