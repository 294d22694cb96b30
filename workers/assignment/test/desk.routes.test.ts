import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { ConsoleClient } from "./console";
import { caseAt, eventCount, waitFor } from "./helpers";

describe("staff sign-in", () => {
  it("never says which part was wrong, and signs in with a hardened cookie", async () => {
    const client = new ConsoleClient("10.1.1.1");
    const wrongPassword = await client.login("dispatcher", "not-the-password");
    const unknownUser = await client.login("nobody-here", "not-the-password");
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.text()).toContain("用户名或密码不正确");
    expect(await unknownUser.text()).toContain("用户名或密码不正确");

    const ok = await client.login("dispatcher", "pingliang-demo");
    expect(ok.status).toBe(303);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("wz_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it("refuses a sign-in form without its double-submit token", async () => {
    const client = new ConsoleClient("10.1.1.2");
    const res = await client.post(
      "/console/login",
      { username: "dispatcher", password: "pingliang-demo" },
      { withCsrf: false },
    );
    expect(res.status).toBe(403);
  });

  it("makes an account that keeps failing wait, before the password is even checked", async () => {
    const client = new ConsoleClient("10.1.1.3");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.login("nobody-guessed", "guess")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it("sends a visitor without a session to the sign-in page, and a revoked session stops working", async () => {
    const stranger = new ConsoleClient("10.1.1.4");
    const res = await stranger.get("/console/dispatch");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/console/login");

    const client = await ConsoleClient.signIn("dispatcher");
    expect((await client.get("/console/dispatch")).status).toBe(200);
    const stolen = client.snapshotCookies();
    expect((await client.post("/console/logout", {})).status).toBe(303);
    const replayed = new ConsoleClient("10.1.1.5");
    replayed.restoreCookies(stolen);
    expect((await replayed.get("/console/dispatch")).status).toBe(303);
  });
});

describe("the desk", () => {
  it("walks a case: dispatcher assigns, handler acknowledges and drafts, spokesperson publishes under their public name", async () => {
    const { caseId, trackingNo } = await caseAt("accepted");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect(await (await dispatcher.get("/console/dispatch")).text()).toContain(trackingNo.slice(0, 4));
    await dispatcher.get(`/console/cases/${trackingNo}`);
    const assigned = await dispatcher.post(`/console/cases/${trackingNo}/do/assign`, {
      departmentId: "pl-housing",
      coDepartmentIds: ["pl-urban-management"],
      note: "请核实",
    });
    expect(assigned.status).toBe(303);

    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = 'assigned'").bind(caseId).first(),
    );
    const handler = await ConsoleClient.signIn("pl-housing-handler");
    const inbox = await (await handler.get("/console/inbox")).text();
    expect(inbox).toContain(trackingNo.slice(0, 4));
    await handler.get(`/console/cases/${trackingNo}`);
    expect((await handler.post(`/console/cases/${trackingNo}/do/acknowledge`, {})).status).toBe(303);
    await handler.get(`/console/cases/${trackingNo}`);
    const draft = await handler.post(`/console/cases/${trackingNo}/do/draftReply`, {
      text: "经核实，<b>路灯</b>已于本周修复。",
      outcome: "resolved",
      outcomeNote: "",
    });
    expect(draft.status).toBe(303);

    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND draft_text IS NOT NULL").bind(caseId).first(),
    );
    const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
    expect(await (await spokesperson.get("/console/review")).text()).toContain(trackingNo.slice(0, 4));
    const page = await (await spokesperson.get(`/console/cases/${trackingNo}`)).text();
    expect(page).toContain("&lt;b&gt;路灯&lt;/b&gt;");
    expect((await spokesperson.act(trackingNo, "publishReply")).status).toBe(303);

    const state = await caseRecordStub(env, caseId).read();
    expect(state).toMatchObject({
      status: "replied",
      coDepartmentIds: ["pl-urban-management"],
      reply: { spokesperson: { name: "王建国", title: "市住建局副局长、网络发言人" }, outcome: "resolved" },
    });
    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND reply_spokesperson_name = '王建国'")
        .bind(caseId)
        .first(),
    );
  });

  it("answers another department's case with 404 and changes nothing", async () => {
    const { caseId, trackingNo } = await caseAt("assigned", "pl-housing");
    const other = await ConsoleClient.signIn("pl-transport-handler");
    expect((await other.get(`/console/cases/${trackingNo}`)).status).toBe(404);
    await other.get("/console/inbox");
    const before = await eventCount(caseId);
    expect((await other.post(`/console/cases/${trackingNo}/do/acknowledge`, {})).status).toBe(404);
    expect(await eventCount(caseId)).toBe(before);
  });

  it("refuses a post without the CSRF token, a wrong role, a stale state and a missing reason, appending nothing", async () => {
    const { caseId, trackingNo } = await caseAt("assigned", "pl-housing");
    const handler = await ConsoleClient.signIn("pl-housing-handler");
    await handler.get(`/console/cases/${trackingNo}`);
    const before = await eventCount(caseId);

    const noCsrf = await handler.post(`/console/cases/${trackingNo}/do/acknowledge`, {}, { withCsrf: false });
    expect(noCsrf.status).toBe(403);
    const wrongRole = await handler.post(`/console/cases/${trackingNo}/do/accept`, {});
    expect(wrongRole.status).toBe(403);
    const noReason = await handler.post(`/console/cases/${trackingNo}/do/returnCase`, { reason: "" });
    expect(noReason.status).toBe(400);
    const overCap = await handler.post(`/console/cases/${trackingNo}/do/requestExtension`, {
      reason: "需要现场勘查",
      workingDays: "11",
    });
    expect(overCap.status).toBe(400);
    const massAssigned = await handler.post(`/console/cases/${trackingNo}/do/bogus`, { status: "closed" });
    expect(massAssigned.status).toBe(400);
    expect(await eventCount(caseId)).toBe(before);

    expect((await handler.post(`/console/cases/${trackingNo}/do/acknowledge`, {})).status).toBe(303);
    const stale = await handler.post(`/console/cases/${trackingNo}/do/acknowledge`, {});
    expect(stale.status).toBe(409);
    expect(await eventCount(caseId)).toBe(before + 1);
  });

  it("rules on returns: a rejected return goes back to the same department; after two returns the dispatch is final", async () => {
    const { caseId, trackingNo } = await caseAt("returned", "pl-housing");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    await dispatcher.get(`/console/cases/${trackingNo}`);
    expect(
      (await dispatcher.post(`/console/cases/${trackingNo}/do/rejectReturn`, { note: "属于本单位职责" })).status,
    ).toBe(303);
    expect(await caseRecordStub(env, caseId).read()).toMatchObject({ status: "assigned", departmentId: "pl-housing" });

    const handler = await ConsoleClient.signIn("pl-housing-handler");
    await handler.get(`/console/cases/${trackingNo}`);
    expect(
      (await handler.post(`/console/cases/${trackingNo}/do/returnCase`, { reason: "仍不属于本单位" })).status,
    ).toBe(303);
    await dispatcher.get(`/console/cases/${trackingNo}`);
    expect(
      (await dispatcher.post(`/console/cases/${trackingNo}/do/assign`, { departmentId: "pl-urban-management" })).status,
    ).toBe(303);
    expect(await caseRecordStub(env, caseId).read()).toMatchObject({
      departmentId: "pl-urban-management",
      returnCount: 2,
      finalDispatch: true,
    });

    const urban = await ConsoleClient.signIn("pl-urban-management-handler");
    const page = await (await urban.get(`/console/cases/${trackingNo}`)).text();
    expect(page).not.toContain("/do/returnCase");
    expect((await urban.post(`/console/cases/${trackingNo}/do/returnCase`, { reason: "想再退回" })).status).toBe(409);
  });

  it("approves an extension request", async () => {
    const { caseId, trackingNo } = await caseAt("acknowledged", "pl-housing");
    const handler = await ConsoleClient.signIn("pl-housing-handler");
    await handler.get(`/console/cases/${trackingNo}`);
    expect(
      (
        await handler.post(`/console/cases/${trackingNo}/do/requestExtension`, {
          reason: "需要协调供电公司",
          workingDays: "5",
        })
      ).status,
    ).toBe(303);
    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND pending_extension_days = 5").bind(caseId).first(),
    );
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect(await (await dispatcher.get("/console/dispatch")).text()).toContain("申请延期 5 个工作日");
    await dispatcher.get(`/console/cases/${trackingNo}`);
    expect(
      (await dispatcher.post(`/console/cases/${trackingNo}/do/decideExtension`, { approved: "yes", note: "同意" }))
        .status,
    ).toBe(303);
    expect(await caseRecordStub(env, caseId).read()).toMatchObject({ extensionCount: 1, pendingExtension: null });
  });
});

