import { type Context, Hono } from "hono";
import * as z from "zod";
import { caseRecord } from "../../../../shared/case-record/client";
import { listDeadLetters } from "../../../../shared/db/dead-letter-queries";
import { formText, formValidator } from "../../../../shared/http/form-validator";
import { logEvent } from "../../../../shared/log";
import { errorKind } from "../../../../shared/queues/dead-letter";
import { type ReplayOutcome, type ReplayTargets, replayDeadLetter } from "../../../../shared/queues/replay";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { FailedWorkPage } from "../console/failed-work-page";
import { audited } from "./audit";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

const guard = { _csrf: z.string(), _key: z.string().optional() };
const ReplayForm = z.strictObject({ ...guard, id: formText(z.string().min(1).max(200)) });
const ReplayAllForm = z.strictObject(guard);

/** Where each kind of failed work goes back to: its queue, or (a case missing from D1) its object's outbox. */
function targets(env: AssignmentEnv): ReplayTargets {
  return {
    "case-intake": (body) => env.CASE_INTAKE.send(body),
    "case-events": (body) => env.CASE_EVENTS.send(body),
    "deadline-due": (body) => env.DEADLINE_DUE.send(body),
    "case-registry": (body) => env.CASE_REGISTRY.send(body),
    notifications: (body) => env.NOTIFICATIONS.send(body),
    projection: (body) => caseRecord(env, z.object({ caseId: z.string() }).parse(body).caseId).redrive(),
    outbox: (body) => caseRecord(env, z.object({ caseId: z.string() }).parse(body).caseId).redrive(),
  };
}

async function render(c: Context<DeskEnv>, notice?: string, status: 200 | 400 = 200) {
  const letters = await listDeadLetters(c.env.DB);
  return c.html(<FailedWorkPage staff={c.get("staff")} letters={letters} notice={notice} />, status);
}

/** One replay; a send that fails leaves the letter waiting (replayDeadLetter gives its claim back). */
async function replay(c: Context<DeskEnv>, id: string): Promise<ReplayOutcome | "failed"> {
  try {
    const outcome = await replayDeadLetter(c.env.DB, id, targets(c.env), c.env.WENZHENG_ENV, new Date());
    if (outcome === "replayed")
      await audited(c, { action: "dead-letter.replay", entity: "dead-letter", entityId: id }, []);
    return outcome;
  } catch (error) {
    logEvent("error", "replay-failed", { id, error: errorKind(error) });
    return "failed";
  }
}

const noticeFor = (outcomes: (ReplayOutcome | "failed")[]) => {
  const t = consoleText();
  if (outcomes.includes("failed")) return t.replayFailed;
  const done = outcomes.filter((o) => o === "replayed").length;
  if (done > 0) return t.replayDone(done);
  return outcomes.includes("no-such-queue") ? t.replayNoQueue : t.replayAlready;
};

/** Admin: the failed-work page (dead letters recorded by the deadline Worker) and its replays. */
export const failedWork = new Hono<DeskEnv>();
failedWork.use(requirePermission("admin.manage"));
failedWork.get("/", (c) => render(c));

failedWork.post(
  "/replay",
  formValidator(ReplayForm, (c: Context<DeskEnv>) => render(c, consoleText().replayNoQueue, 400)),
  async (c) => render(c, noticeFor([await replay(c, c.req.valid("form").id)])),
);

failedWork.post(
  "/replay-all",
  formValidator(ReplayAllForm, (c: Context<DeskEnv>) => render(c, undefined, 400)),
  async (c) => {
    const open = (await listDeadLetters(c.env.DB)).filter((l) => l.replayedAt === null);
    const outcomes: (ReplayOutcome | "failed")[] = [];
    for (const letter of open) outcomes.push(await replay(c, letter.id));
    return render(c, noticeFor(outcomes));
  },
);
