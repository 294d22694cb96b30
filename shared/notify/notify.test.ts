import { describe, expect, it } from "vitest";
import { caseIn, storedSample } from "../domain/test-fixtures";
import type { NotifyMessage } from "../messages";
import { notifyMessageFor } from "./decide";
import { type Contact, type PlanContext, planDigest, planNotifications } from "./plan";
import { capDay, retryDelayMs, sendableAt } from "./policy";
import { escapeForChannel, loggedText, MASK, render, storableVars } from "./render";
import { TEMPLATE_IDS, TEMPLATES } from "./templates";

const person = (ref: string, over: Partial<Contact> = {}): Contact => ({
  ref,
  kind: "staff",
  lang: "zh-CN",
  phone: `1390000${ref.padStart(4, "0").slice(-4)}`,
  email: `${ref}@gov.example`,
  ...over,
});
const petitioner: Contact = { ref: "petitioner", kind: "citizen", lang: "zh-CN", phone: "13800000000", email: null };
const ctx: PlanContext = {
  petitioner,
  departmentName: (id) => (id === "dept-a" ? "市住建局" : "分办中心"),
  handlers: (d) => (d === "dept-a" ? [person("h1"), person("h2", { email: null })] : []),
  heads: (d) => (d === "dept-a" ? [person("head", { lang: "en" })] : []),
  supervisors: [person("sup", { phone: null })],
  office: [person("disp")],
};
const message = (over: Partial<NotifyMessage>): NotifyMessage => ({
  v: 1,
  kind: "notify.case",
  eventId: "E1",
  caseId: "CASE1",
  trackingNo: "ABCDEFGHJKM1",
  type: "case.submitted",
  at: "2026-03-02T01:00:00.000Z",
  departmentId: "dept-a",
  dueAt: "2026-03-16T10:00:00.000Z",
  ...over,
});
const who = (m: NotifyMessage) => planNotifications(m, ctx).map((n) => `${n.recipient.ref}:${n.channel}:${n.template}`);

describe("templates", () => {
  it("have both languages, and every {slot} in a text or subject is a declared variable", () => {
    for (const id of TEMPLATE_IDS) {
      const t = TEMPLATES[id];
      for (const text of [t.text["zh-CN"], t.text.en, t.subject["zh-CN"], t.subject.en]) {
        const slots = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(
          slots.every((s) => (t.vars as readonly string[]).includes(s ?? "")),
          `${id}: ${text}`,
        ).toBe(true);
      }
    }
  });

  it("render in zh-CN and English, with the variables in the template's order", () => {
    const vars = { trackingNo: "ABCD-EFGH-JKM1", department: "市住建局", dueDate: "2026-03-16 18:00" };
    const zh = render("citizen.assigned", vars, "sms", "zh-CN");
    expect(zh.text).toBe("您的留言ABCD-EFGH-JKM1已交市住建局办理，答复期限2026-03-16 18:00。");
    expect(zh.params.map(([k]) => k)).toEqual(["trackingNo", "department", "dueDate"]);
    expect(render("citizen.assigned", vars, "email", "en").text).toBe(
      "Your message ABCD-EFGH-JKM1 is now with 市住建局; a reply is due by 2026-03-16 18:00.",
    );
  });

  it("refuse to render with a variable missing", () => {
    expect(() => render("citizen.assigned", { trackingNo: "X" }, "sms", "zh-CN")).toThrow(/department/);
  });

  it("escape variables for the channel: no fake 【signature】, no line breaks, a length cap in SMS; HTML escaped in e-mail", () => {
    expect(escapeForChannel("【平凉市政府】\n请回复", "sms")).toBe("[平凉市政府] 请回复");
    expect([...escapeForChannel("长".repeat(50), "sms")]).toHaveLength(35);
    const mail = render(
      "citizen.assigned",
      { trackingNo: "X", department: "<b>局</b>", dueDate: "d" },
      "email",
      "zh-CN",
    );
    expect(mail.html).toContain("&lt;b&gt;局&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>");
    expect(mail.text).toContain("<b>局</b>"); // the plain part is plain text
  });

  it("never store or log the query code", () => {
    const vars = { trackingNo: "X", queryCode: "SECRET12" };
    expect(storableVars("citizen.receipt", vars)).toEqual({ trackingNo: "X" });
    const logged = loggedText("citizen.receipt", storableVars("citizen.receipt", vars), "sms", "zh-CN");
    expect(logged).toContain(MASK);
    expect(logged).not.toContain("SECRET12");
  });
});

