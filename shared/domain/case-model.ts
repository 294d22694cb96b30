/** The vocabulary of a case (DESIGN.md §2). Identifiers are English; the zh-CN labels live in shared/ui. */

export const MESSAGE_TYPES = ["consult", "suggest", "help", "complaint", "report", "thanks"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CASE_STATUSES = [
  "submitted",
  "accepted",
  "rejected", // 不予受理
  "held", // moderation
  "assigned", // 已交办
  "acknowledged", // 已签收
  "returned", // 退回
  "replied", // 已答复 (published)
  "reopened", // 重办
  "closed", // 已办结
  "merged",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States whose content is never published, even with the citizen's consent: not (yet) screened, held, refused, merged. */
export const UNPUBLISHED_STATUSES: readonly CaseStatus[] = ["submitted", "held", "rejected", "merged"];

/** States in which someone owes the case an action, so its clocks matter. */
export const OPEN_STATUSES: readonly CaseStatus[] = ["accepted", "assigned", "acknowledged", "returned", "reopened"];

export const OUTCOMES = ["resolved", "explained", "not_resolvable", "not_our_duty"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RATINGS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export type Rating = (typeof RATINGS)[number];

/** The citizen's own answer to "was the problem solved?", asked beside satisfaction (解决率 counts it). */
export const RESOLUTIONS = ["solved", "partly_solved", "not_solved"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const CHANNELS = [
  "web",
  "form",
  "api",
  "partner",
  "people_board",
  "leader_mailbox",
  "hotline",
  "open311",
  "seed",
  "interview", // an approved question a 在线访谈 left unanswered
] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = [
  "citizen",
  "partner",
  "system",
  "dispatcher", // 分办员
  "handler", // 承办人
  "spokesperson", // 网络发言人
  "supervisor", // 督查员
  "evaluator", // 评议员
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  role: Role;
  userId?: string;
  departmentId?: string;
}

export interface Spokesperson {
  name: string;
  title: string;
}

export interface ReplyDraft {
  text: string;
  outcome: Outcome;
  outcomeNote?: string;
  draftedAt: string;
}

export interface PublishedReply extends ReplyDraft {
  publishedAt: string;
  spokesperson: Spokesperson;
}

export interface ExtensionRequest {
  reason: string;
  workingDays: number;
  requestedAt: string;
  /** The department holding the case when it asked; the decider only lets the holder ask. */
  departmentId: string | null;
}

/** The case as folded from its event log; the durable object keeps it as a snapshot. */
export interface CaseState {
  caseId: string;
  trackingNo: string;
  receiptHash: string;
  queryCodeHash: string;
  petitionerHash: string;
  status: CaseStatus;
  type: MessageType;
  title: string;
  body: string;
  category: string | null;
  regionCode: string;
  address: string | null;
  addressee: string | null;
  channel: Channel;
  /** The partner (API key id) whose channel brought the case; its webhooks hear every change. */
  partnerId: string | null;
  calendarVersion: number | null;
  /** A message imported from an earlier board (absent on live cases): nobody is notified about its history. */
  origin?: { source: string; messageId: string };
  isPublic: boolean;
  departmentId: string | null;
  coDepartmentIds: string[];
  submittedAt: string;
  acceptedAt: string | null;
  assignedAt: string | null;
  acknowledgedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  statusReason: string | null;
  returnCount: number;
  /** 终审: after two returns the dispatcher's assignment is final and cannot be returned again. */
  finalDispatch: boolean;
  extensionCount: number;
  pendingExtension: ExtensionRequest | null;
  draft: ReplyDraft | null;
  reply: PublishedReply | null;
  /** `unrated` is recorded at closing when nobody rated: never silently "satisfied". */
  rating: Rating | "unrated" | null;
  /** The citizen's "was it solved" answer for the current reply. */
  resolution: Resolution | null;
  /** Redo rounds so far: a citizen may ask for one. */
  reopenCount: number;
  /** 附议: citizens who said they have the same problem (each phone once; the petitioner not counted). */
  supporters: number;
  /** Duplicates merged into this case (their supporters are counted in `supporters`). */
  mergedCount: number;
  outcome: Outcome | null;
  mergedInto: string | null;
  lastSeq: number;
}
