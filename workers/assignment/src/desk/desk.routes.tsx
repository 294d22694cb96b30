import { desc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { caseRecord } from "../../../../shared/case-record/client";
import { departmentNames, findCaseByTrackingNo, getDb, loadMeta } from "../../../../shared/db/case-queries";
import { duplicateSuggestions } from "../../../../shared/db/desk-schema";
import { caseEvents, cases } from "../../../../shared/db/schema";
import type { CaseState } from "../../../../shared/domain/case-model";
import { CaseCommand } from "../../../../shared/domain/commands";
import { DomainError } from "../../../../shared/domain/errors";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { can, PERMISSIONS, type StaffAction } from "../../../../shared/domain/permissions";
import { suggestCategories } from "../../../../shared/routing/category-suggester";
import { runCommand } from "../case-commands";
import type { CategoryChoice } from "../console/action-forms";
import { CaseDeskPage } from "../console/case-desk-page";
import { NoticePage, noticeKind } from "../console/notice-page";
import { OverduePage } from "../console/overdue-page";
import { DispatchPage, InboxPage, LeaderPage, NotificationsPage } from "../console/queue-pages";
import { commandFromForm, referenceProblem } from "./command-form";
import {
  departmentInbox,
  dispatchQueues,
  latestDigest,
  leaderSummary,
  listDepartments,
  mailboxesOf,
  overdueBoard,
  recentNotifications,
  reviewQueue,
} from "./desk-queries";
import { type DeskEnv, requireStaff } from "./session";

export const desk = new Hono<DeskEnv>();

/** The case's own category first; without one, the classifier's top three (with confidences) first. */
function categoryChoices(state: CaseState, all: { code: string; name: string }[]): CategoryChoice[] {
  if (state.category)
    return [...all].sort((a, b) => (a.code === state.category ? -1 : b.code === state.category ? 1 : 0));
  const codes = new Map(all.map((k) => [k.name, k.code]));
  const suggestions = suggestCategories(`${state.title}${state.body}`, codes);
  const first = suggestions.flatMap((s) =>
    all.filter((k) => k.code === s.category).map((k) => ({ ...k, confidence: s.confidence })),
  );
  return [...first, ...all.filter((k) => !first.some((f) => f.code === k.code))];
}

desk.use("/console/*", requireStaff);

const forbidden = () => new Response("没有权限 / not allowed", { status: 403 });
const allowed = (c: Context<DeskEnv>, action: StaffAction) => can(c.get("staff"), action);

desk.get("/console", (c) => {
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

desk.get("/console/dispatch", async (c) => {
  if (!allowed(c, "desk.dispatch")) return forbidden();
  const [q, names] = await Promise.all([dispatchQueues(c.env.DB), departmentNames(c.env.DB)]);
  return c.html(<DispatchPage staff={c.get("staff")} q={q} names={names} now={Date.now()} />);
});

desk.get("/console/inbox", async (c) => {
  if (!allowed(c, "desk.inbox")) return forbidden();
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
      title={`${names.get(s.departmentId) ?? ""} 待办`}
      digest={digest}
    />,
  );
});

desk.get("/console/review", async (c) => {
  if (!allowed(c, "desk.review")) return forbidden();
  const s = c.get("staff");
  const scope = s.role === "spokesperson" ? s.departmentId : null;
  const [rows, names] = await Promise.all([reviewQueue(c.env.DB, scope), departmentNames(c.env.DB)]);
  return c.html(<InboxPage staff={s} rows={rows} names={names} now={Date.now()} title="待审核答复" />);
});

desk.get("/console/leader", async (c) => {
  if (!allowed(c, "desk.leader")) return forbidden();
  const s = c.get("staff");
  // The platform office sees every mailbox; a leader's office sees its own (none for other departments).
  const mailboxes = PERMISSIONS["desk.leader"][s.role] === "any" ? null : await mailboxesOf(c.env.DB, s.departmentId);
  const [summary, names] = await Promise.all([leaderSummary(c.env.DB, mailboxes), departmentNames(c.env.DB)]);
  return c.html(<LeaderPage staff={c.get("staff")} summary={summary} names={names} now={Date.now()} />);
});

desk.get("/console/overdue", async (c) => {
  if (!allowed(c, "desk.overdue")) return forbidden();
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

desk.get("/console/notices/:eventId", async (c) => {
  const staff = c.get("staff");
  const [event] = await getDb(c.env.DB)
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.eventId, c.req.param("eventId")))
    .limit(1);
  const [row] = event ? await getDb(c.env.DB).select().from(cases).where(eq(cases.caseId, event.caseId)).limit(1) : [];
  // The supervision office sees every notice; a department sees those about its own cases.
  if (
    !event ||
    !row ||
    !noticeKind(event) ||
    !(
      can(staff, "desk.overdue") ||
      can(staff, "case.view", {
        departmentId: typeof event.payload.departmentId === "string" ? event.payload.departmentId : row.departmentId,
        coDepartmentIds: [],
      })
    )
  ) {
    return c.text("没有这个通知 / no such notice", 404);
  }
  const names = await departmentNames(c.env.DB);
  const departmentId = typeof event.payload.departmentId === "string" ? event.payload.departmentId : row.departmentId;
  return c.html(
    <NoticePage
      staff={staff}
      event={event}
      row={row}
      department={departmentId ? (names.get(departmentId) ?? departmentId) : "分办环节"}
    />,
  );
});

desk.get("/console/notifications", async (c) => {
  if (!allowed(c, "desk.notifications")) return forbidden();
  return c.html(<NotificationsPage staff={c.get("staff")} rows={await recentNotifications(c.env.DB)} />);
});

/**
 * A case the person may see, read from its durable object (the read model may lag a moment behind
 * an action just taken), or null: another department's case is "not found", never "forbidden".
 */
async function visibleCase(env: AssignmentEnv, staff: DeskEnv["Variables"]["staff"], raw: string) {
  const trackingNo = normalizeTrackingNo(raw);
  const row = trackingNo ? await findCaseByTrackingNo(env.DB, trackingNo) : null;
  const view = row ? await caseRecord(env, row.caseId).staffView() : null;
  return view && can(staff, "case.view", view.state) ? view : null;
}

async function renderCase(
  c: Context<DeskEnv>,
  trackingNo: string,
  extra: { error?: string; done?: string; status?: 200 | 400 | 403 | 404 | 409 | 422 },
) {
  const view = await visibleCase(c.env, c.get("staff"), trackingNo);
  if (!view) return c.text("没有这个留言 / no such case", 404);
  const [names, departments, meta, duplicates] = await Promise.all([
    departmentNames(c.env.DB),
    listDepartments(c.env.DB),
    loadMeta(c.env.DB),
    getDb(c.env.DB)
      .select()
      .from(duplicateSuggestions)
      .where(eq(duplicateSuggestions.caseId, view.state.caseId))
      .orderBy(desc(duplicateSuggestions.similarity)),
  ]);
  const labels = {
    category: view.state.category
      ? (meta.categories.find((x) => x.code === view.state.category)?.name ?? view.state.category)
      : null,
    region: meta.regions.find((r) => r.code === view.state.regionCode)?.name ?? view.state.regionCode,
  };
  const page = (
    <CaseDeskPage
      staff={c.get("staff")}
      clocks={view.clocks}
      labels={labels}
      duplicates={duplicates}
      categories={categoryChoices(view.state, meta.categories)}
      state={view.state}
      petitioner={view.petitioner}
      events={view.events}
      names={names}
      departments={departments}
      error={extra.error}
      done={extra.done}
    />
  );
  return c.html(page, extra.status ?? 200);
}

desk.get("/console/cases/:trackingNo", (c) => renderCase(c, c.req.param("trackingNo"), { done: c.req.query("done") }));

desk.post("/console/cases/:trackingNo/do/:command", async (c) => {
  const staff = c.get("staff");
  const view = await visibleCase(c.env, staff, c.req.param("trackingNo"));
  if (!view) return c.text("没有这个留言 / no such case", 404);
  const row = view.state;
  const form = await c.req.parseBody({ all: true });
  const parsed = CaseCommand.safeParse(commandFromForm(c.req.param("command"), form, staff));
  if (!parsed.success)
    return renderCase(c, row.trackingNo, {
      error: "请完整填写表单（原因至少 2 个字，答复至少 10 个字）。",
      status: 400,
    });
  const problem = await referenceProblem(c.env.DB, parsed.data, row.trackingNo);
  if (problem) return renderCase(c, row.trackingNo, { error: problem, status: 400 });
  const key = typeof form._key === "string" && form._key.length >= 16 ? form._key : crypto.randomUUID();
  try {
    await runCommand(c.env, row.caseId, {
      idempotencyKey: `desk:${staff.userId}:${key}`,
      actor: { role: staff.role, userId: staff.userId, departmentId: staff.departmentId },
      command: parsed.data,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return renderCase(c, row.trackingNo, { error: error.message, status: error.status === 403 ? 403 : error.status });
  }
  return c.redirect(`/console/cases/${row.trackingNo}?done=${parsed.data.name}`, 303);
});
