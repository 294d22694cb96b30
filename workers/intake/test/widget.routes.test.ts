import { env, exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { newTrackingNo } from "../../../shared/domain/ids";
import { maskPersonalData } from "../../../shared/routing/mask";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { forgetFrameOrigins } from "../src/widget/widget-origins";
import { waitFor } from "./fixtures";

const BASE = "http://intake.test";

const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  exports.default.fetch(`${BASE}${path}`, { method, headers });

interface CaseFields {
  status?: string;
  isPublic?: boolean;
  title?: string;
  body?: string;
  address?: string;
  petitionerName?: string;
  petitionerPhone?: string;
  petitionerEmail?: string;
  departmentId?: string | null;
  dueAt?: string | null;
  reply?: { text: string; name: string; title: string } | null;
  rating?: string | null;
}

/** A read-model row as the durable object would project it; the widget reads nothing else. */
async function insertCase(f: CaseFields = {}): Promise<string> {
  const trackingNo = newTrackingNo();
  const now = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, address, channel, is_public, department_id,
       petitioner_name, petitioner_phone, petitioner_email, query_code_hash, receipt_hash, submitted_at, assigned_at, due_at,
       replied_at, reply_text, reply_outcome, reply_spokesperson_name, reply_spokesperson_title, rating, last_seq, updated_at)
     VALUES (?, ?, 'complaint', ?, ?, ?, '620802', ?, 'api', ?, ?, ?, ?, ?, 'qh', 'rh', ?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?)`,
  )
    .bind(
      `widget-${trackingNo}`,
      trackingNo,
      f.status ?? "assigned",
      f.title ?? "小区路灯不亮",
      f.body ?? "路灯坏了两个月，请尽快维修。",
      f.address ?? null,
      (f.isPublic ?? true) ? 1 : 0,
      f.departmentId === undefined ? "pl-housing" : f.departmentId,
      f.petitionerName ?? null,
      f.petitionerPhone ?? "13700000000",
      f.petitionerEmail ?? null,
      now,
      now,
      f.dueAt === undefined ? new Date(Date.now() + 5 * 86400_000).toISOString() : f.dueAt,
      f.reply ? now : null,
      f.reply?.text ?? null,
      f.reply ? "resolved" : null,
      f.reply?.name ?? null,
      f.reply?.title ?? null,
      f.rating ?? null,
      now,
    )
    .run();
  return trackingNo;
}

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

describe("GET /widget.js", () => {
  it("serves the self-contained client as cacheable JavaScript under 10 KB gzipped", async () => {
    const res = await get("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const tag = res.headers.get("etag") ?? "";
    expect(tag).toMatch(/^"[^"]+"$/);
    const script = await res.text();
    expect((await get("/widget.js", { "If-None-Match": tag })).status).toBe(304);

    // Self-contained: no module syntax and no bundler helpers (__name, __spreadValues, …) from outside.
    expect(script).not.toMatch(/\bimport\b|\brequire\(|\b__[A-Za-z]\w*\b/);
    // Inert by construction: text goes in through textContent only.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    expect(script).toContain("attachShadow");
    expect(() => new Function(script)).not.toThrow(); // parses as a classic script

    const gzipped = await new Response(
      new Blob([script]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThan(10 * 1024);
  });

  it("serves the widget stylesheet for the iframe page", async () => {
    const res = await get("/widget/widget.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await res.text()).toContain(".wz");
  });
});

describe("GET /widget/cases/{trackingNo} (the iframe widget)", () => {
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM widget_origins").run();
    forgetFrameOrigins();
  });

  const frameAncestors = (res: Response) =>
    /frame-ancestors ([^;]+)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

  it("may be framed only by the origins in widget_origins, 'none' without any, re-read after a minute", async () => {
    const trackingNo = await insertCase();
    const none = await get(`/widget/cases/${trackingNo}`);
    expect(none.status).toBe(200);
    expect(frameAncestors(none)).toBe("'none'");
    expect(none.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(none.headers.get("x-frame-options")).toBeNull();

    await env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES ('https://news.example.cn', '平凉日报', '2026-01-01'), ('http://localhost:8790', '本地演示', '2026-01-01')",
    ).run();
    expect(frameAncestors(await get(`/widget/cases/${trackingNo}`))).toBe("'none'"); // still the cached list
    forgetFrameOrigins(); // as when the minute is up
    const listed = frameAncestors(await get(`/widget/cases/${trackingNo}`))
      ?.split(" ")
      .sort();
    expect(listed).toEqual(["http://localhost:8790", "https://news.example.cn"]);
  });

  it("never puts a malformed stored origin into the policy", async () => {
    await env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES ('https://ok.example.cn', 'ok', '2026-01-01'), ('https://x.example; script-src *', 'bad', '2026-01-01'), ('https://y.example/path', 'bad', '2026-01-01')",
    ).run();
    expect(frameAncestors(await get(`/widget/cases/${await insertCase()}`))).toBe("https://ok.example.cn");
  });

  it("renders in English and in the dark theme on request, and ignores anything else in the query", async () => {
    const trackingNo = await insertCase({ dueAt: new Date(Date.now() - 86400_000).toISOString() });
    const en = await (await get(`/widget/cases/${trackingNo}?lang=en&theme=dark`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('data-theme="dark"');
    expect(en).toContain("Overdue");
    const odd = await (
      await get(`/widget/cases/${trackingNo}?lang=%22%3E%3Cscript%3E&theme=%22%3E%3Cscript%3E`)
    ).text();
    expect(odd).toContain('<html lang="zh-CN">');
    expect(odd).toContain('data-theme="auto"');
    expect(odd).toContain("已超期");
    expect(odd).not.toMatch(/<script/i);
  });

  it("answers an unknown case with a 404 page that names no number", async () => {
    const res = await get("/widget/cases/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("没有找到这条留言");
    expect(html).not.toMatch(/<script|alert\(1\)/i);
  });
});

/** Every element and attribute of a page, as a browser's tokenizer sees them, and its text. */
async function tokens(html: string) {
  const elements: { tag: string; attrs: [string, string][] }[] = [];
  let text = "";
  await new HTMLRewriter()
    .on("*", { element: (e) => void elements.push({ tag: e.tagName, attrs: [...e.attributes] as [string, string][] }) })
    .onDocument({
      text: (t) => {
        text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  const decoded = text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return { elements, text: decoded };
}

const PAGE_TAGS = new Set([
  "html",
  "head",
  "meta",
  "title",
  "link",
  "body",
  "main",
  "p",
  "span",
  "dl",
  "dt",
  "dd",
  "section",
  "h1",
  "h3",
  "a",
]);

describe("the iframe widget renders untrusted text inert", () => {
  it("has a corpus of at least 50 payloads", () => expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50));

  it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))("payload %i: %s", async (_, payload) => {
    const trackingNo = await insertCase({
      title: payload,
      body: payload,
      status: "replied",
      dueAt: null,
      rating: "satisfied",
      reply: { text: `答复：${payload}`, name: payload, title: payload },
    });
    const res = await get(`/widget/cases/${trackingNo}?lang=en`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const { elements, text } = await tokens(html);
    for (const { tag, attrs } of elements) {
      expect(PAGE_TAGS, `unexpected <${tag}>`).toContain(tag);
      for (const [name, value] of attrs) {
        expect(name, `event handler on <${tag}>`).not.toMatch(/^on/i);
        expect(value, `script URL in ${name}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
    // The one link: the case on the portal, in the widget's language.
    expect(elements.filter((e) => e.tag === "a").map((e) => e.attrs.find(([n]) => n === "href")?.[1])).toEqual([
      `/cases/${trackingNo}?lang=en`,
    ]);
    // Shown as text, exactly as typed (after masking), in the reply and the spokesperson's line.
    expect(text).toContain(`答复：${maskPersonalData(payload)}`);
    expect(text).toContain(`Spokesperson ${payload} (${payload})`); // public names are not masked
    // The script widget's data: the same text, to be set with textContent.
    const view = (await (await get(`/api/v1/widget/cases/${trackingNo}`)).json()) as {
      reply: { text: string; spokesperson: { name: string } };
    };
    expect(view.reply.text).toBe(`答复：${maskPersonalData(payload)}`);
  });
});
