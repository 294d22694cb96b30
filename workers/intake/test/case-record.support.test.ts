import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { supporterDigest } from "../../../shared/domain/support";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const dispatcher: Actor = { role: "dispatcher", userId: "d1", departmentId: "pl-office" };
const phone = (i: number) => `1390000${String(i).padStart(4, "0")}`;

/** A case the public can see (accepted, public), after `commands` by the dispatcher. */
async function publicCase(
  commands: CaseCommand[] = [{ name: "accept" }],
  isPublic = true,
  petitioner = SUBMISSION.phone,
) {
  const caseId = uniqueKey("support");
  const stub = caseRecordStub(env, caseId);
  const submitted = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: { ...SUBMISSION, isPublic, phone: petitioner },
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  for (const command of commands) {
    const done = await stub.execute({ idempotencyKey: uniqueKey("cmd"), actor: dispatcher, command });
    if (!done.ok) throw new Error(done.error.code);
  }
  return { caseId, stub, trackingNo: submitted.value.trackingNo };
}

const support = (stub: ReturnType<typeof caseRecordStub>, p: string, key = uniqueKey("sup")) =>
  stub.support({ idempotencyKey: key, phone: p });

describe("附议 in the case object", () => {
  it("counts each phone once under concurrency, never the petitioner, and keeps no phone", async () => {
    const { caseId, stub } = await publicCase();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => support(stub, phone(i % 10))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await stub.read())?.supporters).toBe(10);
    const own = await support(stub, SUBMISSION.phone);
    expect(own.ok && own.value.supporters).toBe(10);
    const events = (await stub.events()).filter((e) => e.type === "case.supported");
    expect(events.map((e) => e.type === "case.supported" && e.payload.supporters)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(JSON.stringify(await stub.events())).not.toContain(phone(3));
    const stored = await runInDurableObject(stub, (_o, state) =>
      state.storage.sql.exec<{ digest: string }>("SELECT digest FROM supporters").toArray(),
    );
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(phone(3));
    // Projected: the read model carries the count.
    await runDurableObjectAlarm(stub);
    await waitFor(
      async () =>
        (await env.DB.prepare("SELECT supporters FROM cases WHERE case_id = ?").bind(caseId).first("supporters")) ===
        10,
    );
  });

  it("replays a key with its first answer and refuses it with another phone", async () => {
    const { stub } = await publicCase();
    const key = uniqueKey("again");
    const first = await support(stub, phone(1), key);
    const again = await support(stub, phone(1), key);
    expect(again).toEqual({ ...first, replayed: true });
    const other = await support(stub, phone(2), key);
    expect(other.ok || other.error.code).toBe("idempotency_conflict");
    expect((await stub.read())?.supporters).toBe(1);
  });

  it("is refused where the public cannot see the case or nobody owes it an answer, changing nothing", async () => {
    const cases: [string, Promise<{ stub: ReturnType<typeof caseRecordStub> }>, number, string][] = [
      ["unscreened", publicCase([]), 404, "not_found"],
      ["private", publicCase([{ name: "accept" }], false), 404, "not_found"],
      ["rejected", publicCase([{ name: "reject", reason: "不属于受理范围" }]), 404, "not_found"],
      ["merged", publicCase([{ name: "merge", intoTrackingNo: "ZZZZZZZZZZZZ" }]), 409, "case_merged"],
    ];
    for (const [what, made, status, code] of cases) {
      const { stub } = await made;
      const before = (await stub.events()).length;
      const res = await support(stub, phone(7));
      expect(res.ok ? "accepted" : [res.error.status, res.error.code], what).toEqual([status, code]);
      expect((await stub.events()).length, what).toBe(before);
    }
    const nobody = caseRecordStub(env, uniqueKey("none"));
    const missing = await support(nobody, phone(7));
    expect(missing.ok || missing.error.status).toBe(404);
    const bad = await caseRecordStub(env, uniqueKey("bad")).support({ idempotencyKey: uniqueKey("k"), phone: "12345" });
    expect(bad.ok || bad.error.code).toBe("invalid_command");
  });
});

describe("a merge moves its people to the case it names", () => {
  it("counts the duplicate's petitioner and supporters once as supporters of the kept case", async () => {
    const kept = await publicCase([{ name: "accept" }], true, phone(2));
    await support(kept.stub, phone(4));
    const dup = await publicCase([{ name: "accept" }], true, phone(1));
    await support(dup.stub, phone(2)); // the kept case's own petitioner: never its supporter
    await support(dup.stub, phone(3));
    await support(dup.stub, phone(4)); // already supports the kept case
    await runDurableObjectAlarm(kept.stub);
    await waitFor(async () => env.DB.prepare("SELECT 1 FROM cases WHERE case_id = ?").bind(kept.caseId).first());

    const merged = await dup.stub.execute({
      idempotencyKey: uniqueKey("merge"),
      actor: dispatcher,
      command: { name: "merge", intoTrackingNo: kept.trackingNo },
    });
    expect(merged.ok).toBe(true);
    await runDurableObjectAlarm(dup.stub);
    const state = await kept.stub.read();
    expect([state?.supporters, state?.mergedCount]).toEqual([3, 1]);
    // Delivered again (a crash before the outbox delete): the kept case replays, nothing counts twice.
    const mergeEvent = (await dup.stub.events()).find((e) => e.type === "case.merged");
    const again = await kept.stub.absorb({
      idempotencyKey: `merge:${mergeEvent?.id}`,
      fromTrackingNo: dup.trackingNo,
      digests: [1, 2, 3, 4].map((i) => supporterDigest(env.QUERY_CODE_SECRET, phone(i))),
    });
    expect(again).toEqual({ ok: true, value: { supporters: 3 }, replayed: true });
    const absorbed = (await kept.stub.events()).filter((e) => e.type === "case.merge_absorbed");
    expect(absorbed.map((e) => e.type === "case.merge_absorbed" && e.payload)).toEqual([
      { fromTrackingNo: dup.trackingNo, added: 2, supporters: 3 },
    ]);
    expect(JSON.stringify(await kept.stub.events())).not.toContain(phone(1));
    await runDurableObjectAlarm(kept.stub);
    await waitFor(
      async () =>
        (await env.DB.prepare("SELECT merged_count FROM cases WHERE case_id = ?")
          .bind(kept.caseId)
          .first("merged_count")) === 1,
    );
  });
});
