import { describe, expect, it } from "vitest";
import { memoryGrowth, type SoakCounts, soakVerdict } from "./soak-verdict.ts";

const clean: SoakCounts = {
  accepted: 100,
  found: 100,
  duplicates: 0,
  orphans: 0,
  clientTimeouts: 0,
  unrouted: 0,
  misrouted: 0,
  rollups: { received: 100, expectedReceived: 100, assigned: 100, expectedAssigned: 100 },
  chainsChecked: 100,
  chainsInvalid: 0,
  projectionBehind: 0,
};

describe("soakVerdict", () => {
  it("passes a run where every check held", () => {
    expect(soakVerdict(clean)).toEqual({ loss: 0, duplicates: 0, ok: true, failures: [] });
  });

  it("counts accepted cases missing from D1 as loss", () => {
    const v = soakVerdict({ ...clean, found: 97, chainsChecked: 97 });
    expect(v.loss).toBe(3);
    expect(v.ok).toBe(false);
    expect(v.failures).toEqual(["3 accepted case(s) missing from D1"]);
  });

  it("fails on duplicates", () => {
    const v = soakVerdict({ ...clean, duplicates: 1 });
    expect(v).toMatchObject({ duplicates: 1, ok: false });
  });

  it("tolerates a case without a receipt only for a request the client gave up on", () => {
    expect(soakVerdict({ ...clean, orphans: 1, clientTimeouts: 1 }).ok).toBe(true);
    expect(soakVerdict({ ...clean, orphans: 2, clientTimeouts: 1 }).ok).toBe(false);
  });

  it("fails when a case is unrouted or not where routing sends it", () => {
    expect(soakVerdict({ ...clean, unrouted: 1 }).failures).toEqual(["1 case(s) never screened or routed"]);
    expect(soakVerdict({ ...clean, misrouted: 2 }).failures).toEqual(["2 case(s) not where routing sends them"]);
  });

  it("fails when the rollups count an event twice or miss one", () => {
    const over = soakVerdict({ ...clean, rollups: { ...clean.rollups, received: 101 } });
    expect(over.failures).toEqual(["rollups count 101 received for 100 acceptances"]);
    const under = soakVerdict({ ...clean, rollups: { ...clean.rollups, assigned: 99 } });
    expect(under.failures).toEqual(["rollups count 99 assigned for 100 assignments"]);
  });

  it("fails on a broken chain, a D1 log that differs, or chains left unchecked", () => {
    expect(soakVerdict({ ...clean, chainsInvalid: 1 }).ok).toBe(false);
    expect(soakVerdict({ ...clean, projectionBehind: 1 }).ok).toBe(false);
    expect(soakVerdict({ ...clean, chainsChecked: 99 }).failures).toEqual(["only 99 of 100 chains checked"]);
  });

  it("lists every failure, not just the first", () => {
    expect(soakVerdict({ ...clean, found: 99, chainsChecked: 99, duplicates: 1, unrouted: 1 }).failures).toHaveLength(
      3,
    );
  });
});

describe("memoryGrowth", () => {
  it("is end minus start, its share of the start, and end minus the warm sample", () => {
    expect(memoryGrowth({ startMiB: 200, warmMiB: 240, endMiB: 250, peakMiB: 300 })).toEqual({
      growthMiB: 50,
      growthPct: 25,
      sinceWarmMiB: 10,
    });
  });
});
