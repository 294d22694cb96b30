import type { RpcResult } from "../../../../shared/case-record/contract";
import { DomainError, toErrorData } from "../../../../shared/domain/errors";
import { refused } from "./rpc-results";
import type { CaseStorage } from "./storage";

/**
 * A call that builds a whole case in one transaction (a board's imported message, an interview's
 * unanswered question), answered once per request hash. The first replay check spares the D1
 * read on a repeat; the second, inside the transaction, catches a twin that ran while this one
 * awaited D1. A refusal leaves nothing; a success wakes the outbox.
 */
export async function commitWholeCase<L, T>(
  deps: { storage: DurableObjectStorage; store: CaseStorage },
  key: string,
  requestHash: string,
  load: () => Promise<L>,
  build: (loaded: L) => T,
): Promise<RpcResult<T>> {
  const earlier = replayOf<T>(deps.store, key, requestHash);
  if (earlier) return earlier;
  const loaded = await load();
  try {
    const outcome = deps.storage.transactionSync((): RpcResult<T> => {
      const raced = replayOf<T>(deps.store, key, requestHash);
      if (raced) return raced;
      const value = build(loaded);
      deps.store.rememberCommand(key, requestHash, value);
      return { ok: true, value, replayed: false };
    });
    if (outcome.ok && !outcome.replayed) await deps.storage.setAlarm(Date.now());
    return outcome;
  } catch (error) {
    if (error instanceof DomainError) return refused(toErrorData(error));
    throw error;
  }
}

function replayOf<T>(store: CaseStorage, key: string, requestHash: string): RpcResult<T> | null {
  const replay = store.replay<T>(key, requestHash);
  if (replay.kind === "conflict") return refused(toErrorData(replay.error));
  if (replay.kind === "same") return { ok: true, value: replay.result, replayed: true };
  return null;
}
