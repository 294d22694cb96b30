import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor, CaseState } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { maskPersonalData } from "../../../shared/routing/mask";
import { expectSafeHtml, inspectHtml } from "../../../test/fixtures/html-safety";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { freshIp, SUBMISSION, uniqueKey, waitFor } from "./fixtures";

// Every payload of the corpus goes through every field a citizen, a department or an admin can fill
// that the portal shows — title, body, name, address, notes, reply, spokesperson, rejection reason,
// department name — and every public page must render it as text.

const office: Actor = { role: "dispatcher", userId: "xss-dispatcher", departmentId: "pl-office" };
const supervisor: Actor = { role: "supervisor", userId: "xss-supervisor", departmentId: "pl-office" };

interface Made {
  payload: string;
  index: number;
  department: string;
  title: string;
  body: string;
  reply: string;
  reason: string;
  answered: { trackingNo: string; queryCode: string; caseId: string };
  rejected: { trackingNo: string };
}

const dept = (i: number) => `xssp-${i}`;
const titleOf = (p: string) => `留言：${p}`.slice(0, 100).trim();
const name40 = (p: string) => p.slice(0, 40).trim();

/** Runs one command through the case's durable object, failing loudly. */
async function run(caseId: string, actor: Actor, command: CaseCommand): Promise<void> {
  const r = await caseRecordStub(env, caseId).execute({ idempotencyKey: uniqueKey("xss"), actor, command });
  if (!r.ok) throw new Error(`${command.name}: ${r.error.code} ${r.error.message}`);
}

async function submit(p: string, i: number, extra: Partial<typeof SUBMISSION> & { address?: string; email?: string }) {
  const caseId = uniqueKey("xss-portal");
  const submitted = await caseRecordStub(env, caseId).submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: {
      ...SUBMISSION,
      title: titleOf(p),
      body: `内容：${p}`,
      phone: `137${String(10_000_000 + i * 7919).slice(-8)}`,
      ...extra,
    },
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  return { caseId, ...submitted.value };
}

/** One answered case (assigned, returned, extended, urged, replied, rated) and one rejected case per payload. */
async function make(p: string, i: number): Promise<Made> {
  const handler: Actor = { role: "handler", userId: `xss-handler-${i}`, departmentId: dept(i) };
  const speaker: Actor = { role: "spokesperson", userId: `xss-speaker-${i}`, departmentId: dept(i) };
  const a = await submit(p, i, { name: name40(p), address: p.slice(0, 200), email: `xss${i}@example.com` });
  const reply = `答复：${p}`;
  const steps: [Actor, CaseCommand][] = [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: dept(i), coDepartmentIds: [], note: p }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "returnCase", reason: p }],
    [office, { name: "assign", departmentId: dept(i), coDepartmentIds: [], note: p }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "requestExtension", reason: p, workingDays: 3 }],
    [office, { name: "decideExtension", approved: true, note: p }],
    [supervisor, { name: "urge", level: "urge", note: p }],
    [handler, { name: "draftReply", text: reply, outcome: "not_resolvable", outcomeNote: p }],
  ];
  for (const [actor, command] of steps) await run(a.caseId, actor, command);
  const state = (await caseRecordStub(env, a.caseId).read()) as CaseState | null;
  await run(a.caseId, speaker, {
    name: "publishReply",
    spokesperson: { name: name40(p), title: p.slice(0, 80).trim() },
    draftedAt: state?.draft?.draftedAt ?? "",
  });
  await run(
    a.caseId,
    { role: "citizen" },
    { name: "rate", resolution: "partly_solved", rating: "basically_satisfied", comment: p.slice(0, 500) },
  );

  const reason = `不予受理：${p}`;
  const b = await submit(p, i + 500, {});
  await run(b.caseId, office, { name: "reject", reason });
  await waitFor(
    () => env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND rating IS NOT NULL").bind(a.caseId).first(),
    15_000,
  );
  await waitFor(
    () => env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = 'rejected'").bind(b.caseId).first(),
    15_000,
  );
  return {
    payload: p,
    index: i,
    department: p,
    title: titleOf(p),
    body: `内容：${p}`,
    reply,
    reason,
    answered: a,
    rejected: b,
  };
}

