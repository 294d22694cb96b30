import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onError } from "../../../shared/http/errors";
import { fakeNet } from "../../../test/fake-webhook-net";
import { webhooksApi } from "../src/routes/webhooks.routes";
import { api, DNS, partnerKey } from "./webhook-fixtures";

beforeEach(() => {
  vi.stubGlobal("fetch", fakeNet(DNS).fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("webhook registration", () => {
  it("registers, lists and stops a partner's webhooks, and refuses bad URLs and other partners", async () => {
    const mine = await partnerKey("平凉日报");
    const theirs = await partnerKey("陇东报");
    const created = await api("/api/v1/webhooks", {
      method: "POST",
      key: mine.key,
      body: JSON.stringify({ url: "https://partner.example/hooks/wenzheng" }),
    });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; secret: string };
    expect(hook.secret).toMatch(/^whsec_/);

    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: mine.key,
          body: JSON.stringify({ url: "http://partner.example/plain" }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: mine.key,
          body: JSON.stringify({ url: "https://x.example", secret: "mine" }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: "pk_nope",
          body: JSON.stringify({ url: "https://x.example" }),
        })
      ).status,
    ).toBe(401);

    const listed = (await (await api("/api/v1/webhooks", { key: mine.key })).json()) as {
      webhooks: { id: string; secret?: string }[];
    };
    expect(listed.webhooks.map((w) => w.id)).toEqual([hook.id]);
    expect(listed.webhooks[0]).not.toHaveProperty("secret");
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: theirs.key })).status).toBe(404);
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: mine.key })).status).toBe(204);
  });

  it("keeps a partner to five webhooks", async () => {
    const p = await partnerKey("静宁融媒");
    for (let i = 0; i < 5; i++)
      expect(
        (
          await api("/api/v1/webhooks", {
            method: "POST",
            key: p.key,
            body: JSON.stringify({ url: `https://p.example/${i}` }),
          })
        ).status,
      ).toBe(201);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: p.key,
          body: JSON.stringify({ url: "https://p.example/6" }),
        })
      ).status,
    ).toBe(409);
  });
});

describe("webhook targets (issue 19: no requests into our own network)", () => {
  const register = (key: string, url: string) =>
    api("/api/v1/webhooks", { method: "POST", key, body: JSON.stringify({ url }) });
  /** The routes as index.ts mounts them, with the bindings of a deployed environment. */
  const mounted = new Hono().route("/api/v1/webhooks", webhooksApi).onError(onError);
  const registerIn = (WENZHENG_ENV: string, key: string, url: string) =>
    mounted.request(
      "http://intake.test/api/v1/webhooks",
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ url }),
      },
      { ...env, WENZHENG_ENV },
    );

  it.each([
    "https://169.254.169.254/latest/meta-data/",
    "http://169.254.169.254/latest/meta-data/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://[::ffff:7f00:1]/",
    "https://localhost/hook",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://internal.partner.example/hook",
    "https://mixed.partner.example/hook",
    "https://v6.partner.example/hook",
  ])("refuses %s in production", async (url) => {
    const p = await partnerKey("平凉日报");
    const res = await registerIn("production", p.key, url);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.stringMatching(/target_not_public|invalid_url/) } });
    const listed = (await (await api("/api/v1/webhooks", { key: p.key })).json()) as { webhooks: unknown[] };
    expect(listed.webhooks).toEqual([]);
  });

  it("refuses a name that resolves to 10.0.0.1, having asked for A and AAAA", async () => {
    const net = fakeNet(DNS);
    vi.stubGlobal("fetch", net.fetch);
    const p = await partnerKey("平凉日报");
    const res = await register(p.key, "https://internal.partner.example/hook");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "target_not_public" } });
    expect(net.lookups.sort()).toEqual(["internal.partner.example 1", "internal.partner.example 28"]);
  });

  it("allows plain http to localhost only in local development", async () => {
    const p = await partnerKey("平凉日报");
    for (const WENZHENG_ENV of ["production", "staging", "selfhost"])
      expect((await registerIn(WENZHENG_ENV, p.key, "http://localhost:8080/hook")).status).toBe(400);
    expect((await registerIn("local", p.key, "http://localhost:8080/hook")).status).toBe(201);
    expect((await register(p.key, "http://10.0.0.1/hook")).status).toBe(400);
  });

  it("answers 503 when the host name cannot be checked, and registers nothing", async () => {
    vi.stubGlobal("fetch", async () => new Response("busy", { status: 502 }));
    const p = await partnerKey("平凉日报");
    expect((await register(p.key, "https://partner.example/hook")).status).toBe(503);
  });
});
