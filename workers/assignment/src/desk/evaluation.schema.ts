import * as z from "zod";
import { PERIOD_PATTERN } from "../../../../shared/clocks/period";
import { type FieldErrors, formText } from "../../../../shared/http/form-validator";
import { INDICATOR_IDS, INDICATORS } from "../../../../shared/scoring/indicators";

/** What the evaluation forms may send; strict, so extra fields are refused. */
const guard = { _csrf: z.string(), _key: z.string().optional() };

export const SCORE_FIELDS = ["leadership", "rules", "feedback", "acceptance"] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];
export const SCORE_LABELS: Record<ScoreField, string> = {
  leadership: "领导是否有力",
  rules: "制度是否健全",
  feedback: "反馈是否及时",
  acceptance: "结果是否认可",
};

const Score = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, "须为 0–100 的整数")
  .transform(Number)
  .pipe(z.int().max(100, "不能超过 100"));
const Comment = z.string().trim().max(500, "不能超过 500 字");
const Period = z.string().regex(PERIOD_PATTERN, "月份格式应为 YYYY-MM");

export interface PanelRow {
  departmentId: string;
  scores: Record<ScoreField, number>;
  comment: string | null;
}

export const scoreKey = (field: ScoreField | "comment", departmentId: string) => `${field}:${departmentId}`;

/**
 * The 评议打分 form for the given departments: four scores and a comment per department. A row
 * left entirely blank is not scored; a row with some scores missing is an error.
 */
export function panelForm(departmentIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = { ...guard, period: Period };
  for (const id of departmentIds) {
    for (const f of SCORE_FIELDS) shape[scoreKey(f, id)] = formText(Score.optional());
    shape[scoreKey("comment", id)] = formText(Comment.optional());
  }
  return z.strictObject(shape).transform((form, ctx) => {
    const rows: PanelRow[] = [];
    for (const id of departmentIds) {
      const values = SCORE_FIELDS.map((f) => form[scoreKey(f, id)]);
      const comment = form[scoreKey("comment", id)];
      const given = values.filter((v) => typeof v === "number");
      if (given.length === 0 && comment === undefined) continue;
      if (given.length < SCORE_FIELDS.length) {
        for (const f of SCORE_FIELDS) {
          if (typeof form[scoreKey(f, id)] !== "number")
            ctx.addIssue({ code: "custom", path: [scoreKey(f, id)], message: "请填写全部四项评分" });
        }
        continue;
      }
      const [leadership = 0, rules = 0, feedback = 0, acceptance = 0] = given as number[];
      rows.push({
        departmentId: id,
        scores: { leadership, rules, feedback, acceptance },
        comment: typeof comment === "string" && comment !== "" ? comment : null,
      });
    }
    return { period: String(form.period), rows };
  });
}

const NumberText = z
  .string()
  .trim()
  .regex(/^[-+]?\d+(\.\d+)?$/, "须为数字")
  .transform(Number);

export const GroupForm = z.strictObject({
  ...guard,
  name: formText(z.string().min(1, "不能为空").max(40, "不能超过 40 字")),
  weight: formText(NumberText.pipe(z.number().min(0, "不能为负数").max(1000, "不能大于 1000"))),
});
export const GroupEditForm = GroupForm.extend({ id: formText(z.string().min(1).max(64)) });
export const IdForm = z.strictObject({ ...guard, id: formText(z.string().min(1).max(64)) });
/** No group = take the evaluator out of every group. */
export const MemberForm = z.strictObject({
  ...guard,
  userId: formText(z.string().min(1).max(64)),
  groupId: formText(z.string().min(1).max(64).optional()),
});

export const weightKey = (id: string) => `w.${id}`;

/** The ranking form: numbers as typed; {@link RankingConfigSchema} judges the ranges afterwards. */
export const RankingForm = z
  .strictObject({
    ...guard,
    ...Object.fromEntries(INDICATOR_IDS.map((id) => [weightKey(id), formText(NumberText.optional())])),
    minSample: formText(NumberText),
    priorStrength: formText(NumberText),
    panelShare: formText(NumberText),
  })
  .transform((f) => {
    const weights: Record<string, unknown> = {};
    const typed: Record<string, unknown> = f;
    for (const id of INDICATOR_IDS) if (typed[weightKey(id)] !== undefined) weights[id] = typed[weightKey(id)];
    return { weights, minSample: f.minSample, priorStrength: f.priorStrength, panelShare: f.panelShare };
  });

export const FIELD_LABELS: Record<string, string> = {
  name: "名称",
  weight: "权重",
  minSample: "最少样本量",
  priorStrength: "先验强度",
  panelShare: "评议得分占比",
  userId: "评议员",
  groupId: "评议组",
  ...Object.fromEntries(INDICATOR_IDS.map((id) => [weightKey(id), `${INDICATORS[id].name}权重`])),
  weights: "指标权重",
};

/** Zod's own messages in Chinese for the few issues the settings forms can raise. */
export function zhIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "too_small") return `不能小于 ${String(issue.minimum)}`;
  if (issue.code === "too_big") return `不能大于 ${String(issue.maximum)}`;
  if (issue.code === "invalid_type") return issue.expected === "int" ? "须为整数" : "须为数字";
  if (issue.code === "unrecognized_keys") return "表单含有不认识的字段，请刷新后重试";
  return undefined;
}

/** A form's field errors as lines, naming each field in Chinese; form-wide ones (no field) as they are. */
export function fieldLines(errors: FieldErrors): string[] {
  return Object.entries(errors).map(([key, message]) =>
    key === "" ? `${message}。` : `${FIELD_LABELS[key] ?? key}：${message}`,
  );
}
