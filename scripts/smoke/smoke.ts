/**
 * A walk through a running Wenzheng (deployed, or `npm start`), as a citizen, a partner site and a
 * newspaper would see it: health, a submission through the API, its routing to a department, the
 * public case page and JSON, the widget and the rankings. It writes one real case, so point it at
 * staging or a local instance, not at production.
 */
import { currentPeriod } from "../../shared/clocks/period";
import type { CaseStatus } from "../../shared/domain/case-model";

export interface SmokeStep {
  name: string;
  ms: number;
}

/** States a case reaches only after the 派单目录 (or a dispatcher) gave it a department. */
const ROUTED: readonly CaseStatus[] = ["assigned", "acknowledged", "replied", "closed"];

async function expectJson<T>(res: Response, what: string, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} (expected ${status}) ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function runSmoke(
  base: string,
  log: (line: string) => void,
  options: { routeTimeoutMs?: number } = {},
): Promise<SmokeStep[]> {
  const steps: SmokeStep[] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await run();
    const ms = Math.round(performance.now() - t0);
    steps.push({ name, ms });
    log(`✔ ${name} (${ms} ms)`);
    return value;
  };
  const url = (path: string) => new URL(path, base).toString();

  const health = await step("GET /healthz answers with D1 up", async () => {
    const res = await fetch(url("/healthz"));
    const body = (await res.json()) as { ok: boolean; db: string; deadLetters: number | null };
    if (body.db !== "ok") throw new Error(`/healthz: D1 is ${body.db}`);
    return body;
  });
  if (!health.ok) log(`  (healthz says not ok: ${JSON.stringify(health)})`);

  const meta = await step("GET /api/v1/meta lists regions and categories", async () => {
    const m = await expectJson<{
      regions: { code: string; parentCode: string | null }[];
      categories: { code: string }[];
    }>(await fetch(url("/api/v1/meta")), "meta");
    if (m.regions.length === 0 || m.categories.length === 0) throw new Error("meta: no regions or categories loaded");
    return m;
  });

  const region = meta.regions.find((r) => r.parentCode !== null) ?? meta.regions[0];
  const receipt = await step("POST /api/v1/cases accepts a submission", async () => {
    const res = await fetch(url("/api/v1/cases"), {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": `smoke-${crypto.randomUUID()}` },
      body: JSON.stringify({
        type: "consult",
        // A run of its own in the title: the same text from the same phone within a day is merged
        // into the earlier case (a resubmission), so a second smoke run would never be routed.
        title: `平台巡检：请忽略此条留言（${new Date().toISOString().slice(0, 19)}）`,
        body: "这是部署后的自动巡检留言，用于确认受理、分办和公开页面正常工作，无需答复。",
        regionCode: region?.code,
        category: meta.categories[0]?.code,
        phone: "13800000000",
        isPublic: true,
      }),
    });
    return expectJson<{ trackingNo: string; status: string }>(res, "submit", 201);
  });

  const deadline = Date.now() + (options.routeTimeoutMs ?? 120_000);
  const routed = await step("the case is routed to a department", async () => {
    for (;;) {
      const res = await fetch(url(`/api/v1/cases/${receipt.trackingNo}`));
      if (res.status === 200) {
        const view = (await res.json()) as { status: CaseStatus; department?: { id: string } };
        if (ROUTED.includes(view.status) && view.department) return view;
      }
      if (Date.now() > deadline) throw new Error(`case ${receipt.trackingNo} was not routed in time`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  });

  await step("the public JSON shows no contact data", async () => {
    const text = JSON.stringify(routed);
    if (text.includes("13800000000")) throw new Error("public view contains the phone number");
  });

  await step("GET /cases/{trackingNo} renders the public page", async () => {
    const res = await fetch(url(`/cases/${receipt.trackingNo}`));
    const html = await res.text();
    if (res.status !== 200 || !html.includes("平台巡检")) throw new Error(`case page: HTTP ${res.status}`);
    if (html.includes("13800000000")) throw new Error("case page shows the phone number");
  });

  await step("GET /api/v1/widget/cases/{trackingNo} answers the widget", async () => {
    const w = await expectJson<{ status: string }>(
      await fetch(url(`/api/v1/widget/cases/${receipt.trackingNo}`)),
      "widget",
    );
    if (!w.status) throw new Error("widget view has no status");
  });

  await step("GET /api/v1/rankings answers this month's ranking", async () => {
    const period = currentPeriod();
    const r = await expectJson<{ units: unknown[] }>(
      await fetch(url(`/api/v1/rankings?period=${period}&kind=department`)),
      "rankings",
    );
    if (!Array.isArray(r.units)) throw new Error("rankings: no units array");
  });
  log(`Smoke test passed against ${base}: case ${receipt.trackingNo} (${routed.status}).`);
  return steps;
}
