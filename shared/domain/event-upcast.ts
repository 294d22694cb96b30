import * as z from "zod";
import { ROLES } from "./case-model";
import { CaseEvent, type CaseEventType, type RawStoredEvent, type StoredEvent } from "./events";

type Payload = Record<string, unknown>;

const draftedAtOf = (draft: unknown): unknown =>
  typeof draft === "object" && draft !== null && "draftedAt" in draft ? draft.draftedAt : undefined;

/**
 * How older payloads become today's, one step per change of shape, in order. Stored rows carry no
 * version (adding one would mean a column in every store), so each step recognises the older shape
 * by what it lacks and leaves a newer payload as it is.
 */
const UPCASTS: readonly { to: number; type: CaseEventType; up: (p: Payload) => Payload }[] = [
  // v2: the partner a case came from (webhooks) and the calendar its deadlines use.
  { to: 2, type: "case.submitted", up: (p) => ({ partnerId: null, calendarVersion: null, ...p }) },
  // Never stored without it as far as the history shows, but the fold always allowed for its absence.
  { to: 2, type: "case.assigned", up: (p) => ({ coDepartmentIds: [], ...p }) },
  // v3: publishing names the draft the spokesperson reviewed; older events carry it inside the draft.
  { to: 3, type: "case.reply_published", up: (p) => ({ draftedAt: draftedAtOf(p.draft), ...p }) },
  // v4: evaluation — 签收 and replies record the deadline they were judged by; ratings ask "solved?".
  { to: 4, type: "case.acknowledged", up: (p) => ({ dueAt: null, ...p }) },
  { to: 4, type: "case.reply_published", up: (p) => ({ dueAt: null, ...p }) },
  { to: 4, type: "case.rated", up: (p) => ({ resolution: null, ...p }) },
];

const isPayload = (p: unknown): p is Payload => typeof p === "object" && p !== null && !Array.isArray(p);

/** Brings a stored payload of any earlier version to today's shape; anything else passes unchanged. */
function upcast(type: string, payload: unknown): unknown {
  if (!isPayload(payload)) return payload;
  return UPCASTS.reduce((p, step) => (step.type === type ? step.up(p) : p), payload);
}

const EventActor = z.strictObject({
  role: z.enum(ROLES),
  userId: z.string().optional(),
  departmentId: z.string().optional(),
});

/** A stored event that is not any member of the union even after upcasting: corrupt, or written by newer code. */
export class UnreadableEvent extends Error {
  constructor(
    readonly caseId: string,
    readonly seq: number,
    type: string,
    fields: string[],
  ) {
    // Field paths only: a payload may hold a citizen's words, which do not belong in a log line.
    super(`Case ${caseId} event seq ${seq} (${type}) does not read as a case event: ${fields.join(", ")}`);
    this.name = "UnreadableEvent";
  }
}

/**
 * The one way events come back from storage (the object's SQLite, D1's case_events): upcast, then
 * parsed by the union. Verify the chain on the raw event, not on what this returns.
 */
export function readStoredEvent(raw: RawStoredEvent): StoredEvent {
  const event = CaseEvent.safeParse({ type: raw.type, payload: upcast(raw.type, raw.payload) });
  const actor = EventActor.safeParse(raw.actor);
  if (!event.success || !actor.success) {
    const fields = [
      ...(event.error?.issues.map((i) => i.path.join(".")) ?? []),
      ...(actor.error?.issues.map((i) => ["actor", ...i.path].join(".")) ?? []),
    ];
    throw new UnreadableEvent(raw.caseId, raw.seq, raw.type, fields);
  }
  const { seq, id, caseId, at, prevHash, hash } = raw;
  return { seq, id, caseId, actor: actor.data, at, prevHash, hash, ...event.data };
}
