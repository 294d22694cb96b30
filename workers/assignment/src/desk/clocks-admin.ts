import * as z from "zod";
import { LIMIT_UNITS, parseEscalation, STAGES } from "../../../../shared/clocks/time-limit-rules";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { formText } from "../../../../shared/http/form-validator";

/** An edited time-limit rule. Empty limit = no limit (感谢); escalation JSON is checked by the ladder's own parser. */
export const RuleEditForm = z.strictObject({
  _csrf: z.string(),
  _key: z.string().optional(),
  limitValue: formText(z.coerce.number().int().min(1).max(365).optional()),
  unit: formText(z.enum(LIMIT_UNITS)),
  extensionCapDays: formText(z.coerce.number().int().min(0).max(60)),
  maxExtensions: formText(z.coerce.number().int().min(0).max(5)),
  returnWindowDays: formText(z.coerce.number().int().min(0).max(30).optional()),
  escalation: formText(
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return null;
        try {
          const ladder = JSON.parse(text) as Record<string, number>;
          parseEscalation(ladder); // throws on a ladder the clocks could not follow
          return ladder;
        } catch {
          ctx.addIssue({
            code: "custom",
            message: '督办阶梯格式不正确，例如 {"remind50":0.5,"urge":1,"superviseAfterWorkingDays":2}',
          });
          return z.NEVER;
        }
      }),
  ),
});

/** A rule for one category, overriding its type's general rule. */
export const RuleNewForm = z.strictObject({
  _csrf: z.string(),
  _key: z.string().optional(),
  messageType: formText(z.enum(MESSAGE_TYPES)),
  category: formText(z.string().min(1).max(32)),
  stage: formText(z.enum(STAGES)),
});

/** A new calendar version: where its dates come from, and the lines that change the previous one. */
export const CalendarForm = z.object({
  note: formText(z.string("请填写来源说明。").transform((note) => note.slice(0, 200))),
  lines: z
    .string()
    .catch("")
    .transform((text, ctx) => {
      const parsed = parseCalendarLines(text);
      if (parsed.ok) return parsed.lines;
      ctx.addIssue({ code: "custom", message: `第 ${parsed.badLines.join("、")} 行格式不正确。` });
      return z.NEVER;
    }),
});

const LINE = /^(\d{4}-\d{2}-\d{2})\s+(holiday|workday)(?:\s+(.{1,20}))?$/;

export interface CalendarLine {
  date: string;
  kind: "holiday" | "workday";
  name: string | null;
}

/**
 * Lines an admin pastes to make a new calendar version, e.g. when the State Council publishes next
 * year's holidays: `2027-02-06 holiday 春节` or `2027-02-14 workday`. Returns the lines or the
 * numbers of the lines that are wrong.
 */
export function parseCalendarLines(
  text: string,
): { ok: true; lines: CalendarLine[] } | { ok: false; badLines: number[] } {
  const lines: CalendarLine[] = [];
  const badLines: number[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = LINE.exec(line);
    const date = m?.[1];
    if (!m || !date || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      badLines.push(i + 1);
      continue;
    }
    lines.push({
      date,
      kind: m[2] as CalendarLine["kind"],
      name: m[3]?.trim() ?? (m[2] === "workday" ? "调休上班" : null),
    });
  }
  if (badLines.length || lines.length === 0) return { ok: false, badLines: badLines.length ? badLines : [0] };
  return { ok: true, lines };
}
