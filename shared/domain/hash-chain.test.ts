import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawStoredEvent, StoredEvent } from "./events";
import { canonicalJson, chainEvent, GENESIS_HASH, verifyChain } from "./hash-chain";
import { SAMPLE_EVENTS, sampleEvent } from "./test-fixtures";

function chainOf(n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const head = out[out.length - 1];
    out.push(
      chainEvent(head ? { seq: head.seq, hash: head.hash } : null, {
        caseId: "C",
        actor: { role: "system" },
        at: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`,
        ...(i === 0 ? SAMPLE_EVENTS["case.submitted"] : sampleEvent("case.urged", { note: `留言内容 ${i}` })),
      }),
    );
  }
  return out;
}

describe("canonical JSON", () => {
  it("orders keys and drops undefined, whatever the insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});

describe("hash chain", () => {
  it("links each event to the previous hash from the genesis", () => {
    const log = chainOf(4);
    expect(log[0]?.prevHash).toBe(GENESIS_HASH);
    expect(log[2]?.prevHash).toBe(log[1]?.hash);
    expect(verifyChain(log)).toEqual({ ok: true, length: 4, headHash: log[3]?.hash });
  });

  it("reports the first broken seq when a payload, a link or the order is altered", () => {
    const log = chainOf(5);
    const edited: RawStoredEvent[] = log.map((e) => (e.seq === 3 ? { ...e, payload: { note: "改过的答复" } } : e));
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenSeq: 3 });

    const relinked = log.map((e) => (e.seq === 4 ? { ...e, prevHash: GENESIS_HASH } : e));
    expect(verifyChain(relinked)).toMatchObject({ ok: false, brokenSeq: 4 });

    expect(verifyChain(log.filter((e) => e.seq !== 2))).toMatchObject({ ok: false, brokenSeq: 2 });
  });
});
