import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { unitCounters } from "../../../shared/db/evaluation-queries";
import type { CaseEventMessage } from "../../../shared/messages";
import { caseIncrements } from "../../../shared/scoring/rollup-increments";
import { handBuiltMonth } from "../../../shared/scoring/test-month";
import entry from "../src/index";
import { rebuildRollups } from "../src/rollups-rebuild";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<EvaluationEnv>, "queue">> = entry;

const month = handBuiltMonth();

/** The messages the durable objects would send for the hand-built month, one per event. */
const messages: CaseEventMessage[] = month.flatMap((events) => {
  const increments = new Map(caseIncrements(events).map((r) => [r.eventId, r.increment]));
  return events.map((e) => ({
    v: 1,
    kind: "case.event",
    eventId: e.id,
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    at: e.at,
    status: "x",
    departmentId: null,
    rollup: increments.get(e.id) ?? null,
  }));
});

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    "case-events",
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(1000 + i), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function table() {
  const cells = (
    await env.DB.prepare(
      "SELECT period, department_id, region_code, category, counter, n FROM rollup_counts ORDER BY 1, 2, 3, 4, 5",
    ).all()
  ).results;
  const units = (
    await env.DB.prepare("SELECT period, kind, unit_id, counter, n FROM rollup_units ORDER BY 1, 2, 3, 4").all()
  ).results;
  return { cells, units };
}

/** A seeded shuffle, so the test is deterministic but the order is nothing like the log's. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The month's event log in D1; `withoutQuality` stores the replies as events from before the reply check. */
async function storeEventLog(withoutQuality = false) {
  const payloadOf = (e: (typeof month)[number][number]) => {
    if (!withoutQuality || e.type !== "case.reply_published") return e.payload;
    const { quality: _dropped, ...older } = e.payload;
    return older;
  };
  const insert = env.DB.prepare(
    "INSERT INTO case_events (event_id, case_id, seq, type, actor_role, actor_user_id, actor_department_id, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)",
  );
  await env.DB.batch(
    month
      .flat()
      .map((e) =>
        insert.bind(
          e.id,
          e.caseId,
          e.seq,
          e.type,
          e.actor.role,
          e.at,
          JSON.stringify(payloadOf(e)),
          e.prevHash,
          e.hash,
        ),
      ),
  );
}

beforeEach(async () => {
  await env.DB.batch(
    ["rollup_counts", "rollup_units", "rollup_applied", "case_events"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

describe("case-events consumer", () => {
  it("counts the hand-built month into per-department rollups", async () => {
    const result = await deliver(messages);
    expect(result.explicitAcks).toHaveLength(messages.length);
    const departments = await unitCounters(env.DB, "2026-03", "department");
    expect(departments.get("dept-a")).toMatchObject({
      assigned: 4,
      acknowledgedOnTime: 3,
      replied: 4,
      repliedOnTime: 3,
      replyOverdue: 1,
      rated: 3,
      redone: 1,
      replyChecked: 4,
      replyBoilerplate: 3,
    });
    expect(departments.get("dept-b")).toMatchObject({
      assigned: 3,
      returned: 1,
      extended: 1,
      closed: 1,
      unrated: 1,
      rated: 0,
    });
    expect((await unitCounters(env.DB, "2026-03", "county")).get("620802")).toMatchObject({ received: 6, assigned: 7 });
  });

  it("a replayed or shuffled batch changes nothing", async () => {
    await deliver(messages);
    const once = await table();
    await deliver(shuffled([...messages, ...messages.slice(0, 9)], 7));
    expect(await table()).toEqual(once);

    await env.DB.batch(
      ["rollup_counts", "rollup_units", "rollup_applied"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    );
    for (const part of [shuffled(messages, 1).slice(0, 20), shuffled(messages, 2), shuffled(messages, 3).slice(5)])
      await deliver(part);
    expect(await table()).toEqual(once);
  });

  it("counts a drain's events sent as one message (v2) exactly as the same events sent one by one", async () => {
    await deliver(messages);
    const oneByOne = await table();
    await env.DB.batch(
      ["rollup_counts", "rollup_units", "rollup_applied"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    );
    const drains = [messages.slice(0, 7), messages.slice(7)].map((events) => ({ v: 2, kind: "case.events", events }));
    const result = await deliver([...drains, ...messages.slice(0, 5), drains[0]]);
    expect(result.explicitAcks).toHaveLength(8);
    expect(await table()).toEqual(oneByOne);
  });

  it("counts a batch with an unparseable message one by one: the rest still count, the bad one alone is buried", async () => {
    await deliver(messages.slice(0, 6));
    const alone = await table();
    await env.DB.batch(
      ["rollup_counts", "rollup_units", "rollup_applied"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    );
    const result = await deliver([...messages.slice(0, 3), { v: 1, kind: "case.event" }, ...messages.slice(3, 6)]);
    expect(result.explicitAcks).toHaveLength(7);
    expect(result.retryMessages).toEqual([]);
    expect(await table()).toEqual(alone);
  });

  it("sends an unparseable message to the dead letters and counts nothing", async () => {
    const result = await deliver([{ v: 1, kind: "case.event", eventId: "x" }]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(await table()).toEqual({ cells: [], units: [] });
  });
});

describe("rollups:rebuild", () => {
  it("recomputes from the event log exactly what the incremental path counted", async () => {
    await storeEventLog();
    await deliver(shuffled(messages, 11));
    const live = await table();
    const progress: { cases: number; events: number }[] = [];
    const check = await rebuildRollups(env.DB, { write: false, casesPerPage: 2, onProgress: (p) => progress.push(p) });
    expect(check).toMatchObject({ cases: 6, events: month.flat().length, differences: [] });
    // One call per page of two cases, the last with the totals.
    expect(progress.map((p) => p.cases)).toEqual([2, 4, 6]);
    expect(progress.at(-1)).toEqual({ cases: 6, events: month.flat().length });

    const written = await rebuildRollups(env.DB, { write: true });
    expect(written.differences).toEqual([]);
    expect(await table()).toEqual(live);
    // Every counted event stays recorded, so a late redelivery after the rebuild still counts once.
    await deliver(messages);
    expect(await table()).toEqual(live);
  });

  it("counts replies from before the reply check the same way, scoring them from the case", async () => {
    await storeEventLog(true);
    await deliver(messages);
    const live = await table();
    const check = await rebuildRollups(env.DB, { write: false });
    expect(check.differences).toEqual([]);
    const departments = await unitCounters(env.DB, "2026-03", "department");
    expect(departments.get("dept-b")).toMatchObject({ replyChecked: 2, replyBoilerplate: 2 });
    await rebuildRollups(env.DB, { write: true });
    expect(await table()).toEqual(live);
  });

  it("finds and repairs a drifted counter", async () => {
    await storeEventLog();
    await deliver(messages);
    const live = await table();
    await env.DB.prepare(
      "UPDATE rollup_counts SET n = n + 5 WHERE department_id = 'dept-a' AND counter = 'satisfied'",
    ).run();
    const check = await rebuildRollups(env.DB, { write: false });
    expect(check.differences).toEqual([
      { cell: ["2026-03", "dept-a", "620802", "urban_rural", "satisfied"], live: 6, rebuilt: 1 },
    ]);
    await rebuildRollups(env.DB, { write: true });
    expect(await table()).toEqual(live);
  });
});