describe("leader mailboxes", () => {
  it("reach the leader's office, which sees a summary of its own mailbox only", async () => {
    const { submitCase } = await import("./helpers");
    const message = await submitCase({
      addressee: "mayor",
      phone: "13900000042",
      title: "致市长：老旧小区加装电梯",
      body: "建议市政府出台老旧小区加装电梯补贴政策，方便老年人出行。",
    });
    const { createExecutionContext, createMessageBatch, getQueueResult } = await import("cloudflare:test");
    const { default: entry } = await import("../src/index");
    const worker: Required<Pick<ExportedHandler<AssignmentEnv>, "queue">> = entry;
    const batch = createMessageBatch("case-intake", [{ id: "m0", timestamp: new Date(), attempts: 1, body: message }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await getQueueResult(batch, ctx);
    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = 'assigned'")
        .bind(message.caseId)
        .first(),
    );

    const mayorOffice = await ConsoleClient.signIn("pl-mayor-office-handler");
    const page = await (await mayorOffice.get("/console/leader")).text();
    expect(page).toContain("致市长：老旧小区加装电梯");
    const housing = await ConsoleClient.signIn("pl-housing-handler");
    expect(await (await housing.get("/console/leader")).text()).not.toContain("致市长");
    expect(await (await housing.get("/console/inbox")).text()).not.toContain('href="/console/leader"');
  });
});

describe("after review", () => {
  it("shows the petitioner's contact data only to the holding department's handler and the platform office", async () => {
    const { trackingNo } = await caseAt("assigned", "pl-housing");
    const page = async (user: string) =>
      (await (await ConsoleClient.signIn(user)).get(`/console/cases/${trackingNo}`)).text();
    expect(await page("pl-housing-handler")).toMatch(/· 139\d{8}/);
    expect(await page("dispatcher")).toMatch(/· 139\d{8}/);
    for (const user of ["pl-housing-spokesperson", "supervisor"]) {
      const html = await page(user);
      expect(html).toContain("仅主办单位承办人和问政办可见");
      expect(html).not.toMatch(/139\d{8}/);
    }
  });

  it("refuses an assignment to a department that does not exist and a merge into nothing", async () => {
    const { caseId, trackingNo } = await caseAt("accepted");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    const before = await eventCount(caseId);
    expect((await dispatcher.act(trackingNo, "assign", { departmentId: "no-such-bureau" })).status).toBe(400);
    expect((await dispatcher.act(trackingNo, "merge", { intoTrackingNo: "0000-0000-0000" })).status).toBe(400);
    expect(await eventCount(caseId)).toBe(before);
  });
});

describe("dispatcher decisions", () => {
  it("keeps the category the dispatcher chose when assigning, as a labelled example", async () => {
    const { caseId, trackingNo } = await caseAt("accepted");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect((await dispatcher.act(trackingNo, "assign", { departmentId: "pl-health", category: "health" })).status).toBe(
      303,
    );
    expect(await caseRecordStub(env, caseId).read()).toMatchObject({ category: "health", departmentId: "pl-health" });
    const example = await waitFor(() =>
      env.DB.prepare(
        "SELECT json_extract(payload, '$.category') AS category FROM case_events WHERE case_id = ? AND type = 'case.assigned' AND actor_role = 'dispatcher'",
      )
        .bind(caseId)
        .first<{ category: string }>(),
    );
    expect(example.category).toBe("health");
    expect((await dispatcher.act(trackingNo, "merge", { intoTrackingNo: trackingNo })).status).toBe(400); // never into itself
  });
});
