import * as z from "zod";

const Day = z.iso.date();

/** The shape of `../shared/data/holidays-cn.json`: State Council holidays and 调休 working days. */
export const HolidayFile = z.object({
  source: z.string(),
  timezone: z.literal("Asia/Shanghai"),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({ holidays: z.record(z.string(), z.array(Day)), workdays: z.array(Day) }),
  ),
});
export type HolidayFile = z.infer<typeof HolidayFile>;

export interface CalendarDay {
  date: string;
  kind: "holiday" | "workday";
  name: string | null;
}

export function calendarDaysOf(file: HolidayFile): CalendarDay[] {
  return Object.values(file.years).flatMap((year) => [
    ...Object.entries(year.holidays).flatMap(([name, dates]) =>
      dates.map((date) => ({ date, kind: "holiday" as const, name })),
    ),
    ...year.workdays.map((date) => ({ date, kind: "workday" as const, name: "调休上班" })),
  ]);
}
