import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import type { Actor, CaseState } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { expectSafeHtml, inspectHtml } from "../../../test/fixtures/html-safety";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { ConsoleClient } from "./console";
import { SUBMISSION, waitFor } from "./helpers";

// The staff console renders what citizens typed and what other staff wrote: every payload of the
// corpus goes into the title, the body, the petitioner's name and address, each department-facing
// note (assignment note, return reason, extension reason, urge note, rejection reason), the reply
// and its outcome note, the spokesperson's public name and title, the citizen's rating comment, and
// the names an admin gives a department and its staff. Each console page must show them as text.

const DEPT = "xssc";
const DEPT_NAME = `测试局${XSS_PAYLOADS[9] ?? ""}`;
const office: Actor = { role: "dispatcher", userId: "xssc-dispatcher", departmentId: "pl-office" };
const supervisor: Actor = { role: "supervisor", userId: "xssc-supervisor", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "xssc-handler", departmentId: DEPT };
const speaker: Actor = { role: "spokesperson", userId: "xssc-spokesperson", departmentId: DEPT };
const SPEAKER_NAME = XSS_PAYLOADS[21] ?? "";

interface Made {
  payload: string;
  title: string;
  body: string;
  name: string;
  reply: string;
  /** Desk (A): returned, reassigned, extension pending, urged and drafted — overdue since March. */
  desk: { caseId: string; trackingNo: string; urgeEventId: string };
  published: { trackingNo: string };
  returned: { trackingNo: string };
  rejected: { trackingNo: string };
}

const titleOf = (p: string) => `留言：${p}`.slice(0, 100).trim();
let clock = Date.parse("2026-03-02T01:00:00.000Z");
/** Strictly increasing instants in March 2026, so every deadline has long passed. */
const tick = () => {
  clock += 1000;
  return new Date(clock).toISOString();
};

async function run(caseId: string, actor: Actor, command: CaseCommand, now = tick()): Promise<void> {
  const r = await caseRecordStub(env, caseId).execute({ idempotencyKey: crypto.randomUUID(), actor, command, now });
  if (!r.ok) throw new Error(`${command.name}: ${r.error.code} ${r.error.message}`);
}

async function submit(p: string, i: number, extra: { name?: string; address?: string } = {}) {
  const caseId = `xssc-${crypto.randomUUID()}`;
  // Seed channel: the live case-intake consumer leaves these cases to the test.
  const r = await caseRecordStub(env, caseId).submit({
    caseId,
    channel: "seed",
    idempotencyKey: caseId,
    now: tick(),
    submission: {
      ...SUBMISSION,
      category: undefined,
      title: titleOf(p),
      body: `内容：${p}`,
      phone: `136${String(10_000_000 + i * 7919).slice(-8)}`,
      ...extra,
    },
  });
  if (!r.ok) throw new Error(r.error.code);
  return { caseId, trackingNo: r.value.trackingNo };
}

