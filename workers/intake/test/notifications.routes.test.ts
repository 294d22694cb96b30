import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "../../../shared/http/errors";
import { recipientDigest } from "../../../shared/notify/unsubscribe";
import { devOutbox } from "../src/routes/dev-outbox.routes";
import { unsubscribe } from "../src/routes/unsubscribe.routes";

/** The modules as index.ts mounts them, with the bindings of the Worker they run in. */
const mounted = new Hono().route("/__dev", devOutbox).route("/notifications/unsubscribe", unsubscribe).onError(onError);
const call = (path: string, init: RequestInit = {}, bindings: object = env) =>
  mounted.request(`http://intake.test${path}`, init, bindings);

async function sentEmail(address: string) {
  const id = `evt-${crypto.randomUUID()}:petitioner:email`;
  const token = crypto.randomUUID().replace(/-/g, "").slice(0, 24);
  await env.DB.prepare(
    `INSERT INTO notifications (id, channel, recipient, message, status, attempts, created_at, unsubscribe_token)
     VALUES (?, 'email', ?, 'x', 'sent', 1, ?, ?)`,
  )
    .bind(id, address, new Date().toISOString(), token)
    .run();
  return token;
}
const optedOut = async (address: string) =>
  (
    await env.DB.prepare(
      "SELECT count(*) AS n FROM notification_optouts WHERE channel = 'email' AND recipient_hash = ?",
    )
      .bind(recipientDigest(address))
      .first<{ n: number }>()
  )?.n;

describe("the e-mail's unsubscribe link", () => {
  it("asks first (a mail scanner's visit changes nothing), then opts the address out once", async () => {
    const token = await sentEmail("Someone@Example.com");
    const ask = await call(`/notifications/unsubscribe?t=${token}`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain(`value="${token}"`);
    expect(await optedOut("someone@example.com")).toBe(0);
    const form = () => ({ method: "POST", body: new URLSearchParams({ t: token }) });
    expect((await call("/notifications/unsubscribe", form())).status).toBe(200);
    expect((await call("/notifications/unsubscribe", form())).status).toBe(200);
    expect(await optedOut("someone@example.com")).toBe(1);
  });

  it("refuses a token that is malformed or not ours, and records nothing", async () => {
    for (const t of ["", "x", "A".repeat(24), "<script>"]) {
      expect((await call(`/notifications/unsubscribe?t=${encodeURIComponent(t)}`)).status).toBe(400);
      expect(
        (await call("/notifications/unsubscribe", { method: "POST", body: new URLSearchParams({ t }) })).status,
      ).toBe(400);
    }
  });
});

describe("the developer's inbox", () => {
  it("lists what the local provider delivered, newest first, as JSON and as a page", async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, s)).toISOString();
    for (const [id, s] of [
      ["old", 1],
      ["new", 2],
    ] as const)
      await env.DB.prepare(
        "INSERT INTO dev_outbox (id, channel, recipient, template, text, tracking_no, at) VALUES (?, 'sms', '13800000000', 'citizen.receipt', ?, 'ABCDEFGHJKM1', ?)",
      )
        .bind(`dev-${id}`, `text ${id}`, at(s))
        .run();
    const res = await call("/__dev/outbox.json");
    const { messages } = await res.json<{ messages: { text: string; at: string; trackingNo: string }[] }>();
    expect(messages.slice(0, 2).map((m) => m.text)).toEqual(["text new", "text old"]);
    expect(messages[0]).toMatchObject({
      channel: "sms",
      to: "13800000000",
      template: "citizen.receipt",
      trackingNo: "ABCDEFGHJKM1",
      at: "2026-03-02T10:00:02+08:00",
    });
    expect(await (await call("/__dev/outbox")).text()).toContain("text new");
  });

  it("answers 404 in every deployed environment, before anything is read", async () => {
    for (const WENZHENG_ENV of ["staging", "production", "selfhost"]) {
      const deployed = { ...env, WENZHENG_ENV, DB: undefined };
      for (const path of ["/__dev/outbox", "/__dev/outbox.json"])
        expect((await call(path, {}, deployed)).status).toBe(404);
    }
  });
});
