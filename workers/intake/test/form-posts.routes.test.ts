import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { caseIdFor, formatTrackingNo, newTrackingNo } from "../../../shared/domain/ids";
import { freshIp } from "./fixtures";

/** The edges of the portal's form posts, as the form validator answers them: same statuses, same words. */
const post = (path: string, body: string, contentType = "application/x-www-form-urlencoded") =>
  exports.default.fetch(`http://intake.test${path}`, {
    method: "POST",
    headers: { "content-type": contentType, "cf-connecting-ip": freshIp() },
    body,
    redirect: "manual",
  });
const fields = (entries: [string, string][]) => new URLSearchParams(entries).toString();

const FORM: [string, string][] = [
  ["type", "help"],
  ["title", "静宁县城关镇供暖不热"],
  ["body", "家里暖气温度只有十二度，老人孩子受冻，请协调供热公司。"],
  ["regionCode", "620826"],
  ["phone", "13811112222"],
  ["isPublic", "true"],
];

describe("POST /lookup", () => {
  it("re-renders a malformed tracking number (as typed) with 400, and sends a bare number to the public page", async () => {
    const bad = await post("/lookup", fields([["trackingNo", "12<b>"]]));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("留言编号格式不正确");
    expect(html).toContain('value="12&lt;b&gt;"');

    const missing = await post("/lookup", "");
    expect(missing.status).toBe(400);

    const trackingNo = newTrackingNo();
    const typed = formatTrackingNo(trackingNo).toLowerCase();
    const bare = await post(
      "/lookup",
      fields([
        ["trackingNo", typed],
        ["queryCode", "  "],
      ]),
    );
    expect(bare.status).toBe(303);
    expect(bare.headers.get("location")).toBe(`/cases/${trackingNo}`);
  });

  it("refuses another encoding with the 415 page", async () => {
    const res = await post("/lookup", JSON.stringify({ trackingNo: "7Q3M9X1KTB2C" }), "application/json");
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("POST /submit", () => {
  it("says which fields are not text, and a stale token, above the form; nothing is written", async () => {
    const formToken = crypto.randomUUID();
    const repeated = await post("/submit", fields([...FORM, ["title", "又一个标题又一个"], ["formToken", formToken]]));
    expect(repeated.status).toBe(400);
    const html = await repeated.text();
    expect(html).toContain("字段 title 格式不正确");
    expect(html).toContain('id="title-error"');
    expect(await caseRecordStub(env, caseIdFor("form", formToken)).read()).toBeNull();

    const stale = await post("/submit", fields([...FORM, ["formToken", "not-a-token"]]));
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("表单已失效，请重新提交");
  });
});

describe("the citizen's rating form", () => {
  it("refuses a form without its hidden fields before reading the case", async () => {
    const res = await post(
      "/cases/7Q3M9X1KTB2C/rating",
      fields([
        ["resolution", "solved"],
        ["rating", "satisfied"],
      ]),
    );
    expect(res.status).toBe(400);
  });
});
