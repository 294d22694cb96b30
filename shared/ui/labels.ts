import type { CaseStatus, MessageType, Outcome, Rating, Resolution } from "../domain/case-model";

/** zh-CN first; the English table sits beside it for the `lang=en` view and for readers. */
export const TYPE_LABELS: Record<MessageType, { zh: string; en: string }> = {
  consult: { zh: "咨询", en: "Consultation" },
  suggest: { zh: "建议", en: "Suggestion" },
  help: { zh: "求助", en: "Request for help" },
  complaint: { zh: "投诉", en: "Complaint" },
  report: { zh: "举报", en: "Report" },
  thanks: { zh: "感谢", en: "Thanks" },
};

export const STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: "已提交", en: "Submitted" },
  accepted: { zh: "已受理", en: "Accepted" },
  rejected: { zh: "不予受理", en: "Not accepted" },
  held: { zh: "审核中", en: "Under review" },
  assigned: { zh: "已交办", en: "Assigned" },
  acknowledged: { zh: "已签收", en: "Acknowledged" },
  returned: { zh: "退回重新交办", en: "Returned for reassignment" },
  replied: { zh: "已答复", en: "Replied" },
  reopened: { zh: "重办", en: "Reopened" },
  closed: { zh: "已办结", en: "Closed" },
  merged: { zh: "已合并", en: "Merged" },
};

export const OUTCOME_LABELS: Record<Outcome, { zh: string; en: string }> = {
  resolved: { zh: "已解决", en: "Resolved" },
  explained: { zh: "已解释说明", en: "Explained" },
  not_resolvable: { zh: "暂无法解决", en: "Cannot be resolved now" },
  not_our_duty: { zh: "非本部门职责", en: "Not this department's duty" },
};

export const RATING_LABELS: Record<Rating | "unrated", { zh: string; en: string }> = {
  satisfied: { zh: "满意", en: "Satisfied" },
  basically_satisfied: { zh: "基本满意", en: "Mostly satisfied" },
  dissatisfied: { zh: "不满意", en: "Dissatisfied" },
  unrated: { zh: "未评价", en: "Not rated" },
};

export const RESOLUTION_LABELS: Record<Resolution, { zh: string; en: string }> = {
  solved: { zh: "已解决", en: "Solved" },
  partly_solved: { zh: "部分解决", en: "Partly solved" },
  not_solved: { zh: "未解决", en: "Not solved" },
};

/** What the public timeline says about each event type; types not listed never reach the public. */
export const PUBLIC_EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  "case.submitted": { zh: "留言已提交", en: "Message submitted" },
  "case.accepted": { zh: "已受理", en: "Accepted" },
  "case.rejected": { zh: "不予受理", en: "Not accepted" },
  "case.held": { zh: "进入审核", en: "Held for review" },
  "case.assigned": { zh: "已交办", en: "Assigned to a department" },
  "case.acknowledged": { zh: "承办单位已签收", en: "Acknowledged by the department" },
  "case.returned": { zh: "承办单位申请退回", en: "Returned by the department" },
  "case.extension_requested": { zh: "承办单位申请延期", en: "Extension requested by the department" },
  "case.extension_decided": { zh: "延期申请已审核", en: "Extension decided" },
  "case.reply_published": { zh: "答复已发布", en: "Reply published" },
  "case.rated": { zh: "留言人已评价", en: "Rated by the citizen" },
  "case.reopened": { zh: "重新办理", en: "Reopened" },
  "case.closed": { zh: "已办结", en: "Closed" },
  "case.merged": { zh: "与相同留言合并", en: "Merged with a duplicate" },
};
