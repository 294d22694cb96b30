import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { caseIdFor } from "../../../shared/domain/ids";
import { acceptCase, freshIp } from "./fixtures";

const FORM = {
  type: "help",
  title: "静宁县城关镇供暖不热",
  body: "家里暖气温度只有十二度，<script>alert('x')</script> 老人孩子受冻，请协调供热公司。",
  regionCode: "620826",
  address: "",
  category: "",
  addressee: "",
  name: "",
  phone: "13811112222",
  email: "",
  isPublic: "true",
};

function postForm(fields: Record<string, string>, ip = freshIp(), contentType = "application/x-www-form-urlencoded") {
  return exports.default.fetch("http://intake.test/submit", {
    method: "POST",
    headers: { "content-type": contentType, "cf-connecting-ip": ip },
    body: new URLSearchParams(fields).toString(),
  });
}

const trackingNoIn = (html: string) => /data-testid="tracking-no">([0-9A-Z-]+)</.exec(html)?.[1]?.replaceAll("-", "");
const queryCodeIn = (html: string) => /data-testid="query-code">([0-9A-Z]+)</.exec(html)?.[1];

describe("the message form", () => {
  it("renders with a one-time token and every region", async () => {
    const res = await exports.default.fetch("http://intake.test/submit");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/name="formToken" value="[0-9a-f-]{36}"/);
    expect(html).toContain("崆峒区");
    expect(html).toContain("华亭市");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("lands on the receipt page, and a resubmitted token shows the same receipt", async () => {
    const formToken = crypto.randomUUID();
    const res = await postForm({ ...FORM, formToken });
    expect(res.status).toBe(200);
    const html = await res.text();
    const trackingNo = trackingNoIn(html);
    expect(trackingNo).toMatch(/^[0-9A-Z]{12}$/);
    expect(queryCodeIn(html)).toMatch(/^[0-9A-Z]{8}$/);
    expect(html).toMatch(/data-testid="receipt-hash">[0-9a-f]{64}</);
    expect(res.headers.get("cache-control")).toBe("no-store");

    const again = await (await postForm({ ...FORM, formToken })).text();
    expect(trackingNoIn(again)).toBe(trackingNo);
  });

  it("asks how to be told (SMS ticked, e-mail not), and keeps the choice with the petitioner", async () => {
    const html = await (await exports.default.fetch("http://intake.test/submit")).text();
    expect(html).toMatch(/name="notifySms" value="true" checked/);
    expect(html).not.toMatch(/name="notifyEmail" value="true" checked/);
    const notifyOf = async (fields: Record<string, string>) => {
      const formToken = crypto.randomUUID();
      await postForm({ ...FORM, ...fields, formToken });
      return (await caseRecordStub(env, caseIdFor("form", formToken)).staffView())?.petitioner.notifyBy;
    };
    expect(
      await notifyOf({ notifyChoice: "1", notifySms: "true", notifyEmail: "true", email: "a@example.com" }),
    ).toEqual(["sms", "email"]);
    expect(await notifyOf({ notifyChoice: "1" })).toEqual([]); // both unticked: told nothing
    expect(await notifyOf({ notifyChoice: "1", notifyEmail: "true" })).toEqual([]); // e-mail without an address
    expect(await notifyOf({})).toEqual(["sms"]); // a partner's older form: SMS, as before
  });

  it("takes a partner's static form without a token, and a double click makes one case", async () => {
    const ip = freshIp();
    const { formToken: _none, ...partnerForm } = { ...FORM, formToken: "" };
    const first = trackingNoIn(await (await postForm(partnerForm, ip)).text());
    const second = trackingNoIn(await (await postForm(partnerForm, ip)).text());
    expect(first).toMatch(/^[0-9A-Z]{12}$/);
    expect(second).toBe(first);
  });

  it("shows the form again with messages beside the fields, keeps the values, and creates nothing", async () => {
    const formToken = crypto.randomUUID();
    const res = await postForm({ ...FORM, title: "短", phone: "123", regionCode: "110101", formToken });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="title-error"');
    expect(html).toContain("标题需 5–100 字");
    expect(html).toContain('id="phone-error"');
    expect(html).toContain(`value="${formToken}"`);
    expect(html).toContain("&lt;script&gt;");
    expect(await caseRecordStub(env, caseIdFor("form", formToken)).read()).toBeNull();

    expect(html).toContain('id="regionCode-error"'); // the unknown region is reported in the same round
    const unknownRegion = await postForm({ ...FORM, regionCode: "110101", formToken });
    expect(unknownRegion.status).toBe(400);
    expect(await unknownRegion.text()).toContain('id="regionCode-error"');
    expect(await caseRecordStub(env, caseIdFor("form", formToken)).read()).toBeNull();
  });

  it("refuses unknown fields and a wrong content type", async () => {
    const formToken = crypto.randomUUID();
    const res = await postForm({ ...FORM, formToken, status: "closed" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("不接受的字段：status");
    expect(await caseRecordStub(env, caseIdFor("form", formToken)).read()).toBeNull();

    const json = await postForm({ ...FORM, formToken }, freshIp(), "application/json");
    expect(json.status).toBe(415);
    expect(json.headers.get("content-type")).toContain("text/html");
  });

  it("answers a flood of form posts with a page, 429 and Retry-After", async () => {
    const ip = freshIp();
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await postForm({ ...FORM, formToken: crypto.randomUUID() }, ip);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toBe("60");
    expect(last?.headers.get("content-type")).toContain("text/html");
    expect(await last?.text()).toContain("提交过于频繁");
  });
});

describe("public pages", () => {
  async function submitForm(fields: Record<string, string>) {
    const html = await (await postForm({ ...fields, formToken: crypto.randomUUID() })).text();
    const trackingNo = trackingNoIn(html) ?? "";
    await acceptCase(trackingNo);
    return { trackingNo, queryCode: queryCodeIn(html) ?? "" };
  }

  it("shows a case escaped and masked, and the citizen's own view after the query code", async () => {
    const { trackingNo, queryCode } = await submitForm({ ...FORM, body: `${FORM.body} 我的电话13811112222` });
    const page = await (await exports.default.fetch(`http://intake.test/cases/${trackingNo}`)).text();
    expect(page).toContain(FORM.title);
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&lt;script&gt;");
    expect(page).not.toContain("13811112222");
    expect(page).toContain("138****2222");

    const own = await exports.default.fetch("http://intake.test/lookup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
      body: new URLSearchParams({ trackingNo, queryCode }).toString(),
    });
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).toContain("我的信息（仅本人可见）");
    expect(ownHtml).toContain("13811112222");

    const wrong = await exports.default.fetch("http://intake.test/lookup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
      body: new URLSearchParams({ trackingNo, queryCode: "ZZZZZZZZ" }).toString(),
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("13811112222");
  });

  it("lists public cases on the board and never private ones", async () => {
    const shown = await submitForm({ ...FORM, title: "崇信县锦屏镇公开留言标题" });
    const hidden = await submitForm({ ...FORM, title: "崇信县锦屏镇私密留言标题", isPublic: "" });
    const board = await (await exports.default.fetch("http://intake.test/board")).text();
    expect(board).toContain(`/cases/${shown.trackingNo}`);
    expect(board).toContain("崇信县锦屏镇公开留言标题");
    expect(board).not.toContain("崇信县锦屏镇私密留言标题");
    expect(board).not.toContain(hidden.trackingNo);
  });

  it("lists every department's spokespeople by public name and title, and nothing private", async () => {
    const page = await (await exports.default.fetch("http://intake.test/spokespeople")).text();
    expect(page).toContain("王建国");
    expect(page).toContain("市住建局副局长、网络发言人");
    expect(page).not.toContain("pbkdf2");
    expect(page).not.toContain("pl-housing-spokesperson");
  });

  it("forwards the staff console to the assignment Worker", async () => {
    const res = await exports.default.fetch("http://intake.test/console/login");
    expect(res.headers.get("x-console-stub")).toBe("1");
  });

  it("keeps the demo seed closed without its token", async () => {
    const res = await exports.default.fetch("http://intake.test/__demo/seed", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(404);
  });
});
