import { DurableObject } from "cloudflare:workers";
import type * as z from "zod";
import type { TimeLimitRule } from "../../../shared/clocks/time-limit-rules";
import type { Actor, CaseState } from "../../../shared/domain/case-model";
import { decide } from "../../../shared/domain/decide";
import { CaseNotFound, DomainError, IdempotencyConflict, toErrorData } from "../../../shared/domain/errors";
import { evolve, initialState, type StoredEvent } from "../../../shared/domain/evolve";
import {
  type ChainVerdict,
  canonicalJson,
  chainEvent,
  sha256Hex,
  verifyChain,
} from "../../../shared/domain/hash-chain";
import { hashQueryCode, newTrackingNo, queryCodeFor, randomId } from "../../../shared/domain/ids";
import { type Petitioner, petitionerOf, type Receipt } from "../../../shared/domain/submission.schema";
import type { CaseIntakeMessage } from "../../../shared/messages";
import {
  clocksOf,
  dueSteps,
  ESCALATED,
  limitsFor,
  type ProjectedClocks,
  projectClocks,
  type StaffClocks,
  staffClocks,
} from "./case-clocks";
import { drainOutbox, type OutboxEntry } from "./case-outbox";
import { outboxEntriesFor } from "./case-record.entries";
import { ExecuteInput, type RpcResult, SubmitInput, TickInput } from "./case-record.schema";
import { CASE_RECORD_DDL, readEvents, upgradeStorage } from "./case-record.storage";
import { type ClockContext, currentRules, latestCalendarVersion, loadClockContext } from "./clock-context";

/** The platform itself, closing a case whose rating window has ended. */
const SYSTEM_CLOSER: Actor = { role: "system", userId: "deadline" };

export interface CommandOutcome {
  seq: number;
  status: CaseState["status"];
}

/** Bad RPC arguments are refused as data, naming the fields but never echoing their values. */
function invalidArguments(error: z.ZodError): RpcResult<never> {
  const fields = [...new Set(error.issues.map((i) => i.path.join(".")))].join(", ");
  return { ok: false, error: { status: 400, code: "invalid_command", message: `Invalid arguments: ${fields}` } };
}

/**
 * One case: the only writer of its state. Each command runs synchronously from the idempotency
 * check to the committed append (no awaits in between), so concurrent calls cannot interleave and
 * `seq` stays gap-free. Projection to D1 and queue sends leave through the outbox, drained by the alarm.
 */
