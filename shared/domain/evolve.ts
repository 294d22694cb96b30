import * as z from "zod";
import { type CaseState, type CaseStatus, CHANNELS, MESSAGE_TYPES, OUTCOMES, RATINGS, RESOLUTIONS } from "./case-model";
import { TRANSITIONS } from "./transitions";

/** The payload of `case.submitted`: the case as the citizen sent it, minus personal data. */
export const SubmittedPayload = z.strictObject({
  trackingNo: z.string(),
  queryCodeHash: z.string(),
  petitionerHash: z.string(),
  type: z.enum(MESSAGE_TYPES),
  title: z.string(),
  body: z.string(),
  category: z.string().nullable(),
  regionCode: z.string(),
  address: z.string().nullable(),
  addressee: z.string().nullable(),
  channel: z.enum(CHANNELS),
  isPublic: z.boolean(),
  partnerId: z.string().nullable().default(null),
  /** The calendar version the case's deadlines are computed with, for as long as it lives. */
  calendarVersion: z.int().nullable().default(null),
});
export type SubmittedPayload = z.infer<typeof SubmittedPayload>;

export interface StoredEvent {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actor: { role: string; userId?: string; departmentId?: string };
  at: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The state right after `case.submitted`; its hash is the citizen's receipt hash. */
export function initialState(event: StoredEvent): CaseState {
  const p = SubmittedPayload.parse(event.payload);
  const at = event.at;
  return {
    caseId: event.caseId,
    receiptHash: event.hash,
    ...p,
    status: "submitted",
    departmentId: null,
    coDepartmentIds: [],
    submittedAt: at,
    acceptedAt: null,
    assignedAt: null,
    acknowledgedAt: null,
    repliedAt: null,
    closedAt: null,
    statusReason: null,
    returnCount: 0,
    finalDispatch: false,
    extensionCount: 0,
    pendingExtension: null,
    draft: null,
    reply: null,
    rating: null,
    resolution: null,
    reopenCount: 0,
    outcome: null,
    mergedInto: null,
    lastSeq: 1,
  };
}

/** After this many returns the next assignment is final (终审). */
export const MAX_RETURNS = 2;

const statusByEvent = new Map<string, CaseStatus | null>(Object.values(TRANSITIONS).map((t) => [t.event, t.to]));

const str = (v: unknown): string => String(v);

/** Folds one event into the state. Total over every event type the decider can produce. */
export function evolve(state: CaseState, event: StoredEvent): CaseState {
  const p = event.payload;
  const next: CaseState = { ...state, lastSeq: event.seq, status: statusByEvent.get(event.type) ?? state.status };
  switch (event.type) {
    case "case.accepted":
      return {
        ...next,
        acceptedAt: event.at,
        category: typeof p.category === "string" ? p.category : state.category,
        statusReason: null,
      };
    case "case.rejected":
    case "case.held":
      return { ...next, statusReason: str(p.reason) };
    case "case.assigned":
      return {
        ...next,
        departmentId: str(p.departmentId),
        category: typeof p.category === "string" ? p.category : state.category,
        coDepartmentIds: z.array(z.string()).parse(p.coDepartmentIds ?? []),
        assignedAt: event.at,
        acknowledgedAt: null,
        draft: null,
        statusReason: null,
        // Acceptance is implied for returned and reopened cases; keep the first one.
        acceptedAt: state.acceptedAt ?? event.at,
        finalDispatch: state.returnCount >= MAX_RETURNS,
      };
    case "case.return_rejected":
      // Back to the same department, where it was: a case it had signed for needs no second 签收.
      return { ...next, status: state.acknowledgedAt ? "acknowledged" : "assigned", statusReason: str(p.note) };
    case "case.acknowledged":
      return { ...next, acknowledgedAt: event.at };
    case "case.returned":
      return { ...next, statusReason: str(p.reason), returnCount: state.returnCount + 1, pendingExtension: null };
    case "case.extension_requested":
      return {
        ...next,
        pendingExtension: {
          reason: str(p.reason),
          workingDays: Number(p.workingDays),
          requestedAt: event.at,
          departmentId: str(p.departmentId),
        },
      };
    case "case.extension_decided":
      return { ...next, pendingExtension: null, extensionCount: state.extensionCount + (p.approved === true ? 1 : 0) };
    case "case.reply_drafted":
      return {
        ...next,
        draft: {
          text: str(p.text),
          outcome: z.enum(OUTCOMES).parse(p.outcome),
          outcomeNote: p.outcomeNote === undefined ? undefined : str(p.outcomeNote),
          draftedAt: event.at,
        },
      };
    case "case.reply_published": {
      const spokesperson = z.object({ name: z.string(), title: z.string() }).parse(p.spokesperson);
      const draft = state.draft ?? { text: "", outcome: "explained" as const, draftedAt: event.at };
      return {
        ...next,
        reply: { ...draft, publishedAt: event.at, spokesperson },
        draft: null,
        repliedAt: event.at,
        outcome: draft.outcome,
        rating: null,
        resolution: null,
        pendingExtension: null,
      };
    }
    case "case.rated":
      return {
        ...next,
        rating: z.enum(RATINGS).parse(p.rating),
        resolution: z.enum(RESOLUTIONS).nullable().catch(null).parse(p.resolution),
      };
    case "case.reopened":
      // A new round: the earlier reply stays on record, but this round has not been answered.
      return {
        ...next,
        statusReason: str(p.reason),
        closedAt: null,
        repliedAt: null,
        pendingExtension: null,
        reopenCount: (state.reopenCount ?? 0) + 1,
      };
    case "case.closed":
      return { ...next, closedAt: event.at, rating: state.rating ?? "unrated", pendingExtension: null };
    case "case.merged":
      return { ...next, mergedInto: str(p.intoTrackingNo), pendingExtension: null };
    default:
      return next;
  }
}
