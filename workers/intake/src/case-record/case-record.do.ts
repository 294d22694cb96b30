import { DurableObject } from "cloudflare:workers";
import {
  AbsorbInput,
  type CaseRecordRpc,
  type CommandOutcome,
  ExecuteInput,
  type ImportCaseInput,
  type ImportOutcome,
  type InterviewCaseInput,
  type OutboxStatus,
  type RpcResult,
  type StaffView,
  SubmitInput,
  SupportInput,
  type SupportOutcome,
  TickInput,
  type TickOutcome,
} from "../../../../shared/case-record/contract";
import {
  type ClockContext,
  clocksOf,
  limitsFor,
  projectClocks,
  staffClocks,
} from "../../../../shared/clocks/case-clocks";
import type { CaseState } from "../../../../shared/domain/case-model";
import { decide } from "../../../../shared/domain/decide";
import { CaseNotFound, DomainError, toErrorData } from "../../../../shared/domain/errors";
import type { StoredEvent } from "../../../../shared/domain/events";
import { type ChainVerdict, canonicalJson, sha256Hex, verifyChain } from "../../../../shared/domain/hash-chain";
import { queryCodeFor } from "../../../../shared/domain/ids";
import { petitionerOf, type Receipt } from "../../../../shared/domain/submission.schema";
import { currentRules, latestCalendarVersion, loadClockContext } from "./clock-context";
import { commit } from "./commit";
import { importCase } from "./import-case";
import { interviewCase } from "./interview-case";
import { applyLadder, runningOf } from "./ladder";
import { drainOutbox, expediteOutbox, outboxStatus } from "./outbox";
import { invalidArguments, refused } from "./rpc-results";
import { CaseStorage } from "./storage";
import { commitSubmission } from "./submission";
import { absorbMerge, countSupporters, mergeHandOff, supportCase } from "./support";

/**
 * One case: the only writer of its state. Each command runs synchronously from the idempotency
 * check to the committed append (no awaits in between), so concurrent calls cannot interleave and
 * `seq` stays gap-free. Every event goes through `commit()`; projection to D1 and queue sends leave
 * through the outbox, drained by the alarm.
 */
export class CaseRecord extends DurableObject<IntakeEnv> implements CaseRecordRpc {
  private readonly store: CaseStorage;

