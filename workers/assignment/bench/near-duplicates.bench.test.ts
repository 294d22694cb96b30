import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecord } from "../../../shared/case-record/client";
import { closestSignatures, minHashSignature } from "../../../shared/routing/duplicates";
import { verifiedCandidates } from "../../../shared/routing/lsh";
import { recordNearDuplicates } from "../src/case-intake.consumer";
import { legacySignatures } from "../src/case-intake-queries";
import { IndexStorage } from "../src/near-duplicates/index-storage";
import { submitCase } from "../test/helpers";
import { countingD1 } from "./d1-counter";

/**
 * `npm run bench:duplicates`: what one near-duplicate check costs, with 1 k and 100 k earlier cases
 * in the region's index, and what it costs in D1. Synthetic messages: 60 random characters after a
 * shared courtesy phrase, so unrelated pairs overlap a little more than real ones do; half the
 * checks are re-posts of a stored case (found), half new text.
 */
const SINCE = "2026-01-01T00:00:00.000Z";
const CHECKS = 100;

function randomText(next: () => number, length: number): string {
  let text = "您好，请尽快处理。";
  for (let i = 0; i < length; i++) text += String.fromCharCode(0x4e00 + (next() % 3000));
  return text;
}

function numbers(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 16), 0x45d9f3b) + 0x9e3779b9) >>> 0;
    return x;
  };
}

type Text = { title: string; body: string };
const message = (next: () => number): Text => ({ title: randomText(next, 8), body: randomText(next, 60) });

/** Fills a fresh region index with `n` cases straight through its storage, in chunks. */
async function filledIndex(n: number) {
  const stub = env.NEAR_DUPLICATES.getByName(`bench-${n}-${crypto.randomUUID()}`);
  const next = numbers(n);
  const stored: Text[] = [];
  for (let start = 0; start < n; start += 5000) {
    const chunk = Array.from({ length: Math.min(5000, n - start) }, () => message(next));
    if (start === 0) stored.push(...chunk.slice(0, CHECKS)); // the oldest, re-posted later
    await runInDurableObject(stub, (_instance, state) => {
      const store = new IndexStorage(state.storage.sql);
      state.storage.transactionSync(() => {
        for (const [i, m] of chunk.entries()) {
          store.add({
            caseId: `c${start + i}`,
            trackingNo: `T${start + i}`,
            submittedAt: new Date(Date.parse("2026-01-02T00:00:00.000Z") + (start + i) * 1000).toISOString(),
            signature: minHashSignature(m),
          });
        }
        store.setFlag("imported-minhash-signatures");
      });
    });
  }
  return { stub, next, stored };
}

/** SQL rows the index's own storage reads and writes for one check (what record() does, counted). */
async function storageRows(stub: DurableObjectStub, signature: number[], caseId: string) {
  return runInDurableObject(stub, (_instance, state) => {
    let rowsRead = 0;
    let rowsWritten = 0;
    let statements = 0;
    const sql = state.storage.sql;
    const counting = Object.assign(Object.create(sql) as SqlStorage, {
      exec: (query: string, ...bindings: SqlStorageValue[]) => {
        const cursor = sql.exec(query, ...bindings);
        const rows = cursor.toArray();
        statements += 1;
        rowsRead += cursor.rowsRead;
        rowsWritten += cursor.rowsWritten;
        return Object.assign(cursor, { toArray: () => rows, one: () => rows[0] });
      },
    });
    const store = new IndexStorage(counting);
    const found = state.storage.transactionSync(() => {
      store.pruneBefore(SINCE);
      const found = verifiedCandidates(signature, store.candidates(signature, SINCE, caseId));
      store.add({ caseId, trackingNo: caseId, submittedAt: "2026-03-01T00:00:00.000Z", signature });
      return found;
    });
    return { statements, rowsRead, rowsWritten, found: found.length };
  });
}

/** One check: a new case recorded and answered through the stub, as the consumer calls it. */
async function check(stub: Awaited<ReturnType<typeof filledIndex>>["stub"], caseId: string, text: Text) {
  const answer = await stub.record({
    regionCode: "bench",
    caseId,
    trackingNo: caseId,
    submittedAt: "2026-03-01T00:00:00.000Z",
    signature: minHashSignature(text),
    since: SINCE,
    limit: 16,
  });
  return answer.ok ? answer.found.length : -1;
}

