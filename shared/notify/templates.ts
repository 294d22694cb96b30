/**
 * Every notification Wenzheng sends, in zh-CN and English. SMS in mainland China may only be sent
 * from templates the provider has approved (签名 + 模板), so these texts are also what a city files
 * with Aliyun or Tencent Cloud: the variables are the `{name}` slots, in the order `vars` lists them
 * (Tencent's TemplateParamSet is positional). The signature 【…】 is added by the provider, so it is
 * not in the text. Variables never carry another person's data, and a citizen's message never names
 * the staff member who handled the case.
 */

export type Lang = "zh-CN" | "en";

export interface Template {
  vars: readonly string[];
  /** Variables that are never stored (the notification log shows them masked); re-derived at send time. */
  secret?: readonly string[];
  subject: Record<Lang, string>;
  text: Record<Lang, string>;
}

export const TEMPLATES = {
  "citizen.receipt": {
    vars: ["trackingNo", "queryCode"],
    secret: ["queryCode"],
    subject: { "zh-CN": "留言已收到", en: "Message received" },
    text: {
      "zh-CN": "您的留言已收到，留言编号{trackingNo}，查询码{queryCode}，请妥善保管，凭二者查询办理进度。",
      en: "We received your message. Tracking number {trackingNo}, query code {queryCode}: keep both to follow it.",
    },
  },
  "citizen.assigned": {
    vars: ["trackingNo", "department", "dueDate"],
    subject: { "zh-CN": "留言已交办", en: "Message assigned" },
    text: {
      "zh-CN": "您的留言{trackingNo}已交{department}办理，答复期限{dueDate}。",
      en: "Your message {trackingNo} is now with {department}; a reply is due by {dueDate}.",
    },
  },
  "citizen.rejected": {
    vars: ["trackingNo"],
    subject: { "zh-CN": "留言未予受理", en: "Message not accepted" },
    text: {
      "zh-CN": "您的留言{trackingNo}未予受理，原因请凭留言编号和查询码查看。",
      en: "Your message {trackingNo} was not accepted; see why with its tracking number and query code.",
    },
  },
  "citizen.replied": {
    vars: ["trackingNo", "department", "rateBy"],
    subject: { "zh-CN": "留言已答复", en: "Your message has a reply" },
    text: {
      "zh-CN": "{department}已答复您的留言{trackingNo}，请凭留言编号和查询码查看，并于{rateBy}前评价。",
      en: "{department} has replied to your message {trackingNo}. Read it with your query code and rate it by {rateBy}.",
    },
  },
  "citizen.rating_reminder": {
    vars: ["trackingNo", "rateBy"],
    subject: { "zh-CN": "请评价答复", en: "Please rate the reply" },
    text: {
      "zh-CN": "您的留言{trackingNo}的答复评价将于{rateBy}截止，逾期视为未评价。",
      en: "Rating the reply to your message {trackingNo} closes at {rateBy}; after that it counts as unrated.",
    },
  },
  "citizen.reopened": {
    vars: ["trackingNo"],
    subject: { "zh-CN": "留言已重新办理", en: "Your message is being handled again" },
    text: {
      "zh-CN": "您的留言{trackingNo}已转回承办单位重新办理，办理结果将再次通知您。",
      en: "Your message {trackingNo} is back with the department to be handled again; we will tell you the outcome.",
    },
  },
  "citizen.merged": {
    vars: ["trackingNo", "intoTrackingNo"],
    subject: { "zh-CN": "留言已合并办理", en: "Your message was merged" },
    text: {
      "zh-CN": "您的留言{trackingNo}与留言{intoTrackingNo}反映同一问题，已合并办理，请关注{intoTrackingNo}的答复。",
      en: "Your message {trackingNo} raises the same problem as {intoTrackingNo} and is handled with it; follow {intoTrackingNo}.",
    },
  },
  "staff.assigned": {
    vars: ["trackingNo", "dueDate"],
    subject: { "zh-CN": "新交办留言", en: "New case assigned" },
    text: {
      "zh-CN": "留言{trackingNo}已交办你单位，请及时签收，答复期限{dueDate}。",
      en: "Case {trackingNo} has been assigned to your department. Please acknowledge it; the reply is due by {dueDate}.",
    },
  },
  "staff.reminder": {
    vars: ["trackingNo", "stage", "share", "dueDate"],
    subject: { "zh-CN": "办理时限提醒", en: "Time-limit reminder" },
    text: {
      "zh-CN": "留言{trackingNo}{stage}时限已过{share}，期限{dueDate}，请抓紧办理。",
      en: "Case {trackingNo}: {share} of the {stage} time limit has passed; it is due by {dueDate}.",
    },
  },
  "staff.urge": {
    vars: ["trackingNo", "stage", "dueDate"],
    subject: { "zh-CN": "催办通知", en: "Urging notice (催办)" },
    text: {
      "zh-CN": "【催办】留言{trackingNo}{stage}已于{dueDate}到期，请立即办理。",
      en: "Urging notice: case {trackingNo} ({stage}) was due on {dueDate}. Act on it now.",
    },
  },
  "staff.supervise": {
    vars: ["trackingNo", "department", "stage", "dueDate"],
    subject: { "zh-CN": "督办通知", en: "Supervision notice (督办)" },
    text: {
      "zh-CN": "【督办】{department}承办的留言{trackingNo}{stage}逾期（期限{dueDate}），已列入督办。",
      en: "Supervision notice: case {trackingNo} held by {department} is overdue ({stage}, due {dueDate}) and now supervised.",
    },
  },
  "staff.notice": {
    vars: ["trackingNo", "department", "stage", "dueDate"],
    subject: { "zh-CN": "通报", en: "Public notice (通报)" },
    text: {
      "zh-CN": "【通报】{department}承办的留言{trackingNo}{stage}严重逾期（期限{dueDate}），已通报并记入问责。",
      en: "Public notice: case {trackingNo} held by {department} is seriously overdue ({stage}, due {dueDate}); an accountability record was made.",
    },
  },
  "staff.digest": {
    vars: ["department", "date", "dueToday", "dueSoon", "overdue"],
    subject: { "zh-CN": "{department}每日办理摘要（{date}）", en: "{department} daily digest ({date})" },
    text: {
      "zh-CN": "{department}{date}：今日到期{dueToday}件，三日内到期{dueSoon}件，已逾期{overdue}件。请登录工作台处理。",
      en: "{department} on {date}: {dueToday} due today, {dueSoon} due within three days, {overdue} overdue. Sign in to the console to act.",
    },
  },
} satisfies Record<string, Template>;

export type TemplateId = keyof typeof TEMPLATES;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(TEMPLATES, id);
}

/** A template by id, typed as the general shape (the catalogue's literal types differ per entry). */
export function templateOf(id: TemplateId): Template {
  return TEMPLATES[id];
}