describe("who hears what", () => {
  it("the citizen: receipt, assignment (with the handlers), rejection, reply, redo, merge", () => {
    expect(who(message({ type: "case.submitted", secretVars: { queryCode: "QC123456" } }))).toEqual([
      "petitioner:sms:citizen.receipt",
    ]);
    expect(who(message({ type: "case.submitted" }))).toEqual([]); // no code to give: no receipt
    expect(who(message({ type: "case.assigned" }))).toEqual([
      "petitioner:sms:citizen.assigned",
      "h1:sms:staff.assigned",
      "h1:email:staff.assigned",
      "h2:sms:staff.assigned",
    ]);
    expect(who(message({ type: "case.rejected" }))).toEqual(["petitioner:sms:citizen.rejected"]);
    expect(who(message({ type: "case.reply_published" }))).toEqual(["petitioner:sms:citizen.replied"]);
    expect(who(message({ type: "rating.reminder" }))).toEqual(["petitioner:sms:citizen.rating_reminder"]);
    expect(who(message({ type: "case.reopened" }))).toEqual(["petitioner:sms:citizen.reopened"]);
    const merged = planNotifications(message({ type: "case.merged", intoTrackingNo: "ZZZZZZZZZZZZ" }), ctx);
    expect(merged[0]?.vars.intoTrackingNo).toBe("ZZZZ-ZZZZ-ZZZZ");
  });

  it("each ladder step reaches its people: reminders the handlers, 催办 the head, 督办 head and supervision, 通报 the office", () => {
    const step = (kind: NonNullable<NotifyMessage["step"]>["kind"], departmentId: string | null = "dept-a") =>
      message({
        type: "case.escalated",
        step: { kind, stage: "reply", dueAt: "2026-03-16T10:00:00.000Z", departmentId },
      });
    expect(who(step("remind50"))).toEqual([
      "h1:sms:staff.reminder",
      "h1:email:staff.reminder",
      "h2:sms:staff.reminder",
    ]);
    expect(who(step("urge"))).toEqual(["head:sms:staff.urge", "head:email:staff.urge"]);
    expect(who(step("supervise"))).toEqual([
      "head:sms:staff.supervise",
      "head:email:staff.supervise",
      "sup:email:staff.supervise",
    ]);
    expect(who(step("notice"))).toEqual(["disp:sms:staff.notice", "disp:email:staff.notice", "sup:email:staff.notice"]);
    // Late at the dispatch desk: the platform office hears of its own lateness.
    expect(who(step("urge", null))).toEqual(["disp:sms:staff.urge", "disp:email:staff.urge"]);
    // Each in the recipient's language.
    const urge = planNotifications(step("urge"), ctx)[0];
    expect(urge?.recipient.lang).toBe("en");
    expect(urge?.vars.stage).toBe("reply");
    expect(planNotifications(step("remind75"), ctx)[0]?.vars).toMatchObject({ stage: "答复", share: "75%" });
  });

  it("a department without a head on file still hears 催办, through its handlers", () => {
    const headless = { ...ctx, heads: () => [] };
    const m = message({
      type: "case.urged",
      step: { kind: "urge", stage: "current", dueAt: null, departmentId: "dept-a" },
    });
    expect(planNotifications(m, headless).map((n) => n.recipient.ref)).toEqual(["h1", "h1", "h2"]);
  });

  it("keys each notification by event, recipient and channel, once even when a person has two duties", () => {
    const both = { ...ctx, heads: () => [person("h1")] };
    const m = message({
      type: "case.escalated",
      step: { kind: "supervise", stage: "reply", dueAt: null, departmentId: "dept-a" },
    });
    const ids = planNotifications(m, { ...both, supervisors: [person("h1")] }).map((n) => n.id);
    expect(ids).toEqual(["E1:h1:sms", "E1:h1:email"]);
  });

  it("nobody, when the petitioner opted out of everything and staff have no channel", () => {
    expect(planNotifications(message({}), { ...ctx, petitioner: null })).toEqual([]);
  });

  it("the digest goes by e-mail only, to the department's handlers and head", () => {
    const planned = planDigest(
      { departmentId: "dept-a", date: "2026-03-02", dueToday: 1, dueSoon: 2, overdue: 3 },
      ctx,
    );
    expect(planned.map((n) => `${n.id}`)).toEqual([
      "digest:dept-a:2026-03-02:h1:email",
      "digest:dept-a:2026-03-02:head:email",
    ]);
  });
});

describe("from the case object", () => {
  it("a message for the events someone hears about, with no personal data; none for seeded cases", () => {
    const state = caseIn("assigned");
    const m = notifyMessageFor(storedSample("case.assigned"), state, {
      dueAt: "2026-03-16T10:00:00.000Z",
      overdue: false,
      nextDueAt: null,
    });
    expect(m).toMatchObject({ type: "case.assigned", departmentId: "dept-a", dueAt: "2026-03-16T10:00:00.000Z" });
    expect(JSON.stringify(m)).not.toMatch(/1[3-9]\d{9}|路灯/);
    expect(notifyMessageFor(storedSample("case.acknowledged"), state, null)).toBeNull();
    expect(notifyMessageFor(storedSample("case.assigned"), { ...state, channel: "seed" }, null)).toBeNull();
  });
});

describe("quiet hours, caps and retries", () => {
  const beijing = (hhmm: string, day = "2026-03-02") => Date.parse(`${day}T${hhmm}:00+08:00`);
  it("hold SMS from 22:00 to 08:00 Beijing time until the morning; e-mail is never held", () => {
    expect(sendableAt("sms", beijing("21:59"))).toBe(beijing("21:59"));
    expect(sendableAt("sms", beijing("22:00"))).toBe(beijing("08:00", "2026-03-03"));
    expect(sendableAt("sms", beijing("03:10"))).toBe(beijing("08:00"));
    expect(sendableAt("sms", beijing("08:00"))).toBe(beijing("08:00"));
    expect(sendableAt("email", beijing("23:30"))).toBe(beijing("23:30"));
  });

  it("count the daily cap within the Beijing day", () => {
    expect(capDay(beijing("00:30"))).toEqual({ from: "2026-03-01T16:00:00.000Z", to: "2026-03-02T16:00:00.000Z" });
  });

  it("back off 1, 2, 4 … minutes up to an hour", () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3_600_000]);
  });
});
