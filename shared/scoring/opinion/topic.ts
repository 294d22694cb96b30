import * as z from "zod";
import { addDays, PERIOD_PATTERN, shanghaiDate } from "../../clocks/period";
import type { CaseStatus } from "../../domain/case-model";
import { formText } from "../../http/form-validator";

/**
 * 每月一题 (the month's issue the leadership takes up): what a supervisor fills in to choose it,
 * and how far its cases have come. Pure; the console stores it, the public page shows it.
 */

/** Days the lead department gets by default: a month, as the monthly rhythm of the name asks. */
export const DEFAULT_TOPIC_DAYS = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const guard = { _csrf: z.string(), _key: z.string().optional() };

/** The choice of a hot issue as the month's topic. `today` (Beijing) bounds the deadline from below. */
export function topicForm(today: string) {
  return z.strictObject({
    ...guard,
    period: z.string().regex(PERIOD_PATTERN, "月份格式应为 YYYY-MM"),
    rank: formText(z.coerce.number().int().min(1).max(1000)),
    title: formText(z.string().min(4, "至少 4 个字").max(80, "不能超过 80 字")),
    leadDepartmentId: formText(z.string().min(1, "请选择牵头部门").max(64)),
    deadline: formText(
      z
        .string()
        .regex(DATE, "日期格式应为 YYYY-MM-DD")
        .refine(
          (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
          "不是有效日期",
        )
        .refine((d) => d >= today, "期限不能早于今天"),
    ),
  });
}

export const TopicCaseForm = z.strictObject({
  ...guard,
  trackingNo: formText(z.string().min(4, "请填写留言编号").max(40)),
});

export const TopicCloseForm = z.strictObject({
  ...guard,
  outcome: formText(z.string().min(10, "至少 10 个字：向公众说明做了什么、结果如何").max(2000, "不能超过 2000 字")),
});

export function defaultDeadline(now: Date): string {
  return addDays(shanghaiDate(now), DEFAULT_TOPIC_DAYS);
}

export interface TopicProgress {
  /** Linked cases that count: merged duplicates and refused messages do not. */
  cases: number;
  /** Answered in public (已答复) or closed (已办结). */
  answered: number;
  /** Still owed an answer. */
  open: number;
}

const ANSWERED: readonly CaseStatus[] = ["replied", "closed"];
const NOT_COUNTED: readonly CaseStatus[] = ["merged", "rejected"];

export function topicProgress(statuses: readonly CaseStatus[]): TopicProgress {
  const counted = statuses.filter((s) => !NOT_COUNTED.includes(s));
  const answered = counted.filter((s) => ANSWERED.includes(s)).length;
  return { cases: counted.length, answered, open: counted.length - answered };
}

export type TopicState = "open" | "overdue" | "closed";

/** A topic past its deadline and not closed is overdue: the page says so, in red. */
export function topicState(topic: { status: "open" | "closed"; deadline: string }, today: string): TopicState {
  if (topic.status === "closed") return "closed";
  return today > topic.deadline ? "overdue" : "open";
}
