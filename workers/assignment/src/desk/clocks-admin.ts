import * as z from "zod";
import { LIMIT_UNITS, parseEscalation, STAGES } from "../../../../shared/clocks/time-limit-rules";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";

/** An edited time-limit rule. Empty limit = no limit (感谢); escalation JSON is checked by the ladder's own parser. */
export const RuleEditForm = z.strictObject({
  _csrf: z.string(),
  _key: z.string().optional(),
  limitValue: z.union([z.literal(""), z.coerce.number().int().min(1).max(365)]).optional(),
  unit: z.enum(LIMIT_UNITS),
  extensionCapDays: z.coerce.number().int().min(0).max(60),
  maxExtensions: z.coerce.number().int().min(0).max(5),
  returnWindowDays: z.union([z.literal(""), z.coerce.number().int().min(0).max(30)]).optional(),
  escalation: z
    .string()
    .optional()
    .refine((text) => {
      if (!text?.trim()) return true;
      try {
        parseEscalation(JSON.parse(text) as Record<string, number>);
        return true;
      } catch {
        return false;
      }
    }, '督办阶梯格式不正确，例如 {"remind50":0.5,"urge":1,"superviseAfterWorkingDays":2}'),
});

/** A rule for one category, overriding its type's general rule. */
export const RuleNewForm = z.strictObject({
  _csrf: z.string(),
  _key: z.string().optional(),
  messageType: z.enum(MESSAGE_TYPES),
  category: z.string().min(1).max(32),
  stage: z.enum(STAGES),
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