async function make(p: string, i: number): Promise<Made> {
  const name = p.slice(0, 40).trim();
  const reply = `答复：${p}`;
  const a = await submit(p, i, { name, address: p.slice(0, 200) });
  for (const [actor, command] of [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: DEPT, coDepartmentIds: [], note: p.slice(0, 500) }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "returnCase", reason: p }],
    [office, { name: "assign", departmentId: DEPT, coDepartmentIds: [], note: p.slice(0, 500) }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "requestExtension", reason: p, workingDays: 3 }],
    [supervisor, { name: "urge", level: "supervise", note: p }],
    [handler, { name: "draftReply", text: reply, outcome: "not_resolvable", outcomeNote: p }],
  ] satisfies [Actor, CaseCommand][]) {
    await run(a.caseId, actor, command);
  }
  const events = await caseRecord(env, a.caseId).events();
  const urgeEventId = events.find((e) => e.type === "case.urged")?.id ?? "";

  const b = await submit(p, i + 300);
  for (const [actor, command] of [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: DEPT, coDepartmentIds: [] }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "draftReply", text: reply, outcome: "explained" }],
  ] satisfies [Actor, CaseCommand][]) {
    await run(b.caseId, actor, command);
  }
  const draftedAt = ((await caseRecordStub(env, b.caseId).read()) as CaseState | null)?.draft?.draftedAt ?? "";
  await run(b.caseId, speaker, {
    name: "publishReply",
    spokesperson: { name, title: p.slice(0, 80).trim() },
    draftedAt,
  });
  await run(
    b.caseId,
    { role: "citizen" },
    { name: "rate", resolution: "not_solved", rating: "dissatisfied", comment: p.slice(0, 500) },
  );

  const c = await submit(p, i + 600);
  for (const [actor, command] of [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: DEPT, coDepartmentIds: [] }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "returnCase", reason: p }],
  ] satisfies [Actor, CaseCommand][]) {
    await run(c.caseId, actor, command);
  }

  const d = await submit(p, i + 900);
  await run(d.caseId, office, { name: "reject", reason: `不予受理：${p}` });

  await waitFor(
    () => env.DB.prepare("SELECT 1 AS ok FROM case_events WHERE event_id = ?").bind(urgeEventId).first(),
    15_000,
  );
  for (const [id, status] of [
    [a.caseId, "acknowledged"],
    [b.caseId, "replied"],
    [c.caseId, "returned"],
    [d.caseId, "rejected"],
  ] as const) {
    await waitFor(
      () =>
        env.DB.prepare(
          "SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = ? AND last_seq = (SELECT MAX(seq) FROM case_events WHERE case_id = ?)",
        )
          .bind(id, status, id)
          .first(),
      15_000,
    );
  }
  return {
    payload: p,
    title: titleOf(p),
    body: `内容：${p}`,
    name,
    reply,
    desk: { ...a, urgeEventId },
    published: b,
    returned: c,
    rejected: d,
  };
}

const made: Made[] = [];
let dispatcher: ConsoleClient;
let deptHandler: ConsoleClient;
let deptSpeaker: ConsoleClient;
let supervision: ConsoleClient;

beforeAll(async () => {
  const copyOf = (id: string, role: string, displayName: string, title: string | null) =>
    env.DB.prepare(
      `INSERT INTO users (id, username, display_name, role, department_id, public_title, password_hash)
       SELECT ?1, ?1, ?2, ?3, '${DEPT}', ?4, password_hash FROM users WHERE username = 'pl-housing-handler'`,
    ).bind(id, displayName, role, title);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO departments (id, name, kind, region_code) VALUES (?, ?, 'municipal', '620800')").bind(
      DEPT,
      DEPT_NAME,
    ),
    copyOf("xssc-handler", "handler", XSS_PAYLOADS[0] ?? "", null),
    copyOf("xssc-spokesperson", "spokesperson", SPEAKER_NAME, XSS_PAYLOADS[22] ?? ""),
  ]);
  const ROUND = 8;
  for (let start = 0; start < XSS_PAYLOADS.length; start += ROUND) {
    made.push(...(await Promise.all(XSS_PAYLOADS.slice(start, start + ROUND).map((p, k) => make(p, start + k)))));
  }
  dispatcher = await ConsoleClient.signIn("dispatcher");
  deptHandler = await ConsoleClient.signIn("xssc-handler");
  deptSpeaker = await ConsoleClient.signIn("xssc-spokesperson");
  supervision = await ConsoleClient.signIn("supervisor");
}, 900_000);

afterAll(async () => {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM users WHERE id IN ('xssc-handler', 'xssc-spokesperson')"),
    env.DB.prepare("DELETE FROM departments WHERE id = ?").bind(DEPT),
    env.DB.prepare("DELETE FROM opinion_topics WHERE period IN ('2024-01', '2024-02', '2024-03')"),
  ]);
});

/** The page's text after the safety check; `n` of the corpus must show in it (as titles, usually). */
async function safePage(client: ConsoleClient, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return expectSafeHtml(await res.text(), path);
}
const shownTitles = (text: string) => made.filter((m) => text.includes(m.title)).length;

