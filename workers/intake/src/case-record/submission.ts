import type { TimeLimitRule } from "../../../../shared/clocks/time-limit-rules";
import type { Channel, MessageType } from "../../../../shared/domain/case-model";
import type { EventOf } from "../../../../shared/domain/events";
import { canonicalJson, sha256Hex } from "../../../../shared/domain/hash-chain";
import { hashQueryCode, newTrackingNo, randomId } from "../../../../shared/domain/ids";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { type Committed, commit } from "./commit";
import type { CaseStorage } from "./storage";

/** What a case says, as its first event records it (every channel, live or imported). */
export interface SubmittedContent {
  type: MessageType;
  title: string;
  body: string;
  category?: string;
  regionCode: string;
  address?: string;
  addressee?: string;
  isPublic: boolean;
}

export interface SubmissionInput {
  caseId: string;
  channel: Channel;
  partnerId: string | null;
  calendarVersion: number | null;
  content: SubmittedContent;
  petitioner: Petitioner;
  rules: readonly TimeLimitRule[];
  /** The query-code secret, and the code it gives this case (never stored with the event). */
  secret: string;
  queryCode: string;
  nowMs: number;
  origin?: EventOf<"case.submitted">["payload"]["origin"];
}

/**
 * The case's first event, with the petitioner and the rules it pins kept beside the log.
 * Synchronous: the caller runs it inside `transactionSync`.
 */
export function commitSubmission(store: CaseStorage, input: SubmissionInput): Committed {
  const { content: s, petitioner } = input;
  const salt = randomId();
  store.keepSubmission(petitioner, salt, input.rules);
  // A partner's app (its own API or Open311) speaks for its citizens; the seed and imports are the platform's.
  const partner = input.channel === "partner" || input.channel === "open311";
  const role = partner ? "partner" : input.channel === "seed" || input.origin ? "system" : "citizen";
  return commit(store, {
    caseId: input.caseId,
    log: [],
    state: null,
    petitioner,
    clockCtx: null,
    nowMs: input.nowMs,
    secretVars: { queryCode: input.queryCode },
    event: {
      type: "case.submitted",
      actor: { role },
      at: new Date(input.nowMs).toISOString(),
      payload: {
        trackingNo: newTrackingNo(),
        queryCodeHash: hashQueryCode(input.secret, input.caseId, input.queryCode),
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
        calendarVersion: input.calendarVersion,
        ...(input.origin ? { origin: input.origin } : {}),
      },
    },
  });
}
