import { count, getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { hashPassword } from "../../../../shared/auth/password";
import { DEMO_TOTP_SECRET, secondFactorRequired } from "../../../../shared/auth/second-factor";
import { caseRecord } from "../../../../shared/case-record/client";
import type { HolidayFile } from "../../../../shared/clocks/holiday-file";
import { getDb } from "../../../../shared/db/case-queries";
import * as desk from "../../../../shared/db/desk-schema";
import * as evaluation from "../../../../shared/db/evaluation-schema";
import * as t from "../../../../shared/db/schema";
import { demoCase } from "../../../../shared/demo/demo-cases";
import { DEMO_STAFF_PASSWORD, demoConfigRows } from "../../../../shared/demo/demo-config";
import { demoEvaluationRows, demoEvaluatorStaff } from "../../../../shared/demo/demo-evaluation";
import { caseIdFor } from "../../../../shared/domain/ids";
import { submitCase } from "../case-submission";

/** D1 binds at most 100 parameters per statement, so rows go in slices that fit. */
async function insertAll<T extends SQLiteTable>(
  db: ReturnType<typeof getDb>,
  table: T,
  rows: T["$inferInsert"][],
): Promise<void> {
  const perRow = Math.max(1, Object.keys(getTableColumns(table)).length);
  const size = Math.max(1, Math.floor(100 / perRow));
  for (let i = 0; i < rows.length; i += size)
    await db
      .insert(table)
      .values(rows.slice(i, i + size))
      .onConflictDoNothing();
}

/** Loads the demo city's configuration; rows already there are left as they are. */
export async function seedConfig(db: D1Database, holidays: HolidayFile, now: string): Promise<void> {
  const rows = demoConfigRows(holidays, now);
  const d = getDb(db);
  await insertAll(d, t.regions, rows.regions);
  await insertAll(d, t.departments, rows.departments);
  await insertAll(d, t.addressees, rows.addressees);
  await insertAll(d, t.categories, rows.categories);
  await insertAll(d, t.messageTypes, rows.messageTypes);
  await insertAll(d, t.calendarVersions, [rows.calendarVersion]);
  await insertAll(d, t.calendarDays, rows.calendarDays);
  await insertAll(d, t.timeLimitRules, rows.rules);
  await insertAll(d, desk.routingRules, rows.routingRules);
  await insertAll(d, desk.screenWords, rows.screenWords);
  const existing = new Set((await d.select({ id: t.users.id }).from(t.users)).map((u) => u.id));
  const fresh = rows.staff.filter((s) => !existing.has(s.id));
  const users = await Promise.all(
    fresh.map(async (s) => ({
      ...s,
      passwordHash: await hashPassword(DEMO_STAFF_PASSWORD),
      // The roles that must use a second factor come with the demo's (public) one already set up.
      totpSecret: secondFactorRequired(s.role) ? DEMO_TOTP_SECRET : null,
    })),
  );
  await insertAll(d, t.users, users);
}

/** The demo's 评议 groups, evaluator accounts and last month's panel scores (not part of the test configuration). */
export async function seedEvaluationDemo(db: D1Database, nowMs: number): Promise<void> {
  const d = getDb(db);
  const rows = demoEvaluationRows(nowMs);
  const existing = new Set((await d.select({ id: t.users.id }).from(t.users)).map((u) => u.id));
  const fresh = demoEvaluatorStaff().filter((s) => !existing.has(s.id));
  await insertAll(
    d,
    t.users,
    await Promise.all(fresh.map(async (s) => ({ ...s, passwordHash: await hashPassword(DEMO_STAFF_PASSWORD) }))),
  );
  await insertAll(d, evaluation.evaluatorGroups, rows.groups);
  await insertAll(d, evaluation.evaluatorMembers, rows.members);
  await insertAll(d, evaluation.panelScores, rows.panelScores);
}

/**
 * Creates demo case `index` through its durable object, exactly as live traffic would, with
 * backdated times. Every command has a fixed key, so seeding twice changes nothing.
 */
export async function seedCase(env: IntakeEnv, index: number, nowMs: number): Promise<void> {
  const demo = demoCase(index, nowMs);
  await submitCase(env, {
    scope: "seed",
    channel: "seed",
    idempotencyKey: demo.key,
    submission: demo.submission,
    now: demo.submittedAt,
  });
  const stub = caseRecord(env, caseIdFor("seed", demo.key));
  for (const step of demo.steps) {
    let command = step.command;
    if (command.name === "merge" && demo.mergeIntoIndex !== null) {
      const target = demoCase(demo.mergeIntoIndex, nowMs);
      const { receipt } = await submitCase(env, {
        scope: "seed",
        channel: "seed",
        idempotencyKey: target.key,
        submission: target.submission,
        now: target.submittedAt,
      });
      command = { ...command, intoTrackingNo: receipt.trackingNo };
    }
    await stub.execute({ idempotencyKey: step.key, actor: step.actor, command, now: step.at }).catch((error) => {
      throw new Error(`demo case ${index} step ${step.key}: ${error instanceof Error ? error.message : error}`);
    });
  }
  // What the five-minute sweep would have done by now (local dev never fires crons by itself).
  await stub.tick();
}

/** How many case rows the projection has written so far. */
export async function countCases(db: D1Database): Promise<number> {
  const [row] = await getDb(db).select({ n: count() }).from(t.cases);
  return row?.n ?? 0;
}
