import { expect } from "vitest";
import type { ImportItem, ImportResponse } from "../../shared/import/import-item.schema";
import { http, IMPORT_TOKEN, waitFor } from "./platform";

const DAY = 86_400_000;
const importBatch = (items: ImportItem[]) =>
  http("/api/v1/import/cases", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${IMPORT_TOKEN}` },
    body: JSON.stringify({ source: "e2e-board", items }),
  });

/**
 * A city's earlier board brought in through the real Workers: imported whole with its original
 * times, shown and verifiable, counted in its month's ranking; an open one then supported today.
 */
export async function walkImport(): Promise<void> {
  const answered: ImportItem = {
    messageId: "2019-0001",
    submittedAt: "2026-06-10T10:00:00+08:00",
    type: "complaint",
    title: "崆峒区某企业拖欠农民工工资",
    body: "我们在崆峒区某工地务工半年，企业至今拖欠工资三万余元，多次讨要无果，请求劳动监察部门介入。",
    regionCode: "620802",
    departmentId: "pl-hrss",
    supporters: 4,
    reply: {
      text: "经劳动保障监察大队调查核实，该企业已于6月12日将拖欠工资全部支付到位，我局将持续跟踪。",
      at: "2026-06-12T16:30:00+08:00",
      outcome: "resolved",
    },
  };
  const open: ImportItem = {
    messageId: "2019-0002",
    submittedAt: new Date(Date.now() - DAY).toISOString(),
    type: "help",
    title: "泾川县社保卡补办进度查询",
    body: "上个月在泾川县政务大厅申请补办社保卡，至今没有消息，请问办理进度如何查询？",
    regionCode: "620821",
    departmentId: "pl-hrss",
    supporters: 2,
  };
  const first = (await (await importBatch([answered, open])).json()) as ImportResponse;
  expect(first.results.map((r) => r.status)).toEqual(["imported", "imported"]);
  const again = (await (await importBatch([answered, open])).json()) as ImportResponse;
  expect(again.results.map((r) => r.status)).toEqual(["already", "already"]);
  const [closedNo, openNo] = first.results.map((r) => r.trackingNo ?? "");

  const view = await waitFor(
    "the imported case in the public view",
    async () => (await http(`/api/v1/cases/${closedNo}`)).json() as Promise<Record<string, unknown>>,
    (v) => v.status === "closed",
    20_000,
  );
  expect(view).toMatchObject({
    submittedAt: "2026-06-10T10:00:00+08:00",
    supporters: 4,
    rating: "unrated",
    department: { id: "pl-hrss" },
    reply: { publishedAt: "2026-06-12T16:30:00+08:00", outcome: "resolved" },
  });
  expect((view.reply as { spokesperson: { title: string } }).spokesperson.title).toContain("网络发言人");
  const verified = (await (await http(`/api/v1/cases/${closedNo}/verify`)).json()) as { valid: boolean };
  expect(verified.valid).toBe(true);

  const hrss = await waitFor(
    "June's ranking to count the imported case",
    async () => {
      const body = (await (await http("/api/v1/rankings?period=2026-06&kind=department")).json()) as {
        units: { unitId: string; sample: number; responseRate: number | null }[];
      };
      return body.units.find((u) => u.unitId === "pl-hrss");
    },
    (u) => (u?.sample ?? 0) >= 1,
    30_000,
  );
  expect(hrss?.responseRate).toBe(1);

  await waitFor(
    "the open imported case to be projected",
    async () => (await http(`/api/v1/cases/${openNo}`)).status,
    (s) => s === 200,
    20_000,
  );
  const supported = await http(`/api/v1/cases/${openNo}/support`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `e2e-support-${Date.now()}` },
    body: JSON.stringify({ phone: "13600001234" }),
  });
  expect(await supported.json()).toEqual({ supporters: 3 });
}
