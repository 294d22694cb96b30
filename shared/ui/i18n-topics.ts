import type { Lang } from "./i18n";

/** The portal's 每月一题 pages, zh-CN and English (a table of their own: i18n-zh.ts is full). */
const ZH = {
  navTopics: "每月一题",
  topicsHeading: "每月一题",
  topicsIntro: "每月从群众反映最集中的热点问题中选定一个，由牵头部门限期办理，办理进度和结果在这里公开。",
  noTopics: "还没有每月一题。",
  month: "月份",
  topic: "问题",
  lead: "牵头部门",
  deadline: "办理期限",
  state: "状态",
  progressCol: "进度",
  states: { open: "办理中", overdue: "已逾期", closed: "已办结" } as Record<"open" | "overdue" | "closed", string>,
  progress: (answered: number, cases: number) => `已答复 ${answered} / ${cases} 件`,
  daysLeft: (n: number) => (n === 0 ? "今天到期" : `还有 ${n} 天`),
  daysOver: (n: number) => `已超期 ${n} 天`,
  outcome: "办理结果",
  casesHeading: "相关留言",
  notPublished: (n: number) => `另有 ${n} 件相关留言未公开（留言人未同意公开，或尚在审核）。`,
  noPublicCases: "相关留言都未公开。",
  allTopics: "全部每月一题",
  notFound: "没有这个每月一题。",
};

export type TopicsDict = typeof ZH;

const EN: TopicsDict = {
  navTopics: "Topic of the month",
  topicsHeading: "Topic of the month",
  topicsIntro:
    "Each month the issue most people wrote about is taken up by a lead department with a deadline; its progress and outcome are published here.",
  noTopics: "No topic of the month yet.",
  month: "Month",
  topic: "Issue",
  lead: "Lead department",
  deadline: "Deadline",
  state: "State",
  progressCol: "Progress",
  states: { open: "In progress", overdue: "Overdue", closed: "Done" },
  progress: (answered, cases) => `${answered} of ${cases} messages answered`,
  daysLeft: (n) => (n === 0 ? "Due today" : `${n} day${n === 1 ? "" : "s"} left`),
  daysOver: (n) => `${n} day${n === 1 ? "" : "s"} overdue`,
  outcome: "Outcome",
  casesHeading: "Messages about it",
  notPublished: (n) =>
    `${n} more message${n === 1 ? " is" : "s are"} not public (the writer did not agree, or it is still being screened).`,
  noPublicCases: "None of its messages is public.",
  allTopics: "All topics of the month",
  notFound: "There is no such topic of the month.",
};

export function topicsText(lang: Lang): TopicsDict {
  return lang === "en" ? EN : ZH;
}
