import type * as z from "zod";
import type { AbsorbInput, RpcResult, SupportInput, SupportOutcome } from "../../../../shared/case-record/contract";
import type { ClockContext } from "../../../../shared/clocks/case-clocks";
import type { Actor, CaseState } from "../../../../shared/domain/case-model";
import type { PendingEvent } from "../../../../shared/domain/decide";
import { CaseNotFound, DomainError, toErrorData } from "../../../../shared/domain/errors";
import type { StoredEvent } from "../../../../shared/domain/events";
import { canonicalJson, sha256Hex } from "../../../../shared/domain/hash-chain";
import { supporterDigest, supportRefusal } from "../../../../shared/domain/support";
import { commit, SYSTEM_ACTOR } from "./commit";
import type { OutboxEntry } from "./outbox";
import { invalidArguments, refused } from "./rpc-results";
import type { CaseStorage } from "./storage";

export interface SupportDeps {
  storage: DurableObjectStorage;
  store: CaseStorage;
  /** Keys the phone digests (the query-code secret: both must stay out of the database). */
  secret: string;
  clockCtx: ClockContext | null;
}

/** The object's `support` and `absorb`: arguments parsed, the count run, the outbox woken if an event was appended. */
export async function countSupporters<T>(
  deps: Omit<SupportDeps, "clockCtx"> & { clockCtx: () => Promise<ClockContext | null> },
  parsed: z.ZodSafeParseResult<T>,
  run: (deps: SupportDeps, input: T) => Counted,
): Promise<RpcResult<SupportOutcome>> {
  if (!parsed.success) return invalidArguments(parsed.error);
  const { result, appended } = run({ ...deps, clockCtx: await deps.clockCtx() }, parsed.data);
  if (appended) await deps.storage.setAlarm(Date.now());
  return result;
}
export type Counted = { result: RpcResult<SupportOutcome>; appended: boolean };
type Step = (
  state: CaseState,
  isPetitioner: (digest: string) => boolean,
  now: string,
) => {
  supporters: number;
  event: PendingEvent | null;
};

/**
 * The frame both calls share: a replay answers by its key; otherwise one synchronous transaction
 * (nothing awaits from the check to the append, so concurrent calls cannot interleave) runs `step`
 * and appends the event it returns, if any. `appended` tells the caller to wake the outbox.
 */
function counted(
  deps: SupportDeps,
  key: string,
  requestHash: string,
  at: string | undefined,
  actor: Actor,
  step: Step,
): Counted {
  const replay = deps.store.replay<SupportOutcome>(key, requestHash);
  if (replay.kind === "conflict") return { result: refused(toErrorData(replay.error)), appended: false };
  if (replay.kind === "same") return { result: { ok: true, value: replay.result, replayed: true }, appended: false };
  const nowMs = at ? Date.parse(at) : Date.now();
  const now = new Date(nowMs).toISOString();
  try {
    return deps.storage.transactionSync((): Counted => {
      const state = deps.store.state();
      if (!state) throw new CaseNotFound();
      const petitioner = deps.store.petitioner();
      const own = petitioner.phone === "" ? null : supporterDigest(deps.secret, petitioner.phone);
      const { supporters, event } = step(state, (digest) => digest === own, now);
      if (event) {
        const { store, clockCtx } = deps;
        const log = store.events();
        commit(store, {
          caseId: state.caseId,
          log,
          state,
          petitioner,
          clockCtx,
          nowMs,
          event: { ...event, actor, at: now },
        });
      }
      deps.store.rememberCommand(key, requestHash, { supporters });
      return { result: { ok: true, value: { supporters }, replayed: false }, appended: event !== null };
    });
  } catch (error) {
    if (error instanceof DomainError) return { result: refused(toErrorData(error)), appended: false };
    throw error;
  }
}

/**
 * 附议: each new phone adds exactly one; a phone already counted, or the petitioner's own, adds
 * nothing and answers the current count. Only a keyed digest of the phone is kept.
 */
export function supportCase(deps: SupportDeps, input: z.output<typeof SupportInput>): Counted {
  const digest = supporterDigest(deps.secret, input.phone);
  const key = `support:${input.idempotencyKey}`;
  return counted(
    deps,
    key,
    sha256Hex(`support:${digest}`),
    input.now,
    { role: "citizen" },
    (state, isPetitioner, now) => {
      const refusal = supportRefusal(state);
      if (refusal) throw refusal;
      const supporters = state.supporters ?? 0;
      if (isPetitioner(digest) || !deps.store.addSupporter(digest, now)) return { supporters, event: null };
      return { supporters: supporters + 1, event: { type: "case.supported", payload: { supporters: supporters + 1 } } };
    },
  );
}

/**
 * A duplicate merged into this case: its petitioner and supporters become supporters here, each
 * phone once (this case's own petitioner and those already counted add nothing).
 */
export function absorbMerge(deps: SupportDeps, input: z.output<typeof AbsorbInput>): Counted {
  const requestHash = sha256Hex(canonicalJson({ from: input.fromTrackingNo, digests: [...input.digests].sort() }));
  const key = `absorb:${input.idempotencyKey}`;
  return counted(deps, key, requestHash, input.now, SYSTEM_ACTOR, (state, isPetitioner, now) => {
    const added = input.digests.filter((d) => !isPetitioner(d) && deps.store.addSupporter(d, now)).length;
    const supporters = (state.supporters ?? 0) + added;
    const payload = { fromTrackingNo: input.fromTrackingNo, added, supporters };
    return { supporters, event: { type: "case.merge_absorbed", payload } };
  });
}

/**
 * What a merge hands to the case it names, in the same transaction as the merge: the petitioner's
 * and supporters' digests (never phones), delivered by the outbox (retried until the kept case
 * takes them; it replays a redelivery).
 */
export function mergeHandOff(store: CaseStorage, secret: string, appended: readonly StoredEvent[]): OutboxEntry[] {
  const merged = appended.find((e) => e.type === "case.merged");
  const state = store.state();
  if (merged?.type !== "case.merged" || !state) return [];
  const phone = store.petitioner().phone;
  const digests = [...(phone === "" ? [] : [supporterDigest(secret, phone)]), ...store.supporterDigests()];
  const body = {
    eventId: merged.id,
    fromTrackingNo: state.trackingNo,
    intoTrackingNo: merged.payload.intoTrackingNo,
    digests,
  };
  return [{ target: "absorb", body }];
}
