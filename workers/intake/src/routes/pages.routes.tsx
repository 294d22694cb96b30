import { Hono } from "hono";
import { currentPeriod } from "../../../../shared/clocks/period";
import { departmentNames, loadMeta } from "../../../../shared/db/case-queries";
import { comingInterviews, summaryOf } from "../interviews/interview-queries";
import { recentNotices } from "../notice-queries";
import { HomePage } from "../pages/home-page";
import { NoticesPage } from "../pages/notices-page";
import { SITE_CSS } from "../pages/site-css";
import { SpokespeoplePage } from "../pages/spokespeople-page";
import { cityCounters, latestReplies, limitsByType, publicDepartments, spokespeopleOf } from "../public-queries";

/** The portal's small pages, each mounted at its own path: home, stylesheet, spokespeople and 通报. */
export const home = new Hono<{ Bindings: IntakeEnv }>();
export const siteAssets = new Hono<{ Bindings: IntakeEnv }>();
export const notices = new Hono<{ Bindings: IntakeEnv }>();
export const spokespeople = new Hono<{ Bindings: IntakeEnv }>();

siteAssets.get("/site.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(SITE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});

home.get("/", async (c) => {
  const period = currentPeriod();
  const nowMs = Date.now();
  const [counters, limits, replies, departmentList, meta, coming, deptNames] = await Promise.all([
    cityCounters(c.env.DB, period),
    limitsByType(c.env.DB),
    latestReplies(c.env.DB, 5),
    publicDepartments(c.env.DB),
    loadMeta(c.env.DB),
    comingInterviews(c.env.DB, nowMs),
    departmentNames(c.env.DB),
  ]);
  const interviews = coming.map((r) => summaryOf(r, deptNames, nowMs));
  const names = {
    departments: new Map(departmentList.map((d) => [d.id, d.name])),
    regions: new Map(meta.regions.map((r) => [r.code, r.name])),
  };
  c.header("Cache-Control", "public, max-age=60");
  return c.html(
    <HomePage
      period={period}
      counters={counters}
      limits={limits}
      replies={replies}
      names={names}
      interviews={interviews}
      nowMs={nowMs}
    />,
  );
});

notices.get("/", async (c) => {
  const rows = await recentNotices(c.env.DB);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<NoticesPage notices={rows} />);
});

spokespeople.get("/", async (c) => {
  const rows = await spokespeopleOf(c.env.DB);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<SpokespeoplePage entries={rows} />);
});
