/**
 * Earlier cases written straight into D1 (as the sweep and rollup benches fill theirs), so that
 * every query whose cost may depend on history sees it: `cases` (assigned, same region and
 * category as the bench's submissions, spread over the last 29 days, so inside the near-duplicate
 * check's 30-day window), their MinHash signatures in the same region (pseudo-random, so, like
 * most real pairs, unlike the new cases), three events each in `case_events` and `rollup_applied`,
 * the intake receipt (while that table exists) and the registry row. Phones differ from the
 * bench's, so the same-phone check finds nothing, as for most citizens. Written through the
 * bench's D1 probe in chunks of 20,000. A new index the pipeline reads (near-duplicate bands, say)
 * must be filled here too, or the large history would not reach it and would flatter the figure.
 */
import type { D1Client } from "./d1.ts";

const CHUNK = 20_000;
const DAY_S = 86_400;

/** `[h1,…,h64]` for row i: 64 pseudo-random 32-bit values, as SQL. */
function signatureSql(): string {
  const terms = Array.from({ length: 64 }, (_, k) => `((i * ${2_654_435_761 + 2 * k} + ${k * 40_503}) % 4294967296)`);
  return `json_array(${terms.join(", ")})`;
}

/** Fills `n` earlier cases; returns how many `cases` rows D1 then holds. */
export async function fillHistory(db: D1Client, n: number): Promise<number> {
  const [dept] = await db.query<{ id: string }>("SELECT id FROM departments ORDER BY id LIMIT 1");
  const department = dept?.id ?? "";
  // Tables come and go with migrations (intake_receipts was dropped): fill those that exist.
  const tables = new Set(
    (await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name),
  );
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    // Row i was submitted between a minute and 29 days ago.
    const numbers = `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to}),
      h(i, at) AS (SELECT i, strftime('%Y-%m-%dT%H:%M:%S.000Z', 'now', printf('-%d seconds', 60 + (i * 7919) % ${29 * DAY_S})) FROM n)`;
    await db.query(`${numbers}
      INSERT INTO cases (case_id, tracking_no, type, status, title, body, category, region_code, channel, is_public,
        department_id, petitioner_phone, query_code_hash, receipt_hash, submitted_at, accepted_at, assigned_at,
        due_at, next_due_at, last_seq, updated_at)
      SELECT printf('HIST%08d', i), printf('H%011d', i), 'complaint', 'assigned', printf('历史诉求%d：小区噪音扰民', i),
        printf('小区附近夜间施工噪音很大，影响休息，希望有关部门处理。编号%d。', i), 'urban_rural', '620802', 'api', 1,
        '${department}', printf('138%08d', i), 'q', 'r', at, at, at,
        strftime('%Y-%m-%dT%H:%M:%S.000Z', at, '+15 days'), strftime('%Y-%m-%dT%H:%M:%S.000Z', at, '+1 days'), 3, at
      FROM h`);
    await db.query(`${numbers}
      INSERT INTO minhash_signatures (case_id, tracking_no, region_code, submitted_at, signature)
      SELECT printf('HIST%08d', i), printf('H%011d', i), '620802', at, ${signatureSql()} FROM h`);
    await db.query(`${numbers}
      INSERT INTO case_registry (case_id, tracking_no, submitted_at) SELECT printf('HIST%08d', i), printf('H%011d', i), at FROM h`);
    if (tables.has("intake_receipts"))
      await db.query(`${numbers}
      INSERT INTO intake_receipts (event_id, case_id, received_at) SELECT printf('HIST%08d-1', i), printf('HIST%08d', i), at FROM h`);
    for (const [seq, type] of [
      [1, "submitted"],
      [2, "accepted"],
      [3, "assigned"],
    ] as const) {
      await db.query(`${numbers}
        INSERT INTO case_events (event_id, case_id, seq, type, actor_role, at, payload, prev_hash, hash)
        SELECT printf('HIST%08d-${seq}', i), printf('HIST%08d', i), ${seq}, '${type}', 'system', at, '{}',
          printf('p%08d-${seq}', i), printf('h%08d-${seq}', i) FROM h`);
      await db.query(`${numbers}
        INSERT INTO rollup_applied (event_id, case_id) SELECT printf('HIST%08d-${seq}', i), printf('HIST%08d', i) FROM h`);
    }
  }
  const [row] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM cases");
  return row?.n ?? 0;
}
