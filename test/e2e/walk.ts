import { expect } from "vitest";
import { formToken, type Staff, testId, waitFor } from "./platform";

/** Where a walk runs: the platform's HTTP, its D1 and a staff sign-in (wrangler dev or the self-hosted target). */
export interface WalkSite {
  http(pathname: string, init?: RequestInit): Promise<Response>;
  d1<T>(sql: string): Promise<T[]>;
  signIn(username: string): Promise<Staff>;
}

/**
 * The platform's main walk: a message posted through the form is routed by the 派单目录,
 * acknowledged, answered, published under the spokesperson's name, rated by the citizen and counted
 * in the month's ranking.
 */
export async function walkCase({ http, d1, signIn }: WalkSite): Promise<void> {
  const token = formToken(await (await http("/submit")).text());
  const fields = new URLSearchParams({
    type: "complaint",
    title: "柳湖街道小区路灯不亮",
    body: "小区路灯坏了两个多月，晚上出行不安全，请尽快维修。",
    regionCode: "620802",
    category: "urban_rural",
    phone: "13811112222",
    name: "李女士",
    isPublic: "true",
    formToken: token,
  });
  const receipt = await (await http("/submit", { method: "POST", body: fields })).text();
  const trackingNo = testId(receipt, "tracking-no").replaceAll("-", "");
  const queryCode = testId(receipt, "query-code");
  const statusOf = async () =>
    (
      await d1<{ status: string; department_id: string | null }>(
        `SELECT status, department_id FROM cases WHERE tracking_no = '${trackingNo}'`,
      )
    )[0];
  expect(await waitFor("routing to the housing bureau", statusOf, (r) => r?.status === "assigned", 20_000)).toEqual({
    status: "assigned",
    department_id: "pl-housing",
  });

  const handler = await signIn("pl-housing-handler");
  expect(await handler.page("/console/inbox")).toContain(trackingNo.slice(0, 4));
  await handler.act(trackingNo, "acknowledge");
  await handler.act(trackingNo, "draftReply", {
    text: "经现场核实，路灯线路老化，已于本周更换，感谢您的监督。",
    outcome: "resolved",
    outcomeNote: "",
  });
  const spokesperson = await signIn("pl-housing-spokesperson");
  await spokesperson.act(trackingNo, "publishReply");

  await waitFor("the reply in the read model", statusOf, (r) => r?.status === "replied", 15_000);
  const page = await (await http(`/cases/${trackingNo}`)).text();
  expect(page).toContain("已于本周更换");
  expect(page).toContain("王建国");
  expect(page).toContain("市住建局副局长、网络发言人");
  expect(page).not.toContain("13811112222");
  expect(page).not.toContain("李女士");
  expect(page).not.toContain("承办人");

  // The citizen rates the reply on their own page; the evaluation Worker counts it into the month's ranking.
  const ranking = async () => {
    const body = (await (await http("/api/v1/rankings?kind=department")).json()) as {
      units: { unitId: string; satisfactionRate: number | null; resolutionRate: number | null }[];
    };
    return body.units.find((u) => u.unitId === "pl-housing");
  };
  const before = await ranking();
  const rated = await http(`/cases/${trackingNo}/rating`, {
    method: "POST",
    body: new URLSearchParams({
      queryCode,
      formKey: crypto.randomUUID(),
      resolution: "solved",
      rating: "satisfied",
      comment: "修好了",
    }),
  });
  expect(await rated.text()).toContain("感谢您的评价");
  const countedRatings = `SELECT COUNT(*) AS n FROM rollup_applied a JOIN case_events e ON e.event_id = a.event_id
      JOIN cases c ON c.case_id = e.case_id WHERE c.tracking_no = '${trackingNo}' AND e.type = 'case.rated'`;
  expect(
    await waitFor(
      "the rating in the rollups",
      async () => (await d1<{ n: number }>(countedRatings))[0]?.n,
      (n) => n === 1,
      15_000,
    ),
  ).toBe(1);
  const after = await ranking();
  expect(after?.satisfactionRate).not.toBeNull();
  expect(after?.satisfactionRate ?? 0).toBeGreaterThanOrEqual(before?.satisfactionRate ?? 0);
}
