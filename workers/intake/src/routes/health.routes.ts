import { Hono } from "hono";
import { openDeadLetterCount } from "../../../../shared/db/dead-letter-queries";
import { oldestUnprojected } from "../../../../shared/db/registry-queries";

/** A case not in D1 this long after submission is a fault (reconciliation redrives at five minutes). */
const UNPROJECTED_LIMIT_S = 15 * 60;

async function backlog(queue: Queue): Promise<number | null> {
  try {
    return (await queue.metrics()).backlogCount;
  } catch {
    return null; // not every runtime (local development) reports queue metrics
  }
}

/**
 * `GET /healthz` for uptime checks: 200 when D1 answers, no dead letter waits and every case
 * reached D1 in time; 503 otherwise, with the same body saying which. Counts only, no case data.
 */
export const health = new Hono<{ Bindings: IntakeEnv }>().get("/", async (c) => {
  let db: "ok" | "error" = "ok";
  let deadLetters: number | null = null;
  let oldestUnprojectedSeconds: number | null = null;
  try {
    const [open, oldest] = await Promise.all([openDeadLetterCount(c.env.DB), oldestUnprojected(c.env.DB)]);
    deadLetters = open;
    oldestUnprojectedSeconds = oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0;
  } catch {
    db = "error";
  }
  const [caseIntake, caseEvents, caseRegistry] = await Promise.all(
    [c.env.CASE_INTAKE, c.env.CASE_EVENTS, c.env.CASE_REGISTRY].map(backlog),
  );
  const ok = db === "ok" && deadLetters === 0 && (oldestUnprojectedSeconds ?? 0) < UNPROJECTED_LIMIT_S;
  c.header("Cache-Control", "no-store");
  return c.json(
    { ok, db, deadLetters, oldestUnprojectedSeconds, queues: { caseIntake, caseEvents, caseRegistry } },
    ok ? 200 : 503,
  );
});
