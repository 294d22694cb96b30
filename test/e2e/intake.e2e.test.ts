import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../scripts/smoke/smoke";
import { walkImport } from "./import-walk";
import {
  d1,
  formToken,
  freePort,
  http,
  platformBase,
  Staff,
  startPlatform,
  stopPlatform,
  testId,
  waitFor,
} from "./platform";
import { walkCase } from "./walk";

// A citizen's message from the HTML form to every place it must land, through the real Workers.
beforeAll(startPlatform);
afterAll(stopPlatform);
describe("a message posted through the HTML form", () => {
  const phone = "13912345678";
  const title = "小区夜间施工噪音扰民";
  const body = "每天晚上十一点以后仍在施工，噪音很大，影响休息。<script>alert(1)</script>请有关部门尽快处理。";

  it("is received, projected, sent over both queues, shown safely, and replayed on resubmission", async () => {
    const form = await http("/submit");
    expect(form.status).toBe(200);
    const token = formToken(await form.text());
    const fields = new URLSearchParams({
      type: "complaint",
      title,
      body,
      regionCode: "620802",
      phone,
      email: "citizen@example.com",
      notifyChoice: "1",
      notifySms: "true",
      notifyEmail: "true",
      isPublic: "true",
      formToken: token,
    });
    const post = () => http("/submit", { method: "POST", body: fields }); // URLSearchParams sets the form content type

    const first = await post();
    const receipt = await first.text();
    expect(first.status, receipt.slice(0, 2000)).toBe(200);
    const trackingNo = testId(receipt, "tracking-no").replaceAll("-", "");
    const queryCode = testId(receipt, "query-code");
    const receiptHash = testId(receipt, "receipt-hash");
    expect(trackingNo).toMatch(/^[0-9A-Z]{12}$/); // also makes it safe to put in the SQL below
    expect(queryCode).toHaveLength(8);
    expect(receiptHash).toMatch(/^[0-9a-f]{64}$/);

    // Projection to D1 and both queue consumers run after the response: assignment screens and
    // accepts the case, and evaluation counts the acceptance into the rollups once.
    type Row = { caseId: string; status: string; cases: number; hash: string | null; inbox: number };
    const sql = `
      SELECT c.case_id AS caseId, c.status,
        (SELECT count(*) FROM cases WHERE tracking_no = '${trackingNo}') AS cases,
        e.hash,
        (SELECT count(*) FROM rollup_applied a JOIN case_events x ON x.event_id = a.event_id WHERE a.case_id = c.case_id AND x.type = 'case.accepted') AS inbox
      FROM cases c LEFT JOIN case_events e ON e.case_id = c.case_id AND e.type = 'case.submitted'
      WHERE c.tracking_no = '${trackingNo}'`;
    const row = await waitFor(
      "the case in cases, case_events and rollup_applied",
      async () => (await d1<Row>(sql))[0],
      (r) => r !== undefined && r.hash !== null && r.inbox > 0,
      15_000,
    );
    // Without a category routing leaves it for the dispatcher: screened and accepted, not assigned.
    expect(row).toMatchObject({ cases: 1, hash: receiptHash, inbox: 1 });
    expect(["submitted", "accepted"]).toContain(row?.status);

    // The public page: the title shown, the body escaped rather than run.
    const page = await http(`/cases/${trackingNo}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(title);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain(phone);

    // The public JSON view carries no contact data; the query code unlocks the citizen's own view.
    const publicRes = await http(`/api/v1/cases/${trackingNo}`);
    const publicText = await publicRes.text();
    expect(publicRes.status).toBe(200);
    const publicView = JSON.parse(publicText) as Record<string, unknown>;
    expect(["submitted", "accepted"]).toContain(publicView.status);
    expect(publicView).not.toHaveProperty("petitioner");
    expect(publicText).not.toContain(phone);

    const ownRes = await http(`/api/v1/cases/${trackingNo}`, { headers: { "X-Query-Code": queryCode } });
    expect(ownRes.status).toBe(200);
    const own = (await ownRes.json()) as { petitioner?: { phone?: string } };
    expect(own.petitioner?.phone).toBe(phone);

    // The receipt reaches the citizen through the notifications queue and the deadline Worker: in
    // local development, the dev inbox (e-mail is never held by quiet hours; the SMS may be).
    type Inbox = { messages: { channel: string; to: string; template: string; text: string; trackingNo: string }[] };
    const mail = await waitFor(
      "the receipt e-mail in the dev inbox",
      async () => ((await (await http("/__dev/outbox.json")).json()) as Inbox).messages,
      (messages) => messages.some((m) => m.trackingNo === trackingNo && m.channel === "email"),
      15_000,
    );
    const receiptMail = mail.find((m) => m.trackingNo === trackingNo && m.channel === "email");
    expect(receiptMail).toMatchObject({ to: "citizen@example.com", template: "citizen.receipt" });
    expect(receiptMail?.text).toContain(queryCode);

    // A double submit (same formToken) lands on the same case and creates nothing new.
    const again = await post();
    const replayed = await again.text();
    expect(again.status).toBe(200);
    expect(testId(replayed, "tracking-no").replaceAll("-", "")).toBe(trackingNo);
    expect(testId(replayed, "receipt-hash")).toBe(receiptHash);
    const counted = await d1<{ n: number }>(`SELECT count(*) AS n FROM cases WHERE tracking_no = '${trackingNo}'`);
    expect(counted).toEqual([{ n: 1 }]);
  });
});

describe("a message walked through the platform", () => {
  it("is routed by the 派单目录, acknowledged, answered, published under the spokesperson's name, rated by the citizen and counted in the month's ranking", async () => {
    await walkCase({ http, d1, signIn: (username) => Staff.signIn(username) });
  });
});

describe("a message brought in from an earlier board", () => {
  it("is imported whole with its original times, shown and verifiable, counted in its month's ranking, and open ones can be supported", async () => {
    await walkImport();
  });
});

describe("a partner's webhook", () => {
  it("receives signed POSTs for its case's state changes", async () => {
    const { createServer } = await import("node:http");
    const { createHash, createHmac } = await import("node:crypto");
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      const apiKey = `pk_e2e_${Date.now()}`;
      const keyHash = createHash("sha256").update(apiKey).digest("hex");
      await d1(
        `INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES ('e2e-partner', '平凉日报', '${keyHash}', '2026-01-01T00:00:00Z')`,
      );
      const hook = await http("/api/v1/webhooks", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook` }),
      });
      expect(hook.status).toBe(201);
      const { secret } = (await hook.json()) as { secret: string };
      const submitted = await http("/api/v1/cases", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": apiKey,
          "idempotency-key": `e2e-webhook-${Date.now()}`,
        },
        body: JSON.stringify({
          type: "consult",
          title: "咨询医保异地备案流程",
          body: "家中老人长期在外地居住，请问异地就医如何备案？",
          regionCode: "620802",
          category: "health",
          phone: "13700001111",
          isPublic: true,
        }),
      });
      expect(submitted.status).toBe(201);
      const { trackingNo } = (await submitted.json()) as { trackingNo: string };
      await waitFor(
        "webhook POSTs for submitted, accepted and assigned",
        async () => received.length,
        (n) => n >= 3,
        20_000,
      );
      const statuses = received.map((r) => JSON.parse(r.body) as { status: string; trackingNo: string });
      expect(statuses.every((s) => s.trackingNo === trackingNo)).toBe(true);
      expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(["submitted", "accepted", "assigned"]));
      for (const r of received) {
        const timestamp = String(r.headers["x-wenzheng-timestamp"]);
        const expected = createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("base64url");
        expect(r.headers["x-wenzheng-signature"]).toBe(`sha256=${expected}`);
        expect(r.body).not.toContain("13700001111");
      }
    } finally {
      server.close();
    }
  });
});

describe("npm run smoke", () => {
  it("passes against the running Workers", async () => {
    const lines: string[] = [];
    const steps = await runSmoke(platformBase(), (line) => lines.push(line), { routeTimeoutMs: 60_000 });
    expect(steps.map((s) => s.name)).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/^Smoke test passed/);
  });
});
