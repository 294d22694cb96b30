import type { RpcResult } from "../case-record/contract";
import { fromErrorData } from "../domain/errors";
import type { AskInput, InterviewSessionRpc, InterviewSnapshot, ModeratorView, ScheduleInput } from "./contract";
import type { ModerationInput } from "./questions";

export interface InterviewSessionBinding {
  INTERVIEW_SESSION: DurableObjectNamespace;
}

function unwrap<T>(result: RpcResult<T>): { value: T; replayed: boolean } {
  if (!result.ok) throw fromErrorData(result.error);
  return { value: result.value, replayed: result.replayed };
}

/** The raw stub (its contract tests); everything else uses `interviewSession()`, which unwraps. */
export function interviewStub(env: InterviewSessionBinding, id: string): DurableObjectStub<InterviewSessionRpc> {
  return (env.INTERVIEW_SESSION as DurableObjectNamespace<InterviewSessionRpc>).getByName(id);
}

/** One session by id: each command returns its value or throws the DomainError the object refused with. */
export function interviewSession(env: InterviewSessionBinding, id: string) {
  const stub = interviewStub(env, id);
  return {
    stub,
    async schedule(input: ScheduleInput) {
      return unwrap(await stub.schedule(input)).value;
    },
    /** A replay of the same key and question answers the first result with `replayed`. */
    async ask(input: AskInput) {
      return unwrap(await stub.ask(input));
    },
    async moderate(input: ModerationInput) {
      return unwrap(await stub.moderate(input)).value;
    },
    async snapshot(): Promise<InterviewSnapshot | null> {
      return stub.snapshot();
    },
    async moderatorView(): Promise<ModeratorView | null> {
      return stub.moderatorView();
    },
  };
}