  constructor(ctx: DurableObjectState, env: IntakeEnv) {
    super(ctx, env);
    this.store = new CaseStorage(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async submit(raw: SubmitInput): Promise<RpcResult<Receipt>> {
    const parsed = SubmitInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const input = parsed.data;
    const requestHash = sha256Hex(canonicalJson({ channel: input.channel, submission: input.submission }));
    const queryCode = queryCodeFor(this.env.QUERY_CODE_SECRET, input.caseId);
    // The calendar in force at submission governs this case's deadlines for as long as it lives.
    // Read before the synchronous section below, so nothing interleaves between check and append.
    const calendarVersion = input.calendarVersion ?? (await latestCalendarVersion(this.env.DB));
    const rules = await currentRules(this.env.DB);
    const replay = this.store.replay<Omit<Receipt, "queryCode">>("submit", requestHash);
    if (replay.kind === "conflict") return refused(toErrorData(replay.error));
    if (replay.kind === "same") return { ok: true, value: { ...replay.result, queryCode }, replayed: true };
    const nowMs = input.now ? Date.parse(input.now) : Date.now();
    const now = new Date(nowMs).toISOString();
    const receipt = this.ctx.storage.transactionSync(() => {
      const { event, state } = commitSubmission(this.store, {
        caseId: input.caseId,
        channel: input.channel,
        partnerId: input.partnerId,
        calendarVersion,
        content: input.submission,
        petitioner: petitionerOf(input.submission),
        rules,
        secret: this.env.QUERY_CODE_SECRET,
        queryCode,
        nowMs,
      });
      const first = { trackingNo: state.trackingNo, receiptHash: event.hash, status: "submitted" as const };
      const stored = { ...first, submittedAt: now };
      this.store.rememberCommand("submit", requestHash, stored);
      return stored;
    });
    await this.ctx.storage.setAlarm(Date.now());
    return { ok: true, value: { ...receipt, queryCode }, replayed: false };
  }

  async execute(raw: ExecuteInput): Promise<RpcResult<CommandOutcome>> {
    const parsed = ExecuteInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const input = parsed.data;
    const key = `cmd:${input.idempotencyKey}`;
    const commands = [input.command, ...input.followUps];
    // A single command hashes as it always has, so replays of earlier requests still match.
    const requestHash = sha256Hex(
      canonicalJson(
        input.followUps.length === 0
          ? { actor: input.actor, command: input.command }
          : { actor: input.actor, commands },
      ),
    );
    // Outside I/O (rules, calendar) happens here, before the synchronous read-decide-append below.
    const clockCtx = await this.clockContext();
    const replay = this.store.replay<CommandOutcome>(key, requestHash);
    if (replay.kind === "conflict") return refused(toErrorData(replay.error));
    if (replay.kind === "same") return { ok: true, value: replay.result, replayed: true };
    try {
      const state = this.store.state();
      if (!state || !clockCtx) throw new CaseNotFound();
      // One form for every instant in the log (a caller may pass +08:00), so times compare as strings.
      const nowMs = input.now ? Date.parse(input.now) : Date.now();
      const now = new Date(nowMs).toISOString();
      const petitioner = this.store.petitioner();
      // A refusal (a DomainError) inside the transaction undoes every command before it.
      const outcome = this.ctx.storage.transactionSync(() => {
        let current = { state, log: this.store.events() };
        for (const command of commands) {
          const limits = limitsFor(current.state, clocksOf(current.log, clockCtx, nowMs), clockCtx);
          const decided = decide(current.state, command, input.actor, now, limits);
          const committed = commit(this.store, {
            caseId: state.caseId,
            log: current.log,
            state: current.state,
            petitioner,
            clockCtx,
            nowMs,
            event: { ...decided, actor: input.actor, at: now },
          });
          current = { state: committed.state, log: committed.log };
        }
        this.store.enqueue(mergeHandOff(this.store, this.env.QUERY_CODE_SECRET, current.log.slice(state.lastSeq)));
        const result: CommandOutcome = { seq: current.state.lastSeq, status: current.state.status };
        this.store.rememberCommand(key, requestHash, result);
        return result;
      });
      await this.ctx.storage.setAlarm(Date.now());
      return { ok: true, value: outcome, replayed: false };
    } catch (error) {
      if (error instanceof DomainError) return refused(toErrorData(error));
      throw error;
    }
  }

  /**
   * Applies every escalation step (联动督查) whose time has come, each exactly once: a step's key is
   * stored in its event, so a doubled, late or concurrent tick finds it applied. When the rating
   * window has ended, the case closes, rated or not (unrated is recorded as such). Called by the
   * deadline Worker; safe to call at any time.
   */
  async tick(raw: TickInput = {}): Promise<RpcResult<TickOutcome>> {
    const parsed = TickInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const clockCtx = await this.clockContext();
    const state = this.store.state();
    if (!state || !clockCtx) return refused(toErrorData(new CaseNotFound()));
    const nowMs = parsed.data.now ? Date.parse(parsed.data.now) : Date.now();
    const store = this.store;
    const start = runningOf(state, store.events(), clockCtx, nowMs);
    const petitioner = store.petitioner();
    const last = this.ctx.storage.transactionSync(() =>
      applyLadder(start, { store, petitioner, clockCtx, nowMs, dating: "now" }),
    );
    const applied = last.applied;
    const nextDueAt = (last.projected ?? projectClocks(last.clocks, last.log, nowMs)).nextDueAt;
    if (applied.length === 0) {
      // Nothing to apply (a deadline without a ladder step passed): still move the sweep's index
      // forward, or the sweep would name this case again every five minutes.
      this.store.enqueue([{ target: "next-due", body: { caseId: state.caseId, lastSeq: state.lastSeq, nextDueAt } }]);
    }
    await this.ctx.storage.setAlarm(Date.now());
    return { ok: true, value: { applied, nextDueAt }, replayed: false };
  }

  /** 附议, and a merged duplicate's people joining this case (support.ts). */
  async support(raw: SupportInput): Promise<RpcResult<SupportOutcome>> {
    return countSupporters(this.supportDeps(), SupportInput.safeParse(raw), supportCase);
  }

  async absorb(raw: AbsorbInput): Promise<RpcResult<SupportOutcome>> {
    return countSupporters(this.supportDeps(), AbsorbInput.safeParse(raw), absorbMerge);
  }

  /** A message of an earlier board, its whole history in one call (import-case.ts). */
  async importCase(raw: ImportCaseInput): Promise<RpcResult<ImportOutcome>> {
    const db = this.env.DB;
    const load = async (version: number | null) => {
      const [calendarVersion, rules] = [version ?? (await latestCalendarVersion(db)), await currentRules(db)];
      return { calendarVersion, rules, clockCtx: await loadClockContext(db, calendarVersion, rules) };
    };
    return importCase({ ...this.supportKeys(), load }, raw);
  }

  /** An approved 在线访谈 question left unanswered, as an assigned case (interview-case.ts). */
  async fromInterview(raw: InterviewCaseInput): Promise<RpcResult<ImportOutcome>> {
    const db = this.env.DB;
    const load = async () => {
      const [calendarVersion, rules] = [await latestCalendarVersion(db), await currentRules(db)];
      return { calendarVersion, rules, clockCtx: await loadClockContext(db, calendarVersion, rules) };
    };
    return interviewCase({ ...this.supportKeys(), load }, raw);
  }

  /** The current snapshot, for staff views and other Workers; null before submission. */
  async read(): Promise<CaseState | null> {
    return this.store.state();
  }

  async staffView(): Promise<StaffView | null> {
    const [clockCtx, state] = [await this.clockContext(), this.store.state()];
    if (!state || !clockCtx) return null;
    const events = this.store.events();
    const clocks = staffClocks(clocksOf(events, clockCtx, Date.now()));
    return { state, petitioner: this.store.petitioner(), events, clocks };
  }

  async events(): Promise<StoredEvent[]> {
    return this.store.events();
  }

  async verify(): Promise<ChainVerdict> {
    return verifyChain(this.store.rawEvents());
  }

  async redrive(): Promise<OutboxStatus> {
    expediteOutbox(this.ctx.storage.sql);
    await this.alarm();
    return outboxStatus(this.ctx.storage.sql);
  }

  override async alarm(): Promise<void> {
    const nextAt = await drainOutbox(
      this.ctx.storage.sql,
      this.env,
      Date.now(),
      () => this.store.state()?.caseId ?? null,
    );
    if (nextAt !== null) await this.ctx.storage.setAlarm(nextAt);
  }

  private supportDeps = () => ({ ...this.supportKeys(), clockCtx: () => this.clockContext() });
  private supportKeys = () => ({ storage: this.ctx.storage, store: this.store, secret: this.env.QUERY_CODE_SECRET });

  /** Rules and the case's calendar version; null before submission. */
  private async clockContext(): Promise<ClockContext | null> {
    const state = this.store.state();
    if (!state) return null;
    return loadClockContext(this.env.DB, state.calendarVersion, this.store.pinnedRules());
  }
}
