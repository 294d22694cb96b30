import { type ImportItem, type ImportItemResult, ImportResponse } from "../../shared/import/import-item.schema";
import { call, ServerRefusal, type Target } from "./client";
import { earlier, type Journal } from "./journal";

/**
 * Sends planned items to `POST /api/v1/import/cases` in batches of 25, four batches in flight, and
 * writes each answered batch to the journal before taking the next, so Ctrl-C (the signal) loses at
 * most the batches in flight, which the server then answers "already" on the next run.
 */
export interface SendOptions {
  target: Target;
  source: string;
  items: (ImportItem & { submittedAt: string })[];
  journal: Journal;
  batchSize?: number;
  concurrency?: number;
  /** Aborted: no new batch starts; those in flight finish and are journaled. */
  signal?: AbortSignal;
  onProgress?: (sent: number, refused: number) => void;
}

export interface SendOutcome {
  imported: number;
  already: number;
  /** In the journal from an earlier run: not sent. */
  skipped: number;
  refused: { messageId: string; reason: string }[];
  interrupted: boolean;
  /** Earliest submittedAt answered since the last finish, for `POST /api/v1/import/finish`. */
  finishFrom: string | null;
}

/** The batch statuses that mean the items themselves are wrong: sent one by one, the good ones still land. */
const SPLIT_STATUSES = new Set([400, 413, 422]);

export async function sendItems(options: SendOptions): Promise<SendOutcome> {
  const { target, source, journal } = options;
  const batchSize = options.batchSize ?? 25;
  const pending = options.items.filter((i) => !journal.state.done.has(i.messageId));
  const outcome: SendOutcome = {
    imported: 0,
    already: 0,
    skipped: options.items.length - pending.length,
    refused: [],
    interrupted: false,
    finishFrom: journal.state.unfinishedFrom,
  };
  const batches: (typeof pending)[] = [];
  for (let i = 0; i < pending.length; i += batchSize) batches.push(pending.slice(i, i + batchSize));
  let next = 0;
  let sent = 0;
  let failure: unknown = null;

  const post = async (items: typeof pending): Promise<ImportItemResult[]> => {
    try {
      const answer = ImportResponse.safeParse(await call(target, "POST", "/api/v1/import/cases", { source, items }));
      if (!answer.success) throw new Error("the server's answer to an import batch is not an ImportResponse");
      return answer.data.results;
    } catch (error) {
      if (!(error instanceof ServerRefusal) || !SPLIT_STATUSES.has(error.status)) throw error;
      if (items.length === 1)
        return items.map((i) => ({
          messageId: i.messageId,
          status: "refused",
          reason: `${error.code}: ${error.message}`,
        }));
      const results: ImportItemResult[] = [];
      for (const item of items) results.push(...(await post([item])));
      return results;
    }
  };

  const settle = (items: typeof pending, results: ImportItemResult[]) => {
    const byId = new Map(results.map((r) => [r.messageId, r]));
    const landed: Parameters<Journal["record"]>[0] = [];
    for (const item of items) {
      const r = byId.get(item.messageId);
      if (r?.status === "imported" || r?.status === "already") {
        landed.push({ messageId: item.messageId, status: r.status, submittedAt: item.submittedAt });
        outcome[r.status]++;
        outcome.finishFrom = earlier(outcome.finishFrom, item.submittedAt);
      } else
        outcome.refused.push({ messageId: item.messageId, reason: r?.reason ?? "the server gave no answer for it" });
    }
    journal.record(landed);
    sent += items.length;
    options.onProgress?.(sent, outcome.refused.length);
  };

  const worker = async () => {
    while (failure === null) {
      if (options.signal?.aborted) {
        outcome.interrupted = next < batches.length;
        return;
      }
      const batch = batches[next++];
      if (!batch) return;
      try {
        settle(batch, await post(batch));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  if (failure !== null) throw failure;
  return outcome;
}

/** Hands the imported history to the opinion analysis, from its earliest message on. */
export async function finishImport(target: Target, journal: Journal, from: string): Promise<void> {
  await call(target, "POST", "/api/v1/import/finish", { from });
  journal.finished(from);
}
