import { Hono } from "hono";
import * as z from "zod";
import { HolidayFile } from "../../../../shared/clocks/holiday-file";
import { getDb } from "../../../../shared/db/case-queries";
import { apiKeys } from "../../../../shared/db/schema";
import { DEMO_CASE_COUNT } from "../../../../shared/demo/demo-cases";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { limitBody } from "../../../../shared/http/body-limit";
import { ApiError, validationError } from "../../../../shared/http/errors";
import { analyseOpinion } from "../../../../shared/scoring/opinion/analysis";
import { benchAnswer, benchSession } from "./demo-interview-bench";
import { seedInterviews } from "./demo-interviews-seed";
import { countCases, seedCase, seedConfig, seedEvaluationDemo } from "./demo-seed";

/**
 * The demo seed (/__demo/seed), used by `npm start` on first run, the end-to-end tests and the bench.
 * It exists only in local development: WENZHENG_ENV is "local" only at the top level of the wrangler
 * configs (staging and production name themselves), and the local-only DEMO_SEED_TOKEN must be set
 * and borne by the request. Otherwise every path here answers 404 like any unknown path, before
 * anything is read.
 */
export const demo = new Hono<{ Bindings: IntakeEnv }>();

/** Local-only and never a required secret (a deploy would demand it), so it is read as optional. */
const DemoSecret = z.object({ DEMO_SEED_TOKEN: z.string().min(1).optional() });

demo.use("*", async (c, next) => {
  const token = DemoSecret.parse(c.env).DEMO_SEED_TOKEN;
  if (c.env.WENZHENG_ENV !== "local" || !token || c.req.header("x-demo-token") !== token)
    throw new ApiError(404, "not_found", "No such resource.");
  await next();
});

const SeedRequest = z.strictObject({
  holidays: HolidayFile.optional(),
  from: z.int().min(0).max(DEMO_CASE_COUNT),
  count: z.int().min(0).max(100),
});

demo.post("/seed", limitBody, async (c) => {
  const parsed = SeedRequest.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  const { holidays, from, count } = parsed.data;
  const now = Date.now();
  if (holidays) {
    await seedConfig(c.env.DB, holidays, new Date(now).toISOString());
    await seedEvaluationDemo(c.env.DB, now);
    await seedInterviews(c.env, now); // one past 在线访谈 with its transcript, one coming up
  }
  const to = Math.min(DEMO_CASE_COUNT, from + count);
  // A few at a time: each case is its own durable object, so they run in parallel.
  for (let i = from; i < to; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, to - i) }, (_, k) => seedCase(c.env, i + k, now)));
  }
  // Local dev never fires crons: once every case is in, run the opinion analysis as the hourly cron would.
  // The projection lags the objects by a moment, so wait (briefly) for every case row first.
  if (to === DEMO_CASE_COUNT) {
    for (let waited = 0; waited < 20_000; waited += 500) {
      if ((await countCases(c.env.DB)) >= DEMO_CASE_COUNT) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await analyseOpinion(c.env.DB, new Date(now + 3600_000));
  }
  return c.json({ seeded: to - from, next: to < DEMO_CASE_COUNT ? to : null, total: DEMO_CASE_COUNT });
});

/**
 * The local demo partner's API key (for the JSON API's X-API-Key and Open311's api_key), stored as
 * the console stores keys (a digest only). Derived from the local-only demo token, so every start
 * prints the same key; a key the admin revoked in the console stays revoked.
 */
demo.post("/partner-key", limitBody, async (c) => {
  const apiKey = `wz_demo_${sha256Hex(`partner-key\u0000${DemoSecret.parse(c.env).DEMO_SEED_TOKEN}`).slice(0, 32)}`;
  const keyHash = sha256Hex(apiKey);
  const [row] = await getDb(c.env.DB)
    .insert(apiKeys)
    .values({
      id: "demo-partner",
      partnerName: "演示合作方 (demo partner)",
      keyHash,
      createdAt: new Date().toISOString(),
    })
    .onConflictDoUpdate({ target: apiKeys.id, set: { keyHash } })
    .returning({ revokedAt: apiKeys.revokedAt });
  return c.json({ apiKey, revoked: Boolean(row?.revokedAt) });
});

/** The 在线访谈 fan-out bench (scripts/bench/interviews.ts): a live session with approved questions, then answers. */
const BenchSession = z.strictObject({ questions: z.int().min(1).max(1000) });
demo.post("/interviews", limitBody, async (c) => {
  const parsed = BenchSession.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  return c.json(await benchSession(c.env, parsed.data.questions));
});

const BenchAnswer = z.strictObject({ questionId: z.string().min(6).max(32) });
demo.post("/interviews/:id/answer", limitBody, async (c) => {
  const parsed = BenchAnswer.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  await benchAnswer(c.env, c.req.param("id"), parsed.data.questionId);
  return c.json({ answered: true });
});
