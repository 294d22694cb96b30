import { Hono } from "hono";
import { currentPeriod, previousPeriod } from "../../../../shared/clocks/period";
import { loadMeta } from "../../../../shared/db/case-queries";
import { unitCounters } from "../../../../shared/db/evaluation-queries";
import { portalLang, text } from "../../../../shared/ui/i18n";
import { DepartmentPage, DepartmentsPage } from "../pages/departments-page";
import { NotFoundPage } from "../pages/portal-parts";
import { departmentReplies, publicDepartments, spokespeopleOf } from "../public-queries";

/** The departments in public: this month's 三率 for each, and a page per department. */
export const departmentPages = new Hono<{ Bindings: IntakeEnv }>();

departmentPages.get("/", async (c) => {
  const period = currentPeriod();
  const [departments, counters] = await Promise.all([
    publicDepartments(c.env.DB),
    unitCounters(c.env.DB, period, "department"),
  ]);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<DepartmentsPage period={period} departments={departments} counters={counters} />);
});

departmentPages.get("/:id", async (c) => {
  const id = c.req.param("id");
  const departments = await publicDepartments(c.env.DB);
  const department = departments.find((d) => d.id === id);
  if (!department) return c.html(<NotFoundPage message={text(portalLang()).deptNotFound} />, 404);
  const period = currentPeriod();
  const last = previousPeriod(period);
  const [now, before, spokespeople, replies, meta] = await Promise.all([
    unitCounters(c.env.DB, period, "department"),
    unitCounters(c.env.DB, last, "department"),
    spokespeopleOf(c.env.DB, id),
    departmentReplies(c.env.DB, id, 10),
    loadMeta(c.env.DB),
  ]);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(
    <DepartmentPage
      department={department}
      months={[
        { period, counters: now.get(id) },
        { period: last, counters: before.get(id) },
      ]}
      spokespeople={spokespeople}
      replies={replies}
      names={{
        departments: new Map(departments.map((d) => [d.id, d.name])),
        regions: new Map(meta.regions.map((r) => [r.code, r.name])),
      }}
    />,
  );
});
