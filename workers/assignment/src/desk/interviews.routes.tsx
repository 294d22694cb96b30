import { desc } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { getDb, loadMeta } from "../../../../shared/db/case-queries";
import { interviews } from "../../../../shared/db/interview-schema";
import { DomainError } from "../../../../shared/domain/errors";
import { can } from "../../../../shared/domain/permissions";
import { interviewSession } from "../../../../shared/interviews/client";
import { InterviewId } from "../../../../shared/interviews/interview.schema";
import { statusAt } from "../../../../shared/interviews/session";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { InterviewDeskPage } from "../console/interview-desk-page";
import type { PlanOptions } from "../console/interview-plan-form";
import { InterviewsConsolePage } from "../console/interviews-console-page";
import { listDepartments } from "./desk-queries";
import { formValues } from "./form-values";
import { commandFromForm, interviewIdFor, planFromForm } from "./interview-forms";
import type { DeskEnv, Staff } from "./session";

/**
 * 在线访谈 in the console: the platform office schedules and moderates, each guest (their
 * department's spokesperson account) or the office's typist answers. The session's object is the
 * only writer and asks the permission table again for every command.
 */
export const interviewDesk = new Hono<DeskEnv>();
type Ctx = Context<DeskEnv>;

const mayOpen = (s: Staff) =>
  can(s, "interview.schedule") || can(s, "interview.moderate") || can(s, "interview.answer");
interviewDesk.use(async (c, next) => {
  if (!mayOpen(c.get("staff"))) return c.text("没有权限 / not allowed", 403);
  await next();
});

async function planOptions(db: D1Database): Promise<PlanOptions> {
  const [meta, departments] = await Promise.all([loadMeta(db), listDepartments(db)]);
  return { regions: meta.regions, departments };
}

async function listPage(
  c: Ctx,
  extra: { errors?: string[]; values?: Record<string, string> } = {},
  status: ContentfulStatusCode = 200,
) {
  const [rows, options] = await Promise.all([
    getDb(c.env.DB).select().from(interviews).orderBy(desc(interviews.startsAt)).limit(100),
    planOptions(c.env.DB),
  ]);
  const nowMs = Date.now();
  const sessions = rows.map((r) => ({ ...r, status: statusAt({ plan: r, endedAt: r.endedAt }, nowMs) }));
  return c.html(
    <InterviewsConsolePage staff={c.get("staff")} sessions={sessions} options={options} {...extra} />,
    status,
  );
}

interviewDesk.get("/", (c) => listPage(c));

const planErrors = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${interviewText().badPlan}${i.path.join(".")}: ${i.message}`);

function refusal(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  throw error;
}

/** A new session; its id comes from the form's one-time key, so a doubled post schedules it once. */
interviewDesk.post("/", async (c) => {
  const staff = c.get("staff");
  if (!can(staff, "interview.schedule")) return c.text("没有权限 / not allowed", 403);
  const form = await c.req.parseBody();
  const plan = planFromForm(form);
  const values = formValues(form);
  if (!plan.success) return listPage(c, { errors: planErrors(plan.error.issues), values }, 400);
  const key = typeof form._key === "string" && form._key.length >= 8 ? form._key : crypto.randomUUID();
  const id = interviewIdFor(key);
  try {
    await interviewSession(c.env, id).schedule({
      interviewId: id,
      plan: plan.data,
      idempotencyKey: key,
      scheduledBy: staff.userId,
    });
  } catch (error) {
    return listPage(c, { errors: [refusal(error).message], values }, refusal(error).status);
  }
  return c.redirect(`/console/interviews/${id}`, 303);
});

async function deskPage(
  c: Ctx,
  id: string,
  extra: { error?: string; values?: Record<string, string> } = {},
  status: ContentfulStatusCode = 200,
) {
  if (!InterviewId.safeParse(id).success) return c.text("没有这个访谈 / no such interview", 404);
  const [view, options] = await Promise.all([interviewSession(c.env, id).moderatorView(), planOptions(c.env.DB)]);
  if (!view) return c.text("没有这个访谈 / no such interview", 404);
  return c.html(<InterviewDeskPage staff={c.get("staff")} view={view} options={options} {...extra} />, status);
}

interviewDesk.get("/:id", (c) => deskPage(c, c.req.param("id")));

/** The plan, until the start. */
interviewDesk.post("/:id/plan", async (c) => {
  const staff = c.get("staff");
  const id = c.req.param("id");
  if (!can(staff, "interview.schedule")) return c.text("没有权限 / not allowed", 403);
  const form = await c.req.parseBody();
  const plan = planFromForm(form);
  if (!plan.success)
    return deskPage(c, id, { error: planErrors(plan.error.issues).join(" "), values: formValues(form) }, 400);
  try {
    const key = typeof form._key === "string" ? form._key : crypto.randomUUID();
    await interviewSession(c.env, id).schedule({
      interviewId: id,
      plan: plan.data,
      idempotencyKey: key,
      scheduledBy: staff.userId,
    });
  } catch (error) {
    return deskPage(c, id, { error: refusal(error).message }, refusal(error).status);
  }
  return c.redirect(`/console/interviews/${id}`, 303);
});

/** Approve, decline, merge, answer, pause, resume, end: one form each, one command to the session's object. */
interviewDesk.post("/:id/do/:command", async (c) => {
  const staff = c.get("staff");
  const id = c.req.param("id");
  const name = c.req.param("command");
  const needed = name === "answer" ? "interview.answer" : "interview.moderate";
  if (!can(staff, needed)) return c.text("没有权限 / not allowed", 403);
  const form = await c.req.parseBody();
  const command = commandFromForm(name, form);
  if (!command.success)
    return deskPage(
      c,
      id,
      { error: command.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(" ") },
      400,
    );
  try {
    await interviewSession(c.env, id).moderate({
      interviewId: id,
      idempotencyKey: `console:${typeof form._key === "string" ? form._key : crypto.randomUUID()}`,
      actor: { role: staff.role, userId: staff.userId, departmentId: staff.departmentId },
      command: command.data,
    });
  } catch (error) {
    return deskPage(c, id, { error: refusal(error).message }, refusal(error).status);
  }
  const anchor = "questionId" in command.data ? `#q-${command.data.questionId}` : "";
  return c.redirect(`/console/interviews/${id}${anchor}`, 303);
});
