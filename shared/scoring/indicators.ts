import type { Counter, Counters } from "./counters";

/**
 * The indicator system, each defined once: its formula is what the report page prints, and what
 * `value()` computes. A rate with an empty denominator is `null` (no data), never 0 or 1.
 */
export interface Indicator {
  id: IndicatorId;
  name: string;
  nameEn: string;
  numerator: readonly Counter[];
  denominator: readonly Counter[];
  /** Printed on the report page, so the published number can be checked by hand. */
  formula: string;
  formulaEn: string;
  higherIsBetter: boolean;
}

export const INDICATOR_IDS = [
  "responseRate",
  "onTimeRate",
  "resolutionRate",
  "satisfactionRate",
  "returnRate",
  "redoRate",
  "unratedShare",
  "boilerplateShare",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATORS: Record<IndicatorId, Indicator> = {
  responseRate: {
    id: "responseRate",
    name: "响应率",
    nameEn: "Response rate",
    numerator: ["acknowledgedOnTime"],
    denominator: ["assigned"],
    formula: "按时签收件数 ÷ 交办件数",
    formulaEn: "acknowledged on time ÷ assigned",
    higherIsBetter: true,
  },
  onTimeRate: {
    id: "onTimeRate",
    name: "按期办结率",
    nameEn: "On-time reply rate",
    numerator: ["repliedOnTime"],
    denominator: ["repliedOnTime", "replyOverdue"],
    formula: "按期答复件数 ÷ (按期答复件数 + 超期件数)",
    formulaEn: "replied on time ÷ (replied on time + overdue)",
    higherIsBetter: true,
  },
  resolutionRate: {
    id: "resolutionRate",
    name: "解决率",
    nameEn: "Resolution rate",
    numerator: ["solved"],
    denominator: ["rated"],
    formula: "留言人评价“已解决”件数 ÷ 评价件数",
    formulaEn: "rated “solved” by the citizen ÷ rated",
    higherIsBetter: true,
  },
  satisfactionRate: {
    id: "satisfactionRate",
    name: "满意率",
    nameEn: "Satisfaction rate",
    numerator: ["satisfied", "basicallySatisfied"],
    denominator: ["rated"],
    formula: "(满意 + 基本满意)件数 ÷ 评价件数",
    formulaEn: "(satisfied + mostly satisfied) ÷ rated",
    higherIsBetter: true,
  },
  returnRate: {
    id: "returnRate",
    name: "回退率",
    nameEn: "Return rate",
    numerator: ["returned"],
    denominator: ["assigned"],
    formula: "退回件数 ÷ 交办件数",
    formulaEn: "returned ÷ assigned",
    higherIsBetter: false,
  },
  redoRate: {
    id: "redoRate",
    name: "重办率",
    nameEn: "Redo rate",
    numerator: ["redone"],
    denominator: ["replied"],
    formula: "重办件数 ÷ 答复件数",
    formulaEn: "reopened ÷ replied",
    higherIsBetter: false,
  },
  unratedShare: {
    id: "unratedShare",
    name: "未评价占比",
    nameEn: "Share unrated",
    numerator: ["unrated"],
    denominator: ["closed"],
    formula: "未评价办结件数 ÷ 办结件数",
    formulaEn: "closed without a rating ÷ closed",
    higherIsBetter: false,
  },
  boilerplateShare: {
    id: "boilerplateShare",
    name: "套话答复占比",
    nameEn: "Boilerplate replies",
    numerator: ["replyBoilerplate"],
    denominator: ["replyChecked"],
    formula: "被判为套话的答复件数 ÷ 经质量检查的答复件数",
    formulaEn: "replies flagged boilerplate ÷ replies checked",
    higherIsBetter: false,
  },
};

const total = (c: Counters, keys: readonly Counter[]) => keys.reduce((s, k) => s + c[k], 0);

export interface RateParts {
  numerator: number;
  denominator: number;
}

export function rateParts(indicator: Indicator, c: Counters): RateParts {
  return { numerator: total(c, indicator.numerator), denominator: total(c, indicator.denominator) };
}

/** The raw rate in 0…1, or null when nothing was counted in the denominator. */
export function indicatorValue(id: IndicatorId, c: Counters): number | null {
  const { numerator, denominator } = rateParts(INDICATORS[id], c);
  return denominator === 0 ? null : numerator / denominator;
}
