import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { departmentNames } from "../../../../shared/db/case-queries";
import { IdempotencyKey } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { interviewSession } from "../../../../shared/interviews/client";
import {
  InterviewId,
  InterviewSummary,
  PublicInterview,
  QuestionSubmission,
} from "../../../../shared/interviews/interview.schema";
import { askQuestion, interviewExists } from "../interviews/ask-question";
import { publicInterview, recentInterviews, summaryOf } from "../interviews/interview-queries";
import { ErrorBody } from "./openapi-shared";

/** 在线访谈's public API: the list, one session with its approved questions and answers, asking, and the live feed. */
export const interviewsApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

const errors = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });
const Params = z.object({ id: InterviewId.meta({ example: "k3m9x1ktb2c7q4aa" }) });
const NOT_FOUND = () => new ApiError(404, "not_found", "No such interview.");

const listRoute = createRoute({
  method: "get",
  path: "/",
  summary: "Live interviews (在线访谈): coming, live and past",
  responses: {
    200: {
      description: "The newest sessions, newest start first",
      content: { "application/json": { schema: z.object({ interviews: z.array(InterviewSummary) }) } },
    },
  },
});

interviewsApi.openapi(listRoute, async (c) => {
  const [rows, names] = await Promise.all([recentInterviews(c.env.DB), departmentNames(c.env.DB)]);
  const nowMs = Date.now();
  c.header("Cache-Control", "public, max-age=30");
  return c.json({ interviews: rows.map((r) => summaryOf(r, names, nowMs)) }, 200);
});

const viewRoute = createRoute({
  method: "get",
  path: "/{id}",
  summary: "One interview with its approved questions and their answers (what viewers poll without WebSockets)",
  request: { params: Params },
  responses: {
    200: { description: "The session", content: { "application/json": { schema: PublicInterview } } },
    404: errors("No such interview"),
  },
});

interviewsApi.openapi(viewRoute, async (c) => {
  const { id } = c.req.valid("param");
  if (!(await interviewExists(c.env.DB, id))) throw NOT_FOUND();
  const [snapshot, names] = await Promise.all([interviewSession(c.env, id).snapshot(), departmentNames(c.env.DB)]);
  if (!snapshot) throw NOT_FOUND();
  // Viewers poll this: a moment's caching is harmless (only approved, masked text) and spares the object.
  c.header("Cache-Control", "public, max-age=2");
  return c.json(publicInterview(snapshot, names), 200);
});

interviewsApi.use("/:id/questions", limitBody);

const askRoute = createRoute({
  method: "post",
  path: "/{id}/questions",
  summary: "Ask a question: kept pending until a moderator approves it; never shown before",
  request: {
    params: Params,
    headers: z.object({
      "idempotency-key": IdempotencyKey.meta({
        description: "Retrying with the same key and body gives the same answer",
      }),
    }),
    body: { required: true, content: { "application/json": { schema: QuestionSubmission } } },
  },
  responses: {
    202: {
      description: "Received, pending moderation (also the answer to a replay with the same key and body)",
      content: { "application/json": { schema: z.object({ status: z.literal("pending") }) } },
    },
    400: errors("Validation failed"),
    404: errors("No such interview"),
    409: errors("The interview has ended (interview_ended)"),
    413: errors("Body over 64 KB"),
    422: errors("Idempotency key reused with a different question"),
    429: errors("Too many questions from this client (10 a minute)"),
  },
});

interviewsApi.openapi(askRoute, async (c) => {
  const { id } = c.req.valid("param");
  if (!(await interviewExists(c.env.DB, id))) throw NOT_FOUND();
  await askQuestion(c.env, {
    interviewId: id,
    idempotencyKey: c.req.valid("header")["idempotency-key"],
    question: c.req.valid("json"),
    clientIp: clientIp((n) => c.req.header(n)),
  });
  return c.json({ status: "pending" as const }, 202);
});

const liveRoute = createRoute({
  method: "get",
  path: "/{id}/live",
  summary:
    'The live feed: a WebSocket pushing `{ type: "question" | "answer" | "status", version, … }` frames (a version jump means a missed frame: reload the session)',
  request: { params: Params },
  responses: {
    101: { description: "Switching to the WebSocket; the first frame is the current status" },
    404: errors("No such interview"),
    426: errors("Not a WebSocket upgrade request"),
  },
});

// Documented here; served by `interviewLive`, which app.ts mounts before the headers middleware.
interviewsApi.openapi(liveRoute, (c) => interviewLive(c));

/**
 * The live feed's upgrade, handed to the session's object. Mounted ahead of the portal's headers
 * middleware (a 101 must pass untouched), so its refusals name their caching themselves.
 */
export async function interviewLive(c: Context<{ Bindings: IntakeEnv }>): Promise<Response> {
  const noStore = { "Cache-Control": "no-store" };
  const id = InterviewId.safeParse(c.req.param("id"));
  const missing = () => new ApiError(404, "not_found", "No such interview.", undefined, noStore);
  if (!id.success) throw missing();
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
    throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.", undefined, {
      ...noStore,
      Upgrade: "websocket",
    });
  if (!(await interviewExists(c.env.DB, id.data))) throw missing();
  return interviewSession(c.env, id.data).stub.fetch(c.req.raw);
}
