import { Hono } from "hono";
import * as z from "zod";
import { timingSafeEqual } from "../../../../shared/auth/signing";
import { caseRecord } from "../../../../shared/case-record/client";
import { DomainError } from "../../../../shared/domain/errors";
import { caseIdFor } from "../../../../shared/domain/ids";
import { bodyLimit, MAX_BODY_BYTES } from "../../../../shared/http/body-limit";
import { ApiError, validationError } from "../../../../shared/http/errors";
import {
  IMPORT_TOKEN_SECRET,
  ImportFinish,
  type ImportItemResult,
  ImportRequest,
  type ImportResponse,
} from "../../../../shared/import/import-item.schema";
import { type ImportReferences, resolveImport } from "../../../../shared/import/import-references";
import type { ParsedImportItem } from "../../../../shared/import/import-steps";
import { logEvent } from "../../../../shared/log";
import { analyseOpinion, CASES_PER_BATCH } from "../../../../shared/scoring/opinion/analysis";
import { importMeta, importReferences, rewindOpinionCursor } from "../import-queries";

/**
 * The operator's import API, driven by `npm run import`: a city's earlier board brought in through
 * the case objects. Opened by the intake secret IMPORT_TOKEN (a Bearer token); without it set the
 * API does not exist. Not in the public OpenAPI document: it is an operator's tool, not a partner's.
 */
export const importApi = new Hono<{ Bindings: IntakeEnv }>();

const Token = z.object({ [IMPORT_TOKEN_SECRET]: z.string().min(16).nullish() });
/** Case objects imported at once per batch: enough to keep both cores busy, few enough for D1. */
const PARALLEL = 8;
/** A finish answers within this, leaving what is left of the analysis to the hourly cron. */
const FINISH_BUDGET_MS = 20_000;
/** Batches per analysis run when catching up: a year of a city's history in one run, each month recomputed once. */
const CATCH_UP_BATCHES = 50;

importApi.use("*", async (c, next) => {
  const token = Token.parse(c.env)[IMPORT_TOKEN_SECRET];
  if (!token) throw new ApiError(404, "not_found", "No such resource.");
  const given = /^Bearer (.+)$/.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(given, token))
    throw new ApiError(401, "unauthorized", "The import API needs the operator's token.", undefined, {
      "WWW-Authenticate": 'Bearer realm="import"',
    });
  await next();
});

importApi.get("/meta", async (c) => c.json(await importMeta(c.env.DB)));

// 25 messages with replies of up to 4,000 characters each fit well within a megabyte.
importApi.post("/cases", bodyLimit(1024 * 1024), async (c) => {
  const parsed = ImportRequest.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  const { source, items } = parsed.data;
  const ids = items.map((i) => i.messageId);
  if (new Set(ids).size !== ids.length)
    throw new ApiError(400, "validation_failed", "A batch names the same message twice.");
  const refs = await importReferences(c.env.DB);
  const results: ImportItemResult[] = new Array(items.length);
  for (let i = 0; i < items.length; i += PARALLEL) {
    const slice = items.slice(i, i + PARALLEL);
    const done = await Promise.all(slice.map((item) => importOne(c.env, source, item, refs)));
    done.forEach((r, k) => {
      results[i + k] = r;
    });
  }
  const count = (s: ImportItemResult["status"]) => results.filter((r) => r.status === s).length;
  logEvent("info", "import", {
    source,
    imported: count("imported"),
    already: count("already"),
    refused: count("refused"),
  });
  return c.json({ results } satisfies ImportResponse);
});

/** One message: checked against the city's configuration, then imported whole by its case object. */
async function importOne(
  env: IntakeEnv,
  source: string,
  item: ParsedImportItem,
  refs: ImportReferences,
): Promise<ImportItemResult> {
  const { messageId } = item;
  const resolved = resolveImport(item, refs, Date.now());
  if (!resolved.ok) return { messageId, status: "refused", reason: resolved.reason };
  // The object's name comes from (source, message id): importing again lands on the same object.
  const caseId = caseIdFor(`import:${source}`, messageId);
  try {
    const { outcome, replayed } = await caseRecord(env, caseId).importCase({
      caseId,
      source,
      item,
      departmentId: resolved.departmentId,
      spokesperson: resolved.spokesperson,
    });
    return { messageId, status: replayed ? "already" : "imported", trackingNo: outcome.trackingNo };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reason =
      error.code === "idempotency_conflict"
        ? "已导入过内容不同的同编号留言 / a different message with this id was imported before"
        : `${error.code}: ${error.message}`;
    return { messageId, status: "refused", reason };
  }
}

/**
 * The history is in: the opinion analysis goes back to the earliest imported message and runs
 * until it has caught up (or the budget is spent; the hourly cron carries on from its cursor).
 */
importApi.post("/finish", bodyLimit(MAX_BODY_BYTES), async (c) => {
  const parsed = ImportFinish.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  await rewindOpinionCursor(c.env.DB, new Date(Date.parse(parsed.data.from)).toISOString());
  const started = Date.now();
  let analysed = 0;
  for (;;) {
    const run = await analyseOpinion(c.env.DB, new Date(), CATCH_UP_BATCHES);
    analysed += run.cases;
    if (run.cases < CATCH_UP_BATCHES * CASES_PER_BATCH) return c.json({ analysed, done: true });
    if (Date.now() - started > FINISH_BUDGET_MS) return c.json({ analysed, done: false });
  }
});