const made: Made[] = [];
/** Each round's board pages (the home page, and /board once it exists) with the round's payloads. */
const boards: { round: Made[]; pages: [string, string][] }[] = [];
const get = (path: string) => exports.default.fetch(`http://intake.test${path}`);
const postForm = (path: string, fields: Record<string, string>) =>
  exports.default.fetch(`http://intake.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  // Admin-entered names are untrusted too: each payload is a department and its spokesperson.
  const now = new Date().toISOString();
  await env.DB.batch(
    XSS_PAYLOADS.flatMap((p, i) => [
      env.DB.prepare("INSERT INTO departments (id, name, kind, region_code) VALUES (?, ?, 'municipal', '620800')").bind(
        dept(i),
        p,
      ),
      env.DB.prepare(
        "INSERT INTO users (id, username, display_name, role, department_id, public_title, password_hash) VALUES (?, ?, ?, 'spokesperson', ?, ?, 'x')",
      ).bind(`${dept(i)}-sp`, `${dept(i)}-sp`, p, dept(i), p),
    ]),
  );
  // In rounds small enough that each round's cases are the newest on the board pages when they are read.
  const ROUND = 6;
  for (let start = 0; start < XSS_PAYLOADS.length; start += ROUND) {
    const round = await Promise.all(XSS_PAYLOADS.slice(start, start + ROUND).map((p, k) => make(p, start + k)));
    made.push(...round);
    const pages: [string, string][] = [["/", await (await get("/")).text()]];
    const board = await get("/board");
    if (board.status !== 404) pages.push(["/board", await board.text()]);
    boards.push({ round, pages });
  }
  // A 通报 on each answered case, named by its department.
  await env.DB.batch(
    made.map((m) =>
      env.DB.prepare(
        "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES (?, ?, ?, ?, 'reply', 'notice', ?, ?)",
      ).bind(`${m.answered.caseId}:xss`, m.answered.caseId, m.answered.trackingNo, dept(m.index), now, now),
    ),
  );
}, 600_000);

afterAll(async () => {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM accountability_records WHERE id LIKE '%:xss'"),
    env.DB.prepare("DELETE FROM users WHERE id LIKE 'xssp-%'"),
    env.DB.prepare("DELETE FROM departments WHERE id LIKE 'xssp-%'"),
  ]);
});

describe("the shared checker", () => {
  // Pasted unescaped, a payload that opens a tag must be caught in text, and one that breaks out of a
  // quoted attribute into a handler or a tag must be caught there; escaped, every payload passes and
  // reads as typed.
  it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))("catches payload %i unescaped: %s", async (_, p) => {
    const escaped = p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const safe = await inspectHtml(`<p>${escaped}</p><input value="${escaped}">`);
    expect(safe.problems).toEqual([]);
    expect(safe.text).toBe(p);
    if (/<[a-z!%]/i.test(p)) expect((await inspectHtml(`<p>${p}</p>`)).problems, "in text").not.toEqual([]);
    // (A breakout into a bare <input> is injected too, but holds nothing to run; only a page's own tags are known.)
    if (/"[^"]*\bon\w+\s*=|">\s*<(?!input)[a-z]/i.test(p))
      expect((await inspectHtml(`<input value="${p}">`)).problems, "in an attribute").not.toEqual([]);
  });

  it("checks JSON blocks for a raw <", async () => {
    expect((await inspectHtml('<script type="application/json">{"a":"</p>"}</script>')).problems).toContain(
      "a raw < inside a JSON <script> block (write \\u003c)",
    );
    expect((await inspectHtml('<script type="application/json">{"a":"\\u003c/p>"}</script>')).problems).toEqual([]);
    expect((await inspectHtml("<script>alert(1)</script>")).problems).not.toEqual([]);
    expect((await inspectHtml('<script src="//evil.example/x.js"></script>')).problems).not.toEqual([]);
  });
});

describe("the portal renders the XSS corpus as text", () => {
  it("exercises every payload of the corpus (at least 50)", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(made).toHaveLength(XSS_PAYLOADS.length);
  });

  it("on the home page and the public board (/board where it exists), each round's newest cases shown", async () => {
    let shown = 0;
    for (const { round, pages } of boards) {
      let seen = 0;
      for (const [path, html] of pages) {
        const text = await expectSafeHtml(html, path);
        seen = Math.max(
          seen,
          round.filter((m) => text.includes(maskPersonalData(m.title)) || text.includes(m.department)).length,
        );
      }
      expect(seen, `round of ${round[0]?.index}`).toBeGreaterThan(0);
      shown += seen;
    }
    console.info(
      `board pages: ${shown} of ${made.length} payloads shown as titles or department names on ${boards[0]?.pages.map(([p]) => p).join(" and ")}`,
    );
  });

  it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))(
    "on the case pages and the citizen's own view: payload %i %s",
    async (i) => {
      const m = made[i];
      if (!m) throw new Error("not made");
      const publicPage = await get(`/cases/${m.answered.trackingNo}`);
      expect(publicPage.status).toBe(200);
      const text = await expectSafeHtml(await publicPage.text(), "public case page");
      // Shown, masked as every public view masks typed-in numbers; names are public and unmasked.
      for (const shown of [
        maskPersonalData(m.title),
        maskPersonalData(m.body),
        maskPersonalData(m.reply),
        m.department,
        `${name40(m.payload)}（${m.payload.slice(0, 80).trim()}）`,
      ]) {
        expect(text).toContain(shown);
      }

      const rejected = await expectSafeHtml(
        await (await get(`/cases/${m.rejected.trackingNo}`)).text(),
        "rejected case page",
      );
      expect(rejected).toContain(maskPersonalData(m.reason));

      const own = await postForm("/lookup", { trackingNo: m.answered.trackingNo, queryCode: m.answered.queryCode });
      expect(own.status).toBe(200);
      const ownText = await expectSafeHtml(await own.text(), "citizen's own view");
      for (const shown of [m.title, m.body, name40(m.payload), m.payload.slice(0, 200).trim()])
        expect(ownText).toContain(shown);

      // Reflected: a payload typed as the tracking number comes back in the form, inert.
      await expectSafeHtml(
        await (await postForm("/lookup", { trackingNo: m.payload, queryCode: "X" })).text(),
        "lookup error page",
      );
      await expectSafeHtml(await (await get(`/cases/${encodeURIComponent(m.payload)}`)).text(), "case page 404");
    },
  );

  it("on the notices page and the spokespeople page, payloads as department and spokesperson names", async () => {
    const notices = await expectSafeHtml(await (await get("/notices")).text(), "notices");
    const spokespeople = await expectSafeHtml(await (await get("/spokespeople")).text(), "spokespeople");
    const onNotices = made.filter((m) => notices.includes(m.department));
    const onSpokespeople = made.filter((m) => spokespeople.includes(m.payload));
    expect(onNotices.length).toBeGreaterThanOrEqual(50);
    expect(onSpokespeople).toHaveLength(made.length);
  });
});
