import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { periodOf } from "../../../shared/clocks/period";
import { monthlyRanking } from "../../../shared/db/evaluation-queries";
import { isBankCard, isResidentId, maskPersonalData } from "../../../shared/routing/mask";
import { rankingsBody } from "../../../shared/scoring/rankings.schema";
import { freshIp } from "./fixtures";
import { expectNoPersonalData, type Made, makeCorpus } from "./privacy-corpus";

// The corpus (privacy-corpus.ts): messages carrying personal data the way citizens type it. No
// public face may show any of it; the citizen's own view shows them their own.

const made: Made[] = [];
const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://intake.test${path}`, { headers });

beforeAll(async () => {
  made.push(...(await makeCorpus()));
}, 300_000);

describe("personal data in messages", () => {
  it("the corpus holds valid resident IDs and bank cards, and each kind the masker knows", () => {
    expect(made).toHaveLength(20);
    for (const { pii } of made) {
      expect(isResidentId(pii.residentId), pii.residentId).toBe(true);
      expect(isBankCard(pii.card), pii.card).toBe(true);
      for (const secret of [
        pii.mobileTyped,
        pii.landline,
        pii.residentId,
        pii.cardTyped,
        pii.email,
        pii.street,
        pii.flat,
      ]) {
        const masked = maskPersonalData(`见${secret}。`);
        for (const typed of [
          pii.mobile,
          pii.mobileTyped,
          pii.landline,
          pii.residentId,
          pii.card,
          pii.cardTyped,
          pii.email,
          pii.street,
          pii.flat,
        ])
          expect(masked).not.toContain(typed);
      }
    }
  });

  it.each([...Array(20).keys()])(
    "never reach the public JSON view, the widget JSON or the public case page (case %i)",
    async (k) => {
      const m = made[k];
      if (!m) throw new Error("not made");
      const res = await get(`/api/v1/cases/${m.trackingNo}`);
      expect(res.status).toBe(200);
      const json = await res.text();
      expectNoPersonalData(json, "public JSON", made);
      const view = JSON.parse(json) as {
        title?: string;
        body?: string;
        reply: { text: string } | null;
        petitioner?: unknown;
      };
      expect(view.petitioner).toBeUndefined();
      if (m.isPublic) {
        expect(view.title).toBe(maskPersonalData(m.title));
        expect(view.body).toBe(maskPersonalData(m.body));
      } else {
        expect(view).not.toHaveProperty("title");
        expect(view).not.toHaveProperty("body");
      }
      if (view.reply) expect(view.reply.text).toBe(maskPersonalData(m.reply));

      const widget = await get(`/api/v1/widget/cases/${m.trackingNo}`);
      expect(widget.status).toBe(200);
      expectNoPersonalData(await widget.text(), "widget JSON", made);

      const page = await get(`/cases/${m.trackingNo}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expectNoPersonalData(html, "public case page", made);
      if (m.isPublic) expect(html).toContain(maskPersonalData(m.body).slice(0, 30));
      expectNoPersonalData(await (await get(`/widget/cases/${m.trackingNo}`)).text(), "iframe widget", made);
    },
  );

  it("never reach the rankings JSON or the board pages", async () => {
    // The body GET /api/v1/rankings serves (the evaluation Worker's route answers with exactly this).
    const period = periodOf(new Date().toISOString());
    for (const kind of ["department", "county"] as const) {
      const body = rankingsBody(period, await monthlyRanking(env.DB, period, kind));
      expect(body.units.length).toBeGreaterThan(0);
      expectNoPersonalData(JSON.stringify(body), `rankings (${kind})`, made);
    }
    for (const path of ["/", "/board"]) {
      const res = await get(path);
      if (res.status === 404) continue;
      expectNoPersonalData(await res.text(), path, made);
    }
  });

  it.each([...Array(20).keys()])("are all in the citizen's own view, with their contact data (case %i)", async (k) => {
    const m = made[k];
    if (!m) throw new Error("not made");
    const own = (await (await get(`/api/v1/cases/${m.trackingNo}`, { "x-query-code": m.queryCode })).json()) as Record<
      string,
      unknown
    >;
    expect(own).toMatchObject({
      title: m.title,
      body: m.body,
      petitioner: { name: m.pii.name, phone: m.pii.ownPhone, email: m.pii.ownEmail },
      address: `${m.pii.street}${m.pii.flat}`,
    });

    const page = await exports.default.fetch("http://intake.test/lookup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
      body: new URLSearchParams({ trackingNo: m.trackingNo, queryCode: m.queryCode }).toString(),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const mine of [m.pii.name, m.pii.ownPhone, m.pii.ownEmail, m.pii.residentId, m.pii.email])
      expect(html).toContain(mine);
    // …and nobody else's.
    for (const other of made.filter((o) => o !== m)) expect(html).not.toContain(other.pii.ownPhone);
  });

  // Formats citizens also type, found leaking by this corpus and since taught to the masker.
  const VARIANTS: [string, string][] = [
    ["a mobile with the country code glued on", "请回电+8613912345678"],
    ["a landline with a space", "座机0933 8212345"],
    ["a landline with the area code in brackets", "座机（0933）8212345"],
    ["a house number with a sub-number", "柳湖路 8-2 号"],
    // A digit run could swallow the ID and the start of the card after it, so neither was recognised.
    ["an ID and a card written one after the other", "身份证号 620821197102111071 6222 0200 1234 5678 903"],
  ];
  for (const [what, typed] of VARIANTS) {
    it(`masks ${what} (${typed})`, () => {
      const masked = maskPersonalData(typed);
      expect(masked).not.toMatch(/\d{7}|\d-\d\s*号|\d{4} \d{4} \d{4}/);
    });
  }
});