describe("the console renders the XSS corpus as text", () => {
  it("exercises every payload of the corpus (at least 50)", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(made).toHaveLength(XSS_PAYLOADS.length);
  });

  it("on the dispatcher's queue: extension requests and returns with their reasons", async () => {
    const text = await safePage(dispatcher, "/console/dispatch");
    expect(shownTitles(text)).toBeGreaterThanOrEqual(50);
    expect(made.filter((m) => text.includes(m.payload)).length).toBeGreaterThanOrEqual(50); // the return reasons
  });

  it("on the department's inbox, the spokesperson's review page and the overdue board", async () => {
    const inbox = await safePage(deptHandler, "/console/inbox");
    expect(inbox).toContain(DEPT_NAME);
    expect(inbox).toContain(XSS_PAYLOADS[0]); // the handler's own display name in the header
    expect(shownTitles(inbox)).toBe(made.length);
    const review = await safePage(deptSpeaker, "/console/review");
    expect(review).toContain(SPEAKER_NAME);
    expect(shownTitles(review)).toBe(made.length);
    const overdue = await safePage(supervision, `/console/overdue?department=${DEPT}`);
    expect(overdue).toContain(DEPT_NAME);
    expect(shownTitles(overdue)).toBeGreaterThanOrEqual(made.length);
    await safePage(supervision, "/console/overdue");
  });

  it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))(
    "on the case desk and the printable notice: payload %i %s",
    async (i) => {
      const m = made[i];
      if (!m) throw new Error("not made");
      const p = m.payload;
      const asDispatcher = await safePage(dispatcher, `/console/cases/${m.desk.trackingNo}`);
      for (const shown of [m.title, m.body, m.name, p.slice(0, 200).trim(), m.reply, DEPT_NAME])
        expect(asDispatcher).toContain(shown);
      // return reason, extension reason, urge note and outcome note, in the timeline and the draft
      expect(asDispatcher.split(p).length - 1).toBeGreaterThanOrEqual(5);
      const asHandler = await safePage(deptHandler, `/console/cases/${m.desk.trackingNo}`);
      expect(asHandler).toContain(m.reply); // the draft, and the form to edit it

      const published = await safePage(deptSpeaker, `/console/cases/${m.published.trackingNo}`);
      expect(published).toContain(`网络发言人 ${m.name}（${p.slice(0, 80).trim()}）`);
      expect(published).toContain(p.slice(0, 500)); // the rating comment in the timeline
      expect(await safePage(dispatcher, `/console/cases/${m.returned.trackingNo}`)).toContain(p);
      expect(await safePage(dispatcher, `/console/cases/${m.rejected.trackingNo}`)).toContain(`不予受理：${p}`);

      const notice = await safePage(supervision, `/console/notices/${m.desk.urgeEventId}`);
      expect(notice).toContain(p);
      expect(notice).toContain(m.title);
    },
  );

  it("in the opinion page's JSON block, with < escaped", async () => {
    const insert = env.DB.prepare(
      "INSERT INTO opinion_topics (period, region_code, term, n, recent, baseline, burst, rising, dissatisfied) VALUES (?, '*', ?, ?, 5, 1, 4, 1, 0)",
    );
    const periods = ["2024-01", "2024-02", "2024-03"];
    await env.DB.batch(XSS_PAYLOADS.map((p, i) => insert.bind(periods[i % 3], p, 100 - i)));
    const terms = new Set<string>();
    for (const period of periods) {
      const res = await supervision.get(`/console/evaluation/opinion?period=${period}&region=*`);
      expect(res.status).toBe(200);
      const page = await inspectHtml(await res.text());
      expect(page.problems, period).toEqual([]);
      expect(page.json).toHaveLength(1);
      for (const t of (page.json[0] as { hot: { term: string }[] }).hot) terms.add(t.term);
    }
    expect([...terms].filter((t) => XSS_PAYLOADS.includes(t)).length).toBe(XSS_PAYLOADS.length);
  });
});