export class CaseRecord extends DurableObject<IntakeEnv> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: IntakeEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      for (const ddl of CASE_RECORD_DDL) this.sql.exec(ddl);
      upgradeStorage(this.sql);
    });
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
    const replay = this.replay<Omit<Receipt, "queryCode">>("submit", requestHash);
    if (replay) return replay.ok ? { ok: true, value: { ...replay.value, queryCode }, replayed: true } : replay;
    const now = new Date(input.now ? Date.parse(input.now) : Date.now()).toISOString();
    const s = input.submission;
    const petitioner = petitionerOf(s);
    const salt = randomId();
    const event = chainEvent(null, {
      caseId: input.caseId,
      type: "case.submitted",
      actor: { role: input.channel === "partner" ? "partner" : input.channel === "seed" ? "system" : "citizen" },
      at: now,
      payload: {
        trackingNo: newTrackingNo(),
        queryCodeHash: hashQueryCode(this.env.QUERY_CODE_SECRET, input.caseId, queryCode),
        // The chain covers the petitioner without carrying their data: a salted digest.
        petitionerHash: sha256Hex(salt + canonicalJson(petitioner)),
        type: s.type,
        title: s.title,
        body: s.body,
        category: s.category ?? null,
        regionCode: s.regionCode,
        address: s.address ?? null,
        addressee: s.addressee ?? null,
        channel: input.channel,
        isPublic: s.isPublic,
        partnerId: input.partnerId,
        calendarVersion,
      },
    });
    const state = initialState(event);
    const receipt = {
      trackingNo: state.trackingNo,
      receiptHash: event.hash,
      status: "submitted" as const,
      submittedAt: now,
    };
    const intake: CaseIntakeMessage = {
      v: 1,
      kind: "case.submitted",
      eventId: event.id,
      caseId: state.caseId,
      trackingNo: state.trackingNo,
      submittedAt: now,
    };
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT INTO petitioner (id, data, salt) VALUES (1, ?, ?)", JSON.stringify(petitioner), salt);
      this.sql.exec("INSERT INTO pinned_rules (id, rules) VALUES (1, ?)", JSON.stringify(rules));
      this.append(event, state, null, [{ target: "case-intake", body: intake }]);
      this.sql.exec(
        "INSERT INTO commands (key, request_hash, result) VALUES ('submit', ?, ?)",
        requestHash,
        JSON.stringify(receipt),
      );
    });
    await this.ctx.storage.setAlarm(Date.now());
    return { ok: true, value: { ...receipt, queryCode }, replayed: false };
  }

  async execute(raw: ExecuteInput): Promise<RpcResult<CommandOutcome>> {
    const parsed = ExecuteInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const input = parsed.data;
    const key = `cmd:${input.idempotencyKey}`;
    const requestHash = sha256Hex(canonicalJson({ actor: input.actor, command: input.command }));
    // Outside I/O (rules, calendar) happens here, before the synchronous read-decide-append below.
    const clockCtx = await this.clockContext();
    const replay = this.replay<CommandOutcome>(key, requestHash);
    if (replay) return replay;
    try {
      const state = this.state();
      if (!state || !clockCtx) throw new CaseNotFound();
      // One form for every instant in the log (a caller may pass +08:00), so times compare as strings.
      const nowMs = input.now ? Date.parse(input.now) : Date.now();
      const now = new Date(nowMs).toISOString();
      const events = readEvents(this.sql);
      const limits = limitsFor(state, clocksOf(events, clockCtx, nowMs), clockCtx);
      const decided = decide(state, input.command, input.actor, now, limits);
      const event = chainEvent(
        { seq: state.lastSeq, hash: this.headHash() },
        { caseId: state.caseId, actor: input.actor, at: now, ...decided },
      );
      const next = evolve(state, event);
      const outcome: CommandOutcome = { seq: event.seq, status: next.status };
      this.ctx.storage.transactionSync(() => {
        this.append(
          event,
          next,
          projectClocks(clocksOf([...events, event], clockCtx, nowMs), [...events, event], nowMs),
        );
        this.sql.exec(
          "INSERT INTO commands (key, request_hash, result) VALUES (?, ?, ?)",
          key,
          requestHash,
          JSON.stringify(outcome),
        );
      });
      await this.ctx.storage.setAlarm(Date.now());
      return { ok: true, value: outcome, replayed: false };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: toErrorData(error) };
      throw error;
    }
  }

  /**
   * Applies every escalation step (联动督查) whose time has come, each exactly once: a step's key is
   * stored in its event, so a doubled, late or concurrent tick finds it applied. Called by the
   * deadline Worker; safe to call at any time.
   */
  async tick(raw: TickInput = {}): Promise<RpcResult<{ applied: string[]; nextDueAt: string | null }>> {
    const parsed = TickInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const clockCtx = await this.clockContext();
    const state = this.state();
    if (!state || !clockCtx) return { ok: false, error: toErrorData(new CaseNotFound()) };
    const nowMs = parsed.data.now ? Date.parse(parsed.data.now) : Date.now();
    const events = readEvents(this.sql);
    const steps = dueSteps(clocksOf(events, clockCtx, nowMs), events, nowMs);
    let current = state;
    const appended: StoredEvent[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const step of steps) {
        const head = appended.at(-1) ?? events.at(-1);
        const event = chainEvent(head ? { seq: head.seq, hash: head.hash } : null, {
          caseId: state.caseId,
          type: ESCALATED,
          actor: { role: "system", userId: "deadline" },
          at: new Date(Math.max(nowMs, Date.parse(head?.at ?? "0"))).toISOString(),
          payload: {
            key: step.key,
            kind: step.kind,
            stage: step.stage,
            round: step.round,
            departmentId: step.departmentId,
            dueAt: new Date(step.dueAt).toISOString(),
            fellDueAt: new Date(step.at).toISOString(),
            accountability: step.accountability,
          },
        });
        appended.push(event);
        current = evolve(current, event);
        const log = [...events, ...appended];
        this.append(event, current, projectClocks(clocksOf(log, clockCtx, nowMs), log, nowMs));
      }
      // The rating window has ended: the case closes, rated or not (unrated is recorded as such).
      const log = [...events, ...appended];
      const clocks = clocksOf(log, clockCtx, nowMs);
      if (current.status === "replied" && clocks.ratingWindowEndsAt !== null && clocks.ratingWindowEndsAt <= nowMs) {
        const head = log.at(-1);
        const at = new Date(Math.max(nowMs, Date.parse(head?.at ?? "0"))).toISOString();
        const decided = decide(current, { name: "close" }, SYSTEM_CLOSER, at, limitsFor(current, clocks, clockCtx));
        const event = chainEvent(head ? { seq: head.seq, hash: head.hash } : null, {
          caseId: state.caseId,
          actor: SYSTEM_CLOSER,
          at,
          ...decided,
        });
        appended.push(event);
        current = evolve(current, event);
        this.append(event, current, projectClocks(clocksOf([...log, event], clockCtx, nowMs), [...log, event], nowMs));
      }
    });
    const log = [...events, ...appended];
    const nextDueAt = projectClocks(clocksOf(log, clockCtx, nowMs), log, nowMs).nextDueAt;
    if (appended.length === 0) {
      // Nothing to apply (a deadline without a ladder step passed): still move the sweep's index
      // forward, or the sweep would name this case again every five minutes.
      this.sql.exec(
        "INSERT INTO outbox (target, body) VALUES ('next-due', ?)",
        JSON.stringify({ caseId: state.caseId, lastSeq: state.lastSeq, nextDueAt }),
      );
    }
    await this.ctx.storage.setAlarm(Date.now());
    return {
      ok: true,
      value: { applied: appended.map((e) => (e.type === ESCALATED ? String(e.payload.key) : e.type)), nextDueAt },
      replayed: false,
    };
  }

  /** The current snapshot, for staff views and other Workers; null before submission. */
  async read(): Promise<CaseState | null> {
    return this.state();
  }

  /** The authoritative case for the staff console: state, the petitioner's contact data, the log, the clocks now. */
  async staffView(): Promise<{
    state: CaseState;
    petitioner: Petitioner;
    events: StoredEvent[];
    clocks: StaffClocks;
  } | null> {
    const clockCtx = await this.clockContext();
    const state = this.state();
    if (!state || !clockCtx) return null;
    const events = readEvents(this.sql);
    return {
      state,
      petitioner: this.petitioner(),
      events,
      clocks: staffClocks(clocksOf(events, clockCtx, Date.now())),
    };
  }

  async events(): Promise<StoredEvent[]> {
    return readEvents(this.sql);
  }

  async verify(): Promise<ChainVerdict> {
    return verifyChain(readEvents(this.sql));
  }

  override async alarm(): Promise<void> {
    const nextAt = await drainOutbox(this.sql, this.env, Date.now());
    if (nextAt !== null) await this.ctx.storage.setAlarm(nextAt);
  }

  private replay<T>(key: string, requestHash: string): RpcResult<T> | null {
    const row = this.sql
      .exec<{ request_hash: string; result: string }>("SELECT request_hash, result FROM commands WHERE key = ?", key)
      .toArray()[0];
    if (!row) return null;
    if (row.request_hash !== requestHash) return { ok: false, error: toErrorData(new IdempotencyConflict()) };
    return { ok: true, value: JSON.parse(row.result) as T, replayed: true };
  }

  private append(
    event: StoredEvent,
    state: CaseState,
    clocks: ProjectedClocks | null,
    extra: OutboxEntry[] = [],
  ): void {
    this.sql.exec(
      "INSERT INTO events (seq, id, type, actor, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      event.seq,
      event.id,
      event.type,
      JSON.stringify(event.actor),
      event.at,
      JSON.stringify(event.payload),
      event.prevHash,
      event.hash,
    );
    this.sql.exec("INSERT OR REPLACE INTO snapshot (id, state) VALUES (1, ?)", JSON.stringify(state));
    for (const entry of [...outboxEntriesFor(event, state, this.petitioner(), clocks), ...extra]) {
      this.sql.exec("INSERT INTO outbox (target, body) VALUES (?, ?)", entry.target, JSON.stringify(entry.body));
    }
  }

  /** Rules and the case's calendar version; null before submission. */
  private async clockContext(): Promise<ClockContext | null> {
    const state = this.state();
    if (!state) return null;
    const pinned = this.sql.exec<{ rules: string }>("SELECT rules FROM pinned_rules WHERE id = 1").toArray()[0];
    return loadClockContext(
      this.env.DB,
      state.calendarVersion,
      pinned ? (JSON.parse(pinned.rules) as TimeLimitRule[]) : null,
    );
  }

  private state(): CaseState | null {
    const row = this.sql.exec<{ state: string }>("SELECT state FROM snapshot WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.state) as CaseState) : null;
  }

  private headHash(): string {
    const row = this.sql.exec<{ hash: string }>("SELECT hash FROM events ORDER BY seq DESC LIMIT 1").one();
    return row.hash;
  }

  private petitioner(): Petitioner {
    return JSON.parse(
      this.sql.exec<{ data: string }>("SELECT data FROM petitioner WHERE id = 1").one().data,
    ) as Petitioner;
  }
}
