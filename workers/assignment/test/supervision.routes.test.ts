import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecord } from "../../../shared/case-record/client";
import { ConsoleClient } from "./console";
import { overdueCase, waitFor } from "./helpers";

describe("supervision (联动督查)", () => {
  it("shows late cases with each department's run, takes a hand-issued 督办 with a note, and prints it", async () => {
    const { caseId, trackingNo } = await overdueCase("pl-housing");
    const supervisor = await ConsoleClient.signIn("supervisor");
    const board = await (await supervisor.get("/console/overdue?department=pl-housing")).text();
    expect(board).toContain(trackingNo.slice(0, 4));
    expect(board).toContain("平凉市住房和城乡建设局");
    expect(board).toMatch(/超期 \d+ 天/);

    const desk = await (await supervisor.get(`/console/cases/${trackingNo}`)).text();
    expect(desk).toContain("已超期"); // the case's clocks, coloured, on the desk page
    expect(desk).toContain("城乡建设");
    const urged = await supervisor.post(`/console/cases/${trackingNo}/do/urge`, {
      level: "supervise",
      note: "请于三个工作日内答复并报督查室",
    });
    expect(urged.status).toBe(303);
    const events = await caseRecord(env, caseId).events();
    const manual = events.find((e) => e.type === "case.urged");
    expect(manual?.payload).toMatchObject({ level: "supervise", note: "请于三个工作日内答复并报督查室" });
    const ladder = events.filter((e) => e.type === "case.escalated").map((e) => e.payload.kind);
    expect(ladder).toEqual(["remind50", "remind75", "urge", "supervise", "notice"]);

    // The printable 督办单: for the supervision office and the department concerned, nobody else.
    await waitFor(() => env.DB.prepare("SELECT 1 AS ok FROM case_events WHERE event_id = ?").bind(manual?.id).first());
    const sheet = await (await supervisor.get(`/console/notices/${manual?.id}`)).text();
    expect(sheet).toContain("平凉市网络问政督办单");
    expect(sheet).toContain("请于三个工作日内答复并报督查室");
    const housing = await ConsoleClient.signIn("pl-housing-handler");
    expect((await housing.get(`/console/notices/${manual?.id}`)).status).toBe(200);
    const transport = await ConsoleClient.signIn("pl-transport-handler");
    expect((await transport.get(`/console/notices/${manual?.id}`)).status).toBe(404);
  });

  it("keeps the board and manual urging from departments", async () => {
    const { trackingNo } = await overdueCase("pl-housing");
    const handler = await ConsoleClient.signIn("pl-housing-handler");
    expect((await handler.get("/console/overdue")).status).toBe(403);
    await handler.get(`/console/cases/${trackingNo}`);
    expect(
      (await handler.post(`/console/cases/${trackingNo}/do/urge`, { level: "urge", note: "自己催自己" })).status,
    ).toBe(403);
  });
});
