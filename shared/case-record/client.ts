import type { CaseState } from "../domain/case-model";
import { fromErrorData } from "../domain/errors";
import type { StoredEvent } from "../domain/events";
import type { ChainVerdict } from "../domain/hash-chain";
import type { Receipt } from "../domain/submission.schema";
import type {
  AbsorbInput,
  CaseRecordRpc,
  CommandOutcome,
  ExecuteInput,
  ImportCaseInput,
  ImportOutcome,
  InterviewCaseInput,
  OutboxStatus,
  RpcResult,
  StaffView,
  SubmitInput,
  SupportInput,
  SupportOutcome,
  TickInput,
  TickOutcome,
} from "./contract";

/** Every Worker that binds CASE_RECORD (the namespace intake hosts) has this much of an Env. */
export interface CaseRecordBinding {
  CASE_RECORD: DurableObjectNamespace;
}

/**
 * The raw stub, answering `RpcResult`s. Only the object's own contract tests use it; everything
 * else goes through `caseRecord()`, which unwraps.
 */
export function caseRecordStub(env: CaseRecordBinding, caseId: string): DurableObjectStub<CaseRecordRpc> {
  return (env.CASE_RECORD as DurableObjectNamespace<CaseRecordRpc>).getByName(caseId);
}

function unwrap<T>(result: RpcResult<T>): { value: T; replayed: boolean } {
  if (!result.ok) throw fromErrorData(result.error);
  return { value: result.value, replayed: result.replayed };
}

/**
 * One case, addressed by its id: each command returns its value or throws the DomainError the
 * object refused with (status and code intact, so the edge maps it without string matching).
 */
export function caseRecord(env: CaseRecordBinding, caseId: string) {
  const stub = caseRecordStub(env, caseId);
  return {
    /** Submits once; a replay of the same key and body answers the first receipt with `replayed`. */
    async submit(input: SubmitInput): Promise<{ receipt: Receipt; replayed: boolean }> {
      const { value, replayed } = unwrap(await stub.submit(input));
      return { receipt: value, replayed };
    },
    async execute(input: ExecuteInput): Promise<CommandOutcome> {
      return unwrap(await stub.execute(input)).value;
    },
    async tick(input: TickInput = {}): Promise<TickOutcome> {
      return unwrap(await stub.tick(input)).value;
    },
    /** 附议: the count after this support (a phone already counted, or a replay, changes nothing). */
    async support(input: SupportInput): Promise<SupportOutcome> {
      return unwrap(await stub.support(input)).value;
    },
    /** A merged duplicate's people join this case's supporters; a redelivery replays. */
    async absorb(input: AbsorbInput): Promise<SupportOutcome> {
      return unwrap(await stub.absorb(input)).value;
    },
    /** A message of an earlier board, whole; importing it again answers the first outcome with `replayed`. */
    async importCase(input: ImportCaseInput): Promise<{ outcome: ImportOutcome; replayed: boolean }> {
      const { value, replayed } = unwrap(await stub.importCase(input));
      return { outcome: value, replayed };
    },
    /** An unanswered 在线访谈 question as an assigned case; asking again answers the first outcome. */
    async fromInterview(input: InterviewCaseInput): Promise<{ outcome: ImportOutcome; replayed: boolean }> {
      const { value, replayed } = unwrap(await stub.fromInterview(input));
      return { outcome: value, replayed };
    },
    async read(): Promise<CaseState | null> {
      return stub.read();
    },
    async staffView(): Promise<StaffView | null> {
      return stub.staffView();
    },
    async events(): Promise<StoredEvent[]> {
      return stub.events();
    },
    async verify(): Promise<ChainVerdict> {
      return stub.verify();
    },
    async redrive(): Promise<OutboxStatus> {
      return stub.redrive();
    },
  };
}
