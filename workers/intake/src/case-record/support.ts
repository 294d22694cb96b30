import type * as z from "zod";
import type { RpcResult, SupportInput, SupportOutcome } from "../../../../shared/case-record/contract";
import type { ClockContext } from "../../../../shared/clocks/case-clocks";
import { CaseNotFound, DomainError, toErrorData } from "../../../../shared/domain/errors";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { supporterDigest, supportRefusal } from "../../../../shared/domain/support";
import { commit } from "./commit";
import { refused } from "./rpc-results";
import type { CaseStorage } from "./storage";

export interface SupportDeps {
  storage: DurableObjectStorage;
  store: CaseStorage;
  /** Keys the phone digests (the query-code secret: both must stay out of the database). */
  secret: string;
  clockCtx: ClockContext | null;
}

/**
 * 附议, inside the case object. From the replay check to the append nothing awaits, so concurrent
 * supports cannot interleave: each new phone adds exactly one, a phone already counted (or the
 * petitioner's own) adds nothing and answers the current count. Returns whether an event was
 * appended (the caller then wakes the outbox).
 */
export function supportCase(
  deps: SupportDeps,
  input: z.output<typeof SupportInput>,
): { result: RpcResult<SupportOutcome>; appended: boolean } {
  const digest = supporterDigest(deps.secret, input.phone);
  const key = `support:${input.idempotencyKey}`;
  const requestHash = sha256Hex(`support:${digest}`);
  const replay = deps.store.replay<SupportOutcome>(key, requestHash);
  if (replay.kind === "conflict") return { result: refused(toErrorData(replay.error)), appended: false };
  if (replay.kind === "same") return { result: { ok: true, value: replay.result, replayed: true }, appended: false };
  const nowMs = input.now ? Date.parse(input.now) : Date.now();
  const now = new Date(nowMs).toISOString();
  try {
    return deps.storage.transactionSync(() => {
      const state = deps.store.state();
      const refusal = supportRefusal(state);
      if (!state || refusal) throw refusal ?? new CaseNotFound();
      const petitioner = deps.store.petitioner();
      const own = petitioner.phone !== "" && supporterDigest(deps.secret, petitioner.phone) === digest;
      const added = !own && deps.store.addSupporter(digest, now);
      let supporters = state.supporters ?? 0;
      if (added) {
        supporters += 1;
        commit(deps.store, {
          caseId: state.caseId,
          log: deps.store.events(),
          state,
          petitioner,
          clockCtx: deps.clockCtx,
          nowMs,
          event: { type: "case.supported", payload: { supporters }, actor: { role: "citizen" }, at: now },
        });
      }
      const value = { supporters };
      deps.store.rememberCommand(key, requestHash, value);
      return { result: { ok: true as const, value, replayed: false }, appended: added };
    });
  } catch (error) {
    if (error instanceof DomainError) return { result: refused(toErrorData(error)), appended: false };
    throw error;
  }
}