describe("near-duplicate check, flat with history", () => {
  it("costs the same with 1 k and 100 k cases in the region", { timeout: 900_000 }, async () => {
    const sizes = [1000, 100_000];
    const indexes = [];
    for (const n of sizes) {
      const started = Date.now();
      indexes.push({ n, fillMs: 0, ...(await filledIndex(n)) });
      const last = indexes.at(-1);
      if (last) last.fillMs = Date.now() - started;
    }
    for (const index of indexes) for (let i = 0; i < 10; i++) await check(index.stub, `warm${i}`, message(index.next));
    // Alternating between the two sizes, so load from elsewhere on the machine falls on both alike.
    const totals = indexes.map(() => ({ ms: 0, withCandidates: 0 }));
    for (let i = 0; i < CHECKS; i++) {
      for (const [k, index] of indexes.entries()) {
        const original = index.stored[i] ?? message(index.next);
        const text = i % 2 === 0 ? { ...original, body: `${original.body}谢谢！` } : message(index.next);
        const started = Date.now();
        const found = await check(index.stub, `q${i}`, text);
        const total = totals[k];
        if (!total) continue;
        total.ms += Date.now() - started;
        if (found > 0) total.withCandidates += 1;
      }
    }
    for (const [k, index] of indexes.entries()) {
      const repost = await storageRows(
        index.stub,
        minHashSignature({ ...message(numbers(index.n)), title: "再次" }),
        "r",
      );
      const fresh = await storageRows(index.stub, minHashSignature(message(index.next)), "f");
      const total = totals[k] ?? { ms: Number.NaN, withCandidates: 0 };
      console.log(
        JSON.stringify({
          cases: index.n,
          fillMs: index.fillMs,
          perCheckMs: total.ms / CHECKS,
          checksWithCandidates: `${total.withCandidates}/${CHECKS}`,
          storagePerCheck: { repost, fresh },
        }),
      );
      expect(total.withCandidates).toBeGreaterThanOrEqual(CHECKS / 2);
    }
  });
});

describe("the old scan, for comparison", () => {
  it("read the region's newest 1,000 signatures from D1 and compared them all", async () => {
    const next = numbers(1);
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      caseId: `old${i}`,
      signature: minHashSignature(message(next)),
      submittedAt: new Date(Date.parse("2026-01-02T00:00:00.000Z") + i * 1000).toISOString(),
    }));
    const insert = env.DB.prepare(
      "INSERT INTO minhash_signatures (case_id, tracking_no, region_code, submitted_at, signature) VALUES (?, ?, 'old-scan', ?, ?)",
    );
    await env.DB.batch(rows.map((r) => insert.bind(r.caseId, r.caseId, r.submittedAt, JSON.stringify(r.signature))));
    const own = minHashSignature(message(next));
    await legacySignatures(env.DB, "old-scan", SINCE); // warm
    const started = Date.now();
    for (let i = 0; i < 20; i++) closestSignatures(own, await legacySignatures(env.DB, "old-scan", SINCE));
    console.log(JSON.stringify({ oldScanWithoutStatusJoin: { rows: 1000, perCheckMs: (Date.now() - started) / 20 } }));
  });
});

describe("near-duplicate check in D1", () => {
  it("reads D1 only when there are candidates, and then a row per candidate", async () => {
    const text = {
      title: "柳湖公园厕所无人清扫",
      body: "柳湖公园东门公厕长期无人清扫，异味很重，请环卫部门安排保洁，定期检查。",
    };
    const costs: Record<string, unknown> = {};
    const now = new Date();
    for (const [name, overrides] of [
      [
        "no candidates",
        { title: "西大街路灯不亮", body: "西大街中段路灯已经坏了一个月，晚上行人看不清路，请尽快维修。" },
      ],
      ["first of its kind", text],
      ["one live candidate", { ...text, title: `再次反映：${text.title}` }],
      ["two live candidates", { ...text, body: `${text.body}谢谢！` }],
    ] as const) {
      // A seed case: the live consumer leaves it alone, so only the call measured here touches it.
      const message = await submitCase({ ...overrides, regionCode: "620899", phone: "13900000411" }, "seed");
      const state = await caseRecord(env, message.caseId).read();
      if (!state) throw new Error("no state");
      const counted = countingD1(env.DB);
      const started = Date.now();
      await recordNearDuplicates({ ...env, DB: counted.db }, state, now);
      costs[name] = { ...counted.cost, ms: Date.now() - started };
    }
    console.log(JSON.stringify(costs));
    expect(costs["no candidates"]).toMatchObject({ statements: 0, rowsRead: 0, rowsWritten: 0 });
  });
});
