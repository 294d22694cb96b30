import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";
import { departmentNames } from "../../../../shared/db/case-queries";
import { DomainError } from "../../../../shared/domain/errors";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError } from "../../../../shared/http/errors";
import { interviewSession } from "../../../../shared/interviews/client";
import { InterviewId, QuestionSubmission } from "../../../../shared/interviews/interview.schema";
import { localHref, portalLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { Layout } from "../../../../shared/ui/layout";
import { askQuestion, interviewExists } from "../interviews/ask-question";
import { publicInterview, recentInterviews, summaryOf } from "../interviews/interview-queries";
import { INTERVIEW_LIVE_SCRIPT } from "../interviews/live-script";
import { type AskState, InterviewPage } from "../pages/interview-page";
import { INTERVIEW_CSS } from "../pages/interview-parts";
import { InterviewsPage } from "../pages/interviews-page";
import { formEncoded, URLENCODED } from "./form-post";

/** 在线访谈's pages: the list, one session (live or its transcript), and the question form's post. */
export const interviewPages = new Hono<{ Bindings: IntakeEnv }>();
export const interviewAssets = new Hono<{ Bindings: IntakeEnv }>();
type Ctx = Context<{ Bindings: IntakeEnv }>;

interviewAssets.get("/interviews.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(INTERVIEW_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});
interviewAssets.get("/interview-live.js", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(INTERVIEW_LIVE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
});

interviewPages.get("/", async (c) => {
  const [rows, names] = await Promise.all([recentInterviews(c.env.DB), departmentNames(c.env.DB)]);
  const nowMs = Date.now();
  c.header("Cache-Control", "public, max-age=30");
  return c.html(<InterviewsPage sessions={rows.map((r) => summaryOf(r, names, nowMs))} nowMs={nowMs} />);
});

function notFoundPage(c: Ctx) {
  const t = interviewText();
  return c.html(
    <Layout title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <section class="card">
        <p role="alert">{t.none}</p>
        <p>
          <a href={localHref("/interviews", portalLang())}>{t.listTitle}</a>
        </p>
      </section>
    </Layout>,
    404,
  );
}

/** The session's page; not cached, since its form carries a one-time key. */
async function sessionPage(c: Ctx, id: string, ask: AskState = {}, status: ContentfulStatusCode = 200) {
  const parsed = InterviewId.safeParse(id);
  if (!parsed.success || !(await interviewExists(c.env.DB, parsed.data))) return notFoundPage(c);
  const [snapshot, names] = await Promise.all([
    interviewSession(c.env, parsed.data).snapshot(),
    departmentNames(c.env.DB),
  ]);
  if (!snapshot) return notFoundPage(c);
  return c.html(<InterviewPage view={publicInterview(snapshot, names)} nowMs={Date.now()} ask={ask} />, status);
}

interviewPages.get("/:id", (c) =>
  sessionPage(c, c.req.param("id"), c.req.query("asked") === "1" ? { notice: interviewText().asked } : {}),
);

const AskForm = z.object({
  key: z.string().regex(/^[0-9A-Za-z]{16,64}$/),
  text: z.string(),
  name: z.string().optional(),
  phone: z.string().optional(),
});
const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

/** The form's post: a person gets the page back (its errors beside their fields), never JSON; PRG on success. */
interviewPages.post("/:id/questions", limitBody, formEncoded(URLENCODED), async (c) => {
  const t = interviewText();
  const id = c.req.param("id");
  const posted = AskForm.safeParse(await c.req.parseBody());
  if (!posted.success) return sessionPage(c, id, { error: t.errForm }, 400);
  const values = {
    text: posted.data.text.slice(0, 600),
    name: posted.data.name?.slice(0, 60),
    phone: posted.data.phone?.slice(0, 20),
  };
  const question = QuestionSubmission.safeParse({
    text: posted.data.text,
    name: blank(posted.data.name),
    phone: blank(posted.data.phone),
  });
  if (!question.success) {
    const fields = new Set(question.error.issues.map((i) => String(i.path[0])));
    const fieldErrors = {
      ...(fields.has("text") ? { text: t.errText } : {}),
      ...(fields.has("name") ? { name: t.errName } : {}),
      ...(fields.has("phone") ? { phone: t.errPhone } : {}),
    };
    return sessionPage(c, id, { fieldErrors, values }, 400);
  }
  if (!InterviewId.safeParse(id).success || !(await interviewExists(c.env.DB, id))) return notFoundPage(c);
  try {
    await askQuestion(c.env, {
      interviewId: id,
      idempotencyKey: `form-${posted.data.key}`,
      question: question.data,
      clientIp: clientIp((n) => c.req.header(n)),
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) {
      const page = await sessionPage(c, id, { error: t.errRate, values }, 429);
      page.headers.set("Retry-After", "60");
      return page;
    }
    if (!(error instanceof DomainError)) throw error;
    const message =
      error.code === "interview_ended"
        ? t.askClosed
        : error.code === "idempotency_conflict"
          ? t.errForm
          : error.message;
    return sessionPage(c, id, { error: message, values }, error.status);
  }
  return c.redirect(localHref(`/interviews/${id}?asked=1#ask`, portalLang()), 303);
});
