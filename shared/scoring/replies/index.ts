/** Reply quality (答复质量): score and flags for a draft reply against its message. Pure. */

export { OUTCOME_KINDS, type OutcomeKind } from "./outcome";
export {
  assessReply,
  REPLY_FLAGS,
  type ReplyAssessment,
  type ReplyFlag,
  type ReplyMessage,
  ReplyQuality,
  replyQuality,
} from "./quality";
export type { Relevance } from "./relevance";
