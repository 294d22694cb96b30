import { eq } from "drizzle-orm";
import { type CachedRead, cachedRead } from "../../../../shared/db/cached-read";
import { getDb } from "../../../../shared/db/case-queries";
import { screenWords } from "../../../../shared/db/desk-schema";
import { interviews } from "../../../../shared/db/interview-schema";
import { interviewSession } from "../../../../shared/interviews/client";
import type { QuestionSubmission } from "../../../../shared/interviews/interview.schema";
import { screenMessage } from "../../../../shared/routing/screening";
import { enforceRateLimit } from "../case-submission";

const WORDS_TTL_MS = 60_000;
let wordsCache: CachedRead<string[]> | null = null;

/** The word list that holds a message for moderation (cached a minute, like the routing configuration). */
async function holdWords(db: D1Database): Promise<string[]> {
  wordsCache = await cachedRead(wordsCache, WORDS_TTL_MS, "screen-words", async () =>
    (await getDb(db).select({ word: screenWords.word }).from(screenWords)).map((w) => w.word),
  );
  return wordsCache.value;
}

/**
 * Whether the read model knows the session: asked before its object is touched, so a made-up id
 * never creates an object (and its storage) just by being requested.
 */
export async function interviewExists(db: D1Database, id: string): Promise<boolean> {
  const [row] = await getDb(db).select({ id: interviews.id }).from(interviews).where(eq(interviews.id, id)).limit(1);
  return row !== undefined;
}

/**
 * A citizen's question, from the API or the page's form: limited per client address (on a budget
 * of its own beside submissions), screened with the same word list as messages, and kept pending
 * by the session's object. The same key with the same question replays; with another, 422.
 */
export async function askQuestion(
  env: IntakeEnv,
  input: { interviewId: string; idempotencyKey: string; question: QuestionSubmission; clientIp: string },
): Promise<{ replayed: boolean }> {
  await enforceRateLimit(env.SUBMIT_LIMITER, `interview-question:${input.clientIp}`);
  const verdict = screenMessage({ title: "", body: input.question.text }, await holdWords(env.DB));
  const { replayed } = await interviewSession(env, input.interviewId).ask({
    interviewId: input.interviewId,
    idempotencyKey: input.idempotencyKey,
    question: input.question,
    verdict,
  });
  return { replayed };
}
