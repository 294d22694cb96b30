import { randomId } from "../../../../shared/domain/ids";
import type { LiveFrame } from "../../../../shared/interviews/interview.schema";
import type { ModerationChange } from "../../../../shared/interviews/questions";
import type { SessionState } from "../../../../shared/interviews/session";
import { mergedCounts, publicAnswer, publicQuestion, statusFrame } from "./public-view";
import type { SessionStorage } from "./session-storage";

/** Question and answer ids: random, lower-case base32 (they appear in URLs and forms). */
export function newId(): string {
  return randomId().slice(0, 12).toLowerCase();
}

/** A question's public form as it stands in storage now: what a question frame carries. */
export function questionFrame(store: SessionStorage, id: string, version: number): LiveFrame[] {
  const q = store.question(id);
  if (q?.status !== "approved") return [];
  const merged = mergedCounts(store.questions()).get(id) ?? 0;
  return [{ type: "question", version, question: publicQuestion(q, store.answers(), merged) }];
}

/**
 * Writes what a moderation command decided and says which frames viewers get. Only a change they
 * can see moves the version: an approval, a merge into an approved question, an answer, a pause,
 * resume or end. A declined question, or one merged into another still pending, is nobody's business.
 * Synchronous: the caller runs it inside its transaction.
 */
export function applyChange(
  store: SessionStorage,
  session: SessionState,
  change: ModerationChange,
  nowMs: number,
): { session: SessionState; frames: LiveFrame[] } {
  switch (change.kind) {
    case "question": {
      const { question, into } = change;
      const shownInto = question.status === "merged" && into?.status === "approved" ? into : null;
      const visible = question.status === "approved" || shownInto !== null;
      const version = visible ? session.version + 1 : session.version;
      store.saveQuestion(question, question.status === "approved" ? version : 0);
      if (shownInto) store.saveQuestion(shownInto, version);
      const frames = visible ? questionFrame(store, shownInto?.id ?? question.id, version) : [];
      return { session: { ...session, version }, frames };
    }
    case "answer": {
      const version = session.version + 1;
      store.saveAnswer(change.answer);
      store.saveQuestion(change.question, version);
      const frame: LiveFrame = {
        type: "answer",
        version,
        questionId: change.question.id,
        answer: publicAnswer(change.answer),
      };
      return { session: { ...session, version }, frames: [frame] };
    }
    case "session":
      return { session: change.session, frames: [statusFrame(change.session, nowMs)] };
    default: {
      const _exhaustive: never = change;
      return _exhaustive;
    }
  }
}
