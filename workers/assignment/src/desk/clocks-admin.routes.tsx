import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { createCalendar, yearCoverage } from "../../../../shared/clocks/calendar";
import { getDb } from "../../../../shared/db/case-queries";
import { calendarDays, calendarVersions, categories, timeLimitRules } from "../../../../shared/db/schema";
import { type CalendarSummary, ClocksAdminPage } from "../console/clocks-admin-page";
import { formObject } from "./admin.schema";
import { parseCalendarLines, RuleEditForm, RuleNewForm } from "./clocks-admin";
import type { DeskEnv } from "./session";

/** 限时办结 settings (admins only; mounted behind the admin guard). */
export const clocksAdmin = new Hono<DeskEnv>();

async function calendarSummaries(db: D1Database, thisYear: number): Promise<CalendarSummary[]> {
  const d = getDb(db);
  const versions = await d.select().from(calendarVersions).orderBy(desc(calendarVersions.version)).limit(5);
  return Promise.all(
    versions.map(async (v) => {
      const days = await d
        .select({ date: calendarDays.date, kind: calendarDays.kind })
        .from(calendarDays)
        .where(eq(calendarDays.version, v.version));
      const cal = createCalendar({ version: v.version, days });
      const years = [...new Set([...cal.officialYears, thisYear, thisYear + 1])].sort();
      return { ...v, years: years.map((year) => ({ year, coverage: yearCoverage(cal, year) })) };
    }),
  );
}

async function render(c: Context<DeskEnv>, error?: string, status: 200 | 400 = 200) {
  const d = getDb(c.env.DB);
  const [rules, cats] = await Promise.all([
    d
      .select()
      .from(timeLimitRules)
      .orderBy(asc(timeLimitRules.messageType), asc(timeLimitRules.category), asc(timeLimitRules.stage)),
    d.select().from(categories).orderBy(asc(categories.code)),
  ]);
  const calendars = await calendarSummaries(c.env.DB, new Date().getUTCFullYear());
  return c.html(
    <ClocksAdminPage staff={c.get("staff")} rules={rules} categories={cats} calendars={calendars} error={error} />,
    status,
  );
}

clocksAdmin.get("/console/admin/clocks", (c) => render(c));

clocksAdmin.post("/console/admin/clocks/rules/:id", async (c) => {
  const parsed = RuleEditForm.safeParse(formObject(await c.req.parseBody()));
  if (!parsed.success) return render(c, `规则有误：${parsed.error.issues.map((i) => i.message).join("；")}`, 400);
  const f = parsed.data;
  const updated = await getDb(c.env.DB)
    .update(timeLimitRules)
    .set({
      limitValue: f.limitValue === "" || f.limitValue === undefined ? null : f.limitValue,
      unit: f.unit,
      extensionCapDays: f.extensionCapDays,
      maxExtensions: f.maxExtensions,
      returnWindowDays: f.returnWindowDays === "" || f.returnWindowDays === undefined ? null : f.returnWindowDays,
      escalation: f.escalation?.trim() ? (JSON.parse(f.escalation) as Record<string, number>) : null,
    })
    .where(eq(timeLimitRules.id, c.req.param("id")))
    .returning({ id: timeLimitRules.id });
  if (updated.length === 0) return render(c, "没有这条规则。", 400);
  return c.redirect("/console/admin/clocks#rules", 303);
});

clocksAdmin.post("/console/admin/clocks/rules", async (c) => {
  const parsed = RuleNewForm.safeParse(formObject(await c.req.parseBody()));
  if (!parsed.success) return render(c, "请选择类型、分类和环节。", 400);
  const f = parsed.data;
  const d = getDb(c.env.DB);
  const [general] = await d
    .select()
    .from(timeLimitRules)
    .where(
      and(
        eq(timeLimitRules.messageType, f.messageType),
        isNull(timeLimitRules.category),
        eq(timeLimitRules.stage, f.stage),
      ),
    );
  if (!general) return render(c, "该类型没有通用规则可复制。", 400);
  await d
    .insert(timeLimitRules)
    .values({ ...general, id: `${f.messageType}-${f.category}-${f.stage}`, category: f.category })
    .onConflictDoNothing();
  return c.redirect("/console/admin/clocks#rules", 303);
});

clocksAdmin.post("/console/admin/clocks/calendar", async (c) => {
  const form = formObject(await c.req.parseBody());
  const note = form.note?.trim().slice(0, 200);
  const parsed = parseCalendarLines(form.lines ?? "");
  if (!note) return render(c, "请填写来源说明。", 400);
  if (!parsed.ok) return render(c, `第 ${parsed.badLines.join("、")} 行格式不正确。`, 400);
  const d = getDb(c.env.DB);
  const [latest] = await d
    .select({ version: calendarVersions.version })
    .from(calendarVersions)
    .orderBy(desc(calendarVersions.version))
    .limit(1);
  const previous = latest
    ? await d
        .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
        .from(calendarDays)
        .where(eq(calendarDays.version, latest.version))
    : [];
  const merged = new Map(previous.map((day) => [day.date, day]));
  for (const line of parsed.lines) merged.set(line.date, line);
  try {
    createCalendar({ version: 0, days: [...merged.values()] }); // refuses contradictions before anything is written
  } catch (e) {
    return render(c, `日历有误：${e instanceof Error ? e.message : "无法建立日历"}`, 400);
  }
  const version = (latest?.version ?? 0) + 1;
  const rows = [...merged.values()].map((day) => ({ version, date: day.date, kind: day.kind, name: day.name ?? null }));
  // The version row goes last: until it exists, the new days are invisible to every reader.
  for (let i = 0; i < rows.length; i += 20)
    await d
      .insert(calendarDays)
      .values(rows.slice(i, i + 20))
      .onConflictDoNothing();
  await d.insert(calendarVersions).values({ version, note, createdAt: new Date().toISOString() });
  return c.redirect("/console/admin/clocks#calendar", 303);
});
