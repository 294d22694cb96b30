import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseIn, storedSample } from "../../../shared/domain/test-fixtures";
import {
  type CaseRow,
  type Projection,
  projectionStatements,
  rowChanges,
  toCaseRow,
  toEventRow,
} from "../src/case-record/projection";

const petitioner = { name: null, phone: "13800000000", email: null };

/** A case's row and event at `seq`, as the object would project them. */
function at(caseId: string, seq: number, status: "submitted" | "accepted" | "assigned", previous: CaseRow | null) {
  const state = { ...caseIn(status), caseId, trackingNo: `T${caseId.slice(-11)}`, lastSeq: seq };
  const row = toCaseRow(state, petitioner, `2026-03-02T0${seq}:00:00.000Z`, null);
  const event = { ...toEventRow(storedSample("case.accepted")), eventId: `${caseId}-${seq}`, caseId, seq };
  const changed = rowChanges(previous, row);
  const projection: Projection = changed ? { event, row, changed, prevSeq: previous?.lastSeq ?? null } : { event, row };
  return { row, projection };
}

const project = (projections: Projection[]) => env.DB.batch(projectionStatements(env.DB, projections));
const rowOf = (caseId: string) =>
  env.DB.prepare("SELECT status, title, last_seq FROM cases WHERE case_id = ?").bind(caseId).first();
const eventCount = (caseId: string) =>
  env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE case_id = ?").bind(caseId).first("n");

describe("projecting a case into D1", () => {
  it("writes only the changed columns when D1 holds the row the object projected before", async () => {
    const caseId = `proj-${crypto.randomUUID()}`;
    const first = at(caseId, 1, "submitted", null);
    await project([first.projection]);
    // A column the next projection does not change: a sentinel shows whether it was rewritten.
    await env.DB.prepare("UPDATE cases SET title = 'untouched' WHERE case_id = ?").bind(caseId).run();
    const second = at(caseId, 2, "accepted", first.row);
    expect(second.projection.changed).not.toContain("title");
    await project([second.projection]);
    expect(await rowOf(caseId)).toEqual({ status: "accepted", title: "untouched", last_seq: 2 });
    expect(await eventCount(caseId)).toBe(2);
  });

  it("writes the whole row when D1 lost it or holds another version, and never moves a row back", async () => {
    const caseId = `proj-${crypto.randomUUID()}`;
    const first = at(caseId, 1, "submitted", null);
    const second = at(caseId, 2, "accepted", first.row);
    const third = at(caseId, 3, "assigned", second.row);
    await project([first.projection]);
    await env.DB.prepare("DELETE FROM cases WHERE case_id = ?").bind(caseId).run(); // e.g. a restore
    await project([third.projection]); // built on seq 2, which D1 never saw
    expect(await rowOf(caseId)).toMatchObject({ status: "assigned", last_seq: 3 });
    await project([second.projection]); // a late retry of an older entry
    expect(await rowOf(caseId)).toMatchObject({ status: "assigned", last_seq: 3 });
    expect(await eventCount(caseId)).toBe(3);
    await project([second.projection, third.projection]); // delivered twice: nothing doubles
    expect(await eventCount(caseId)).toBe(3);
  });

  it("writes several events and only the newest row when a drain finds them together", async () => {
    const caseId = `proj-${crypto.randomUUID()}`;
    const first = at(caseId, 1, "submitted", null);
    const second = at(caseId, 2, "accepted", first.row);
    const third = at(caseId, 3, "assigned", second.row);
    await project([first.projection]);
    const statements = projectionStatements(env.DB, [second.projection, third.projection]);
    expect(statements).toHaveLength(4); // two events, one narrow update, one guarded upsert
    await env.DB.batch(statements);
    expect(await rowOf(caseId)).toMatchObject({ status: "assigned", last_seq: 3 });
    expect(await eventCount(caseId)).toBe(3);
  });
});
