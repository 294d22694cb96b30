import { type Context, Hono } from "hono";
import { createCalendar, yearCoverage } from "../../../../shared/clocks/calendar";
import { currentPeriod } from "../../../../shared/clocks/period";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { type CalendarSummary, ClocksAdminPage } from "../console/clocks-admin-page";
import { audited } from "./audit";
import { CalendarForm, RuleEditForm, RuleNewForm } from "./clocks-admin";
import {
  calendarDaysOf,
  copyOfGeneralRule,
  findRule,
  insertRule,
  recentCalendarVersions,
  rulesAndCategories,
  saveCalendarVersion,
  updateRule,
} from "./clocks-admin-queries";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** 限时办结 settings (admins only). */
export const clocksAdmin = new Hono<DeskEnv>();
clocksAdmin.use(requirePermission("admin.manage"));

async function calendarSummaries(db: D1Database, thisYear: number): Promise<CalendarSummary[]> {
  const versions = await recentCalendarVersions(db, 5);
  return Promise.all(
    versions.map(async (v) => {
      const cal = createCalendar({ version: v.version, days: await calendarDaysOf(db, v.version) });
      const years = [...new Set([...cal.officialYears, thisYear, thisYear + 1])].sort();
      return { ...v, years: years.map((year) => ({ year, coverage: yearCoverage(cal, year) })) };
    }),
  );
}

async function render(c: Context<DeskEnv>, error?: string, status: 200 | 400 = 200) {
  const [{ rules, categories }, calendars] = await Promise.all([
    rulesAndCategories(c.env.DB),
    calendarSummaries(c.env.DB, Number(currentPeriod().slice(0, 4))),
  ]);
  return c.html(
    <ClocksAdminPage
      staff={c.get("staff")}
      rules={rules}
      categories={categories}
      calendars={calendars}
      error={error}
    />,
    status,
  );
}

clocksAdmin.get("/", (c) => render(c));

clocksAdmin.post(
  "/rules/:id",
  formValidator(RuleEditForm, (c: Context<DeskEnv>, errors) =>
    render(c, consoleText().ruleError(Object.values(errors).join(consoleText().issueSeparator)), 400),
  ),
  async (c) => {
    const f = c.req.valid("form");
    const id = c.req.param("id");
    const before = await findRule(c.env.DB, id);
    if (!before) return render(c, consoleText().noSuchRule, 400);
    const set = {
      limitValue: f.limitValue ?? null,
      unit: f.unit,
      extensionCapDays: f.extensionCapDays,
      maxExtensions: f.maxExtensions,
      returnWindowDays: f.returnWindowDays ?? null,
      escalation: f.escalation,
    };
    await audited(
      c,
      { action: "time-limit.update", entity: "time-limit", entityId: id, before, after: { ...before, ...set } },
      [updateRule(c.env.DB, id, set)],
    );
    return c.redirect("/console/admin/clocks#rules", 303);
  },
);

clocksAdmin.post(
  "/rules",
  formValidator(RuleNewForm, (c: Context<DeskEnv>) => render(c, consoleText().chooseRule, 400)),
  async (c) => {
    const rule = await copyOfGeneralRule(c.env.DB, c.req.valid("form"));
    if (!rule) return render(c, consoleText().noGeneralRule, 400);
    await audited(c, { action: "time-limit.create", entity: "time-limit", entityId: rule.id, after: rule }, [
      insertRule(c.env.DB, rule),
    ]);
    return c.redirect("/console/admin/clocks#rules", 303);
  },
);

clocksAdmin.post(
  "/calendar",
  formValidator(CalendarForm, (c: Context<DeskEnv>, errors) =>
    render(c, errors.note ?? errors.lines ?? "表单内容不正确。", 400),
  ),
  async (c) => {
    const { note, lines } = c.req.valid("form");
    const [latest] = await recentCalendarVersions(c.env.DB, 1);
    const merged = new Map((latest ? await calendarDaysOf(c.env.DB, latest.version) : []).map((d) => [d.date, d]));
    for (const line of lines) merged.set(line.date, line);
    try {
      createCalendar({ version: 0, days: [...merged.values()] }); // refuses contradictions before anything is written
    } catch (e) {
      return render(
        c,
        consoleText().calendarError(e instanceof Error ? e.message : consoleText().calendarImpossible),
        400,
      );
    }
    const version = { version: (latest?.version ?? 0) + 1, note, createdAt: new Date().toISOString() };
    await audited(
      c,
      {
        action: "calendar.create",
        entity: "calendar",
        entityId: String(version.version),
        after: { ...version, changed: lines },
      },
      saveCalendarVersion(c.env.DB, version, [...merged.values()]),
    );
    return c.redirect("/console/admin/clocks#calendar", 303);
  },
);
