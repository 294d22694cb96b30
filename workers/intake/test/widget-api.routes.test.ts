import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newTrackingNo } from "../../../shared/domain/ids";
import { waitFor } from "./fixtures";
import { get, insertCase } from "./widget-fixtures";

async function expectNotFound(res: Response) {
  expect(res.status).toBe(404);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
}

// Personal data a citizen might type into the title and body, and what the read model holds beside it.
const PII = {
  phone: "13912345678",
  residentId: "11010519491231002X",
  email: "wang.xiaoming@example.com",
  street: "崆峒区新民路 123 号 5 号楼 2 单元 301 室",
  name: "王小明",
  ownPhone: "13698765432",
};

describe("GET /api/v1/widget/cases/{trackingNo}", () => {
  it.each([true, false])(
    "shows only the allow-listed fields, never personal data or the text (public: %s)",
    async (isPublic) => {
      const title = `路灯不亮 电话${PII.phone} 身份证${PII.residentId}`;
      const body = `我住在${PII.street}，邮箱 ${PII.email}，电话 ${PII.phone}，身份证 ${PII.residentId}。`;
      const trackingNo = await insertCase({
        isPublic,
        title,
        body,
        address: PII.street,
        petitionerName: PII.name,
        petitionerPhone: PII.ownPhone,
        petitionerEmail: PII.email,
        status: "replied",
        dueAt: null,
        reply: { text: `已联系您（${PII.phone}），路灯已修复。`, name: "王建国", title: "市住建局副局长、网络发言人" },
        rating: "satisfied",
      });
      const res = await get(`/api/v1/widget/cases/${trackingNo}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const view = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(view).sort()).toEqual([
        "department",
        "dueAt",
        "dueStatus",
        "rating",
        "reply",
        "status",
        "supporters",
        "trackingNo",
      ]);
      expect(view).toMatchObject({
        trackingNo,
        status: { code: "replied", zh: "已答复", en: "Replied" },
        department: { name: expect.any(String) },
        dueStatus: null,
        reply: {
          text: "已联系您（139****5678），路灯已修复。",
          publishedAt: expect.stringMatching(/\+08:00$/),
          spokesperson: { name: "王建国", title: "市住建局副局长、网络发言人" },
        },
        rating: { code: "satisfied", zh: "满意", en: "Satisfied" },
      });
      expect(Object.keys(view.department as object)).toEqual(["name"]);
      for (const secret of [...Object.values(PII), "路灯不亮", "我住在", "新民路"]) expect(text).not.toContain(secret);

      const page = await (await get(`/widget/cases/${trackingNo}`)).text();
      for (const secret of [...Object.values(PII), "路灯不亮", "我住在", "新民路"]) expect(page).not.toContain(secret);
      expect(page).toContain("路灯已修复");
    },
  );

  it("marks the reply deadline on time, due soon or overdue", async () => {
    const day = 86400_000;
    const cases = [
      [Date.now() + 5 * day, "on_time"],
      [Date.now() + 3600_000, "due_soon"],
      [Date.now() - day, "overdue"],
    ] as const;
    for (const [due, expected] of cases) {
      const trackingNo = await insertCase({ dueAt: new Date(due).toISOString() });
      const view = (await (await get(`/api/v1/widget/cases/${trackingNo}`)).json()) as {
        dueAt: string;
        dueStatus: string;
      };
      expect(view.dueStatus).toBe(expected);
      expect(view.dueAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    }
    const unassigned = await insertCase({ status: "accepted", departmentId: null, dueAt: null });
    expect(await (await get(`/api/v1/widget/cases/${unassigned}`)).json()).toMatchObject({
      department: null,
      dueAt: null,
      dueStatus: null,
      reply: null,
      rating: null,
    });
  });

  it("is open to every origin without credentials, and answers a preflight", async () => {
    const trackingNo = await insertCase();
    const res = await get(`/api/v1/widget/cases/${trackingNo}`, { Origin: "https://news.example.cn" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("etag");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);

    const preflight = await get(
      `/api/v1/widget/cases/${trackingNo}`,
      {
        Origin: "https://news.example.cn",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
      },
      "OPTIONS",
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("sends an ETag and the cache policy, answers a matching If-None-Match with 304, and a change with a new ETag", async () => {
    const trackingNo = await insertCase();
    const path = `/api/v1/widget/cases/${trackingNo}`;
    const first = await get(path);
    const tag = first.headers.get("etag") ?? "";
    expect(tag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=15, stale-while-revalidate=60");

    for (const ifNoneMatch of [tag, `W/${tag}`, `"other", ${tag}`]) {
      const again = await get(path, { "If-None-Match": ifNoneMatch, Origin: "https://news.example.cn" });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(tag);
      expect(again.headers.get("cache-control")).toBe("public, max-age=15, stale-while-revalidate=60");
      expect(again.headers.get("access-control-allow-origin")).toBe("*");
    }
    expect((await get(path, { "If-None-Match": '"stale"' })).status).toBe(200);

    await env.DB.prepare("UPDATE cases SET status = 'acknowledged' WHERE tracking_no = ?").bind(trackingNo).run();
    // The isolate keeps the answer for a few seconds (a burst of partner traffic costs one D1
    // read); then the change shows, with a new ETag.
    expect((await get(path, { "If-None-Match": tag })).status).toBe(304);
    const started = Date.now();
    const changed = await waitFor(async () => {
      const res = await get(path, { "If-None-Match": tag });
      return res.status === 200 ? res : null;
    }, 10_000);
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(changed.headers.get("etag")).not.toBe(tag);
    expect(((await changed.json()) as { status: { code: string } }).status.code).toBe("acknowledged");
  }, 15_000);

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await get("/api/v1/openapi.json")).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths["/api/v1/widget/cases/{trackingNo}"]?.get?.responses ?? {})).toEqual([
      "200",
      "304",
      "404",
    ]);
    expect(doc.components.schemas).toHaveProperty("WidgetView");
  });

  it("answers an unknown or malformed tracking number with the 404 envelope, CORS included", async () => {
    const unknown = newTrackingNo();
    const body = unknown.slice(0, -1);
    const wrongCheck = body + (unknown.endsWith("0") ? "1" : "0");
    for (const trackingNo of [unknown, wrongCheck, "not-a-number", "%3Cscript%3E"]) {
      await expectNotFound(await get(`/api/v1/widget/cases/${trackingNo}`, { Origin: "https://news.example.cn" }));
    }
  });
});
