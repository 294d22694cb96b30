import * as z from "zod";
import { MobilePhone } from "../domain/submission.schema";

/**
 * 在线访谈: what the platform office schedules, what a citizen sends, and what viewers are shown.
 * The plan and the questions are parsed at every boundary (console form, API, RPC, storage).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const line = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(noControl, "控制字符不允许 / control characters are not allowed");
const Instant = z.iso.datetime({ offset: true });

/** A session is named in its URL: lower-case letters and digits, derived from the scheduling form's key. */
export const InterviewId = z.string().regex(/^[0-9a-z]{8,32}$/, "an interview id");
export const QuestionId = z.string().regex(/^[0-9a-z]{6,32}$/, "a question id");

/** A guest (嘉宾) as the public sees them: a public name and title, and the department they answer for. */
export const Guest = z.strictObject({
  id: z.string().regex(/^g[1-8]$/),
  name: line(1, 40),
  title: line(1, 80),
  departmentId: z.string().min(1).max(64),
});
export type Guest = z.infer<typeof Guest>;

export const MAX_SESSION_HOURS = 12;

/** What the platform office schedules; it may change it until the session starts. */
export const InterviewPlan = z
  .strictObject({
    title: line(5, 100),
    description: line(0, 2000),
    /** Where the cases of unanswered questions are filed (a GB/T 2260 code the city has). */
    regionCode: z.string().regex(/^\d{6}$/),
    guests: z.array(Guest).min(1).max(8),
    startsAt: Instant,
    endsAt: Instant,
  })
  .superRefine((plan, ctx) => {
    const length = Date.parse(plan.endsAt) - Date.parse(plan.startsAt);
    if (!(length > 0))
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "结束时间须晚于开始时间 / ends before it starts" });
    if (length > MAX_SESSION_HOURS * 3600_000)
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: `最长 ${MAX_SESSION_HOURS} 小时 / at most ${MAX_SESSION_HOURS} hours`,
      });
    if (new Set(plan.guests.map((g) => g.id)).size !== plan.guests.length)
      ctx.addIssue({ code: "custom", path: ["guests"], message: "嘉宾编号重复 / duplicate guest id" });
  });
export type InterviewPlan = z.infer<typeof InterviewPlan>;

/** `POST /api/v1/interviews/{id}/questions`: strict, like a message; name and phone only reach the case. */
export const QuestionSubmission = z
  .strictObject({
    text: line(10, 500),
    name: line(1, 40).optional(),
    phone: MobilePhone.optional().meta({
      description: "if given, an unanswered question's case sends its tracking number here by SMS",
    }),
  })
  .meta({ id: "QuestionSubmission" });
export type QuestionSubmission = z.infer<typeof QuestionSubmission>;

export const INTERVIEW_STATUSES = ["scheduled", "live", "ended"] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const PublicAnswer = z
  .object({ id: z.string(), guestId: z.string(), text: z.string(), answeredAt: z.string() })
  .meta({ id: "InterviewAnswer" });
export type PublicAnswer = z.infer<typeof PublicAnswer>;

/** An approved question as everyone sees it: masked text, no asker, its answers, and its case once it became one. */
export const PublicQuestion = z
  .object({
    id: z.string(),
    text: z.string(),
    askedAt: z.string(),
    approvedAt: z.string(),
    /** The guest the moderator put it to. */
    guestId: z.string(),
    /** Questions merged into this one as the same question. */
    mergedCount: z.int(),
    answers: z.array(PublicAnswer),
    /** Unanswered when the session ended: the case it became (`/cases/{trackingNo}`). */
    caseTrackingNo: z.string().nullable(),
  })
  .meta({ id: "InterviewQuestion" });
export type PublicQuestion = z.infer<typeof PublicQuestion>;

export const PublicGuest = Guest.extend({ department: z.string() }).meta({ id: "InterviewGuest" });
export type PublicGuest = z.infer<typeof PublicGuest>;

export const InterviewSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(INTERVIEW_STATUSES),
    startsAt: z.string(),
    endsAt: z.string(),
    guests: z.array(PublicGuest),
  })
  .meta({ id: "InterviewSummary" });
export type InterviewSummary = z.infer<typeof InterviewSummary>;

/** `GET /api/v1/interviews/{id}`: the session, its approved questions in order, and `version` for the live feed. */
export const PublicInterview = InterviewSummary.extend({
  description: z.string(),
  paused: z.boolean(),
  version: z.int(),
  questions: z.array(PublicQuestion),
}).meta({ id: "Interview" });
export type PublicInterview = z.infer<typeof PublicInterview>;

/**
 * What `GET /api/v1/interviews/{id}/live` pushes. Every frame carries the session's `version` after
 * it; a viewer that sees a version jump by more than one has missed a frame and reloads the session.
 */
export type LiveFrame =
  | { type: "question"; version: number; question: PublicQuestion }
  | { type: "answer"; version: number; questionId: string; answer: PublicAnswer }
  | { type: "status"; version: number; status: InterviewStatus; paused: boolean; startsAt: string; endsAt: string };
