import { DurableObject } from "cloudflare:workers";
import type * as z from "zod";
import type { CaseState } from "../../../shared/domain/case-model";
import { decide } from "../../../shared/domain/decide";
import { DomainError, IdempotencyConflict, CaseNotFound, toErrorData } from "../../../shared/domain/errors";
import { evolve, initialState, type StoredEvent } from "../../../shared/domain/evolve";
import { canonicalJson, chainEvent, sha256Hex, verifyChain, type ChainVerdict } from "../../../shared/domain/hash-chain";
import { hashQueryCode, newTrackingNo, queryCodeFor, randomId } from "../../../shared/domain/ids";
import { petitionerOf, type Petitioner, type Receipt } from "../../../shared/domain/submission.schema";
import type { CaseEventMessage, CaseIntakeMessage } from "../../../shared/messages";
import { notificationsFor } from "../../../shared/notify/notifications";
import { toShanghaiIso } from "../../../shared/clocks/time";
import { ExecuteInput, SubmitInput, type RpcResult } from "./case-record.schema";
import { toCaseRow, toEventRow } from "./case-projection";
import { drainOutbox, type OutboxEntry } from "./case-outbox";
import { CASE_RECORD_DDL, readEvents } from "./case-record.storage";

export interface CommandOutcome {
  seq: number;
  status: CaseState["status"];
}

/** A state change of a partner's case, for its webhooks: public facts only. */
function webhookEntry(partnerId: string, event: StoredEvent, state: CaseState): OutboxEntry {
  return {
    target: "webhook",
    body: { partnerId, eventId: event.id, body: { id: event.id, type: event.type, trackingNo: state.trackingNo, status: state.status, at: toShanghaiIso(event.at), seq: event.seq } },
  };
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
    });
  }

  async submit(raw: SubmitInput): Promise<RpcResult<Receipt>> {
    const parsed = SubmitInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const input = parsed.data;
    const requestHash = sha256Hex(canonicalJson({ channel: input.channel, submission: input.submission }));
    const replay = this.replay<Omit<Receipt, "queryCode">>("submit", requestHash);
    const queryCode = queryCodeFor(this.env.QUERY_CODE_SECRET, input.caseId);
    if (replay) return replay.ok ? { ok: true, value: { ...replay.value, queryCode }, replayed: true } : replay;

    const now = input.now ?? new Date().toISOString();
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
        queryCodeHash: hashQueryCode(input.caseId, queryCode),
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
      },
    });
    const state = initialState(event);
    const receipt = { trackingNo: state.trackingNo, receiptHash: event.hash, status: "submitted" as const, submittedAt: now };
    const intake: CaseIntakeMessage = { v: 1, kind: "case.submitted", eventId: event.id, caseId: state.caseId, trackingNo: state.trackingNo, submittedAt: now };
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT INTO petitioner (id, data, salt) VALUES (1, ?, ?)", JSON.stringify(petitioner), salt);
      this.append(event, state, petitioner, [{ target: "case-intake", body: intake }]);
      this.sql.exec("INSERT INTO commands (key, request_hash, result) VALUES ('submit', ?, ?)", requestHash, JSON.stringify(receipt));
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
    const replay = this.replay<CommandOutcome>(key, requestHash);
    if (replay) return replay;
    try {
      const state = this.state();
      if (!state) throw new CaseNotFound();
      const now = input.now ?? new Date().toISOString();
      const decided = decide(state, input.command, input.actor, now);
      const event = chainEvent({ seq: state.lastSeq, hash: this.headHash() }, { caseId: state.caseId, actor: input.actor, at: now, ...decided });
      const next = evolve(state, event);
      const outcome: CommandOutcome = { seq: event.seq, status: next.status };
      this.ctx.storage.transactionSync(() => {
        this.append(event, next, this.petitioner(), []);
        this.sql.exec("INSERT INTO commands (key, request_hash, result) VALUES (?, ?, ?)", key, requestHash, JSON.stringify(outcome));
      });
      await this.ctx.storage.setAlarm(Date.now());
      return { ok: true, value: outcome, replayed: false };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: toErrorData(error) };
      throw error;
    }
  }

  /** The current snapshot, for staff views and other Workers; null before submission. */
  async read(): Promise<CaseState | null> {
    return this.state();
  }

  /** The authoritative case for the staff console: state, the petitioner's contact data, the log. */
  async staffView(): Promise<{ state: CaseState; petitioner: Petitioner; events: StoredEvent[] } | null> {
    const state = this.state();
    return state ? { state, petitioner: this.petitioner(), events: readEvents(this.sql) } : null;
  }

  async events(): Promise<StoredEvent[]> {
    return readEvents(this.sql);
  }

  async verify(): Promise<ChainVerdict> {
    return verifyChain(readEvents(this.sql));
  }

  override async alarm(): Promise<void> {
    const retryInMs = await drainOutbox(this.sql, this.env);
    if (retryInMs !== null) await this.ctx.storage.setAlarm(Date.now() + retryInMs);
  }

  private replay<T>(key: string, requestHash: string): RpcResult<T> | null {
    const row = this.sql.exec<{ request_hash: string; result: string }>("SELECT request_hash, result FROM commands WHERE key = ?", key).toArray()[0];
    if (!row) return null;
    if (row.request_hash !== requestHash) return { ok: false, error: toErrorData(new IdempotencyConflict()) };
    return { ok: true, value: JSON.parse(row.result) as T, replayed: true };
  }

  private append(event: StoredEvent, state: CaseState, petitioner: Petitioner, extra: OutboxEntry[]): void {
    this.sql.exec(
      "INSERT INTO events (seq, id, type, actor, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      event.seq, event.id, event.type, JSON.stringify(event.actor), event.at, JSON.stringify(event.payload), event.prevHash, event.hash,
    );
    this.sql.exec("INSERT OR REPLACE INTO snapshot (id, state) VALUES (1, ?)", JSON.stringify(state));
    const published: CaseEventMessage = {
      v: 1, kind: "case.event", eventId: event.id, caseId: event.caseId, seq: event.seq, type: event.type, at: event.at,
      status: state.status, departmentId: state.departmentId,
    };
    const entries: OutboxEntry[] = [
      { target: "d1", body: { event: toEventRow(event), row: toCaseRow(state, petitioner, event.at) } },
      { target: "case-events", body: published },
      ...notificationsFor(event, state, petitioner).map((body): OutboxEntry => ({ target: "notify", body })),
      ...(state.partnerId ? [webhookEntry(state.partnerId, event, state)] : []),
      ...extra,
    ];
    for (const entry of entries) this.sql.exec("INSERT INTO outbox (target, body) VALUES (?, ?)", entry.target, JSON.stringify(entry.body));
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
    return JSON.parse(this.sql.exec<{ data: string }>("SELECT data FROM petitioner WHERE id = 1").one().data) as Petitioner;
  }
}
