/**
 * The property test of shared/domain/case-commands.property.test.ts through the real durable
 * object (issue 19): random command sequences from random roles, with ticks and replays among
 * them, sent to a case object; after its outbox drains, the D1 read model (the cases row and
 * case_events) matches the object's state and log, the chain verifies in both, and every
 * snapshot the object kept is a legal state. Seeded and bounded (a few dozen cases).
 */
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { getDb } from "../../../shared/db/case-queries";
import { cases } from "../../../shared/db/schema";
import { commandFor, stepArbitrary, violations } from "../../../shared/domain/case-commands.arbitraries";
import { UNPUBLISHED_STATUSES } from "../../../shared/domain/case-model";
import type { RawStoredEvent } from "../../../shared/domain/events";
import { verifyChain } from "../../../shared/domain/hash-chain";
import { petitionerOf } from "../../../shared/domain/submission.schema";
import { type CaseRow, toCaseRow } from "../src/case-record/projection";
import { drain } from "./faults-fixtures";
import { SUBMISSION, uniqueKey } from "./fixtures";

const START = Date.parse("2026-03-02T01:00:00.000Z");
const HOUR = 3_600_000;

/** A command (most steps), a tick of the ladder, or a replay of the previous command's request. */
const action = fc.record({
  kind: fc.oneof(
    { weight: 8, arbitrary: fc.constant("command" as const) },
    { weight: 1, arbitrary: fc.constant("tick" as const) },
    { weight: 1, arbitrary: fc.constant("replay" as const) },
  ),
  step: stepArbitrary,
  /** Hours since the previous action: up to two weeks, so clocks run out and ladders fire. */
  hours: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) }, fc.integer({ min: 31, max: 340 })),
});

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;
/** Each D1 batch the object sends, in order: most land, some fail, some land with the answer lost. */
const d1Faults = fc.array(fc.constantFrom("ok", "ok", "ok", "fail", "lost"), { maxLength: 12 });

const projectedRow = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_i, state) =>
    JSON.parse(state.storage.sql.exec<{ row: string }>("SELECT row FROM projected WHERE id = 1").one().row),
  ) as Promise<CaseRow>;

interface EventRow {
  event_id: string;
  seq: number;
  type: string;
  actor_role: string;
  actor_user_id: string | null;
  actor_department_id: string | null;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The D1 copy of a case's log, read back into the shape the chain was hashed in. */
async function d1Log(caseId: string): Promise<RawStoredEvent[]> {
  const { results } = await env.DB.prepare("SELECT * FROM case_events WHERE case_id = ? ORDER BY seq")
    .bind(caseId)
    .all<EventRow>();
  return results.map((r) => ({
    seq: r.seq,
    id: r.event_id,
    caseId,
    type: r.type,
    actor: {
      role: r.actor_role,
      ...(r.actor_user_id === null ? {} : { userId: r.actor_user_id }),
      ...(r.actor_department_id === null ? {} : { departmentId: r.actor_department_id }),
    },
    at: r.at,
    payload: JSON.parse(r.payload),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

it("random command sequences to a case object, with D1 writes failing or their answers lost: after draining, its D1 projection matches it and both chains verify", async () => {
  let runs = 0;
  const reached = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 14, maxLength: 24 }), d1Faults, async (actions, faults) => {
      runs += 1;
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {}); // each failed delivery is logged
      // The object's D1 writes fail, or land with their answer lost, as the run's plan says.
      const batch = env.DB.batch.bind(env.DB);
      let calls = 0;
      const spy = vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
        const fault = faults[calls++] ?? "ok";
        if (fault === "fail") throw new Error("D1_ERROR: Network connection lost.");
        const result = await batch(statements);
        if (fault === "lost") throw new Error("Network connection lost");
        return result;
      });
      try {
        await walk(actions);
      } finally {
        spy.mockRestore();
        warn.mockRestore();
      }
    }),
    { seed: 19, numRuns: 30 },
  );
  expect(runs).toBe(30);
  // The generator is not too timid: the runs went as far as replies, ratings, closing and the ladder.
  expect([...reached]).toEqual(
    expect.arrayContaining(["case.reply_published", "case.closed", "case.escalated", "case.returned"]),
  );

  async function walk(actions: Action[]) {
    const caseId = uniqueKey("prop");
    const stub = caseRecordStub(env, caseId);
    let at = START;
    const submitted = await stub.submit({
      caseId,
      channel: "api",
      idempotencyKey: caseId,
      submission: SUBMISSION,
      now: new Date(at).toISOString(),
    });
    expect(submitted.ok).toBe(true);
    let last: Parameters<typeof stub.execute>[0] | null = null;
    for (const [i, { kind, step, hours }] of actions.entries()) {
      at += hours * HOUR;
      const now = new Date(at).toISOString();
      const before = await stub.events();
      const state = await stub.read();
      if (!state) throw new Error("no state after submission");
      if (kind === "tick") {
        expect((await stub.tick({ now })).ok).toBe(true);
      } else if (kind === "replay" && last) {
        const again = await stub.execute(last);
        if (again.ok) expect(again.replayed).toBe(true);
        expect(await stub.events()).toEqual(before);
      } else {
        const { actor, command } = commandFor(step, state, { deep: true });
        last = { idempotencyKey: `${caseId}-${i}`, actor, command, now };
        const result = await stub.execute(last);
        // A refusal, for whatever reason, leaves the log and the snapshot as they were.
        if (!result.ok) expect([await stub.events(), await stub.read()]).toEqual([before, state]);
      }
      const events = await stub.events();
      const after = await stub.read();
      if (!after) throw new Error("state lost");
      expect(violations(after, events)).toEqual([]);
    }

    // Drain: run the alarm, its backoff elapsed, until the outbox is empty.
    await drain(stub);
    const state = await stub.read();
    const events = await stub.events();
    if (!state) throw new Error("state lost");
    for (const e of events) reached.add(e.type);
    const [row] = await getDb(env.DB).select().from(cases).where(eq(cases.caseId, caseId));
    if (!row) throw new Error(`case ${caseId} not projected`);
    expect(row).toEqual(await projectedRow(stub));
    const clocks = { dueAt: row.dueAt, nextDueAt: row.nextDueAt, overdue: false };
    expect(row).toEqual(toCaseRow(state, petitionerOf(SUBMISSION), row.updatedAt, clocks));

    const copy = await d1Log(caseId);
    expect(copy).toEqual(JSON.parse(JSON.stringify(events)));
    expect(verifyChain(copy)).toMatchObject({ ok: true, length: events.length });
    // What /verify checks: the object's chain holds and starts at the receipt hash D1 carries.
    expect(await stub.verify()).toMatchObject({ ok: true, length: events.length });
    expect(events[0]?.hash).toBe(row.receiptHash);
    if (!UNPUBLISHED_STATUSES.includes(state.status)) {
      const res = await exports.default.fetch(`http://intake.test/api/v1/cases/${row.trackingNo}/verify`);
      expect(await res.json()).toMatchObject({ valid: true, events: events.length });
    }
  }
}, 90_000);
