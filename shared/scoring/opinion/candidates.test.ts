import { describe, expect, it } from "vitest";
import { candidateReason, rankCandidates, type TopicSignals } from "./candidates";

const topic = (key: string, signals: Partial<TopicSignals> = {}): TopicSignals => ({
  key,
  label: key,
  volume: 10,
  burst: 1,
  dissatisfied: 0,
  clusterSize: 1,
  supporters: 0,
  ...signals,
});

describe("rankCandidates", () => {
  it("puts a rising, disputed topic above a larger steady one", () => {
    const ranked = rankCandidates([
      topic("物业", { volume: 60 }),
      topic("供暖", { volume: 42, burst: 3.1, dissatisfied: 5 }),
      topic("路灯", { volume: 8 }),
    ]);
    expect(ranked.map((c) => c.key)).toEqual(["供暖", "物业", "路灯"]);
    expect(ranked[0]?.reason).toBe("留言量 42，为往常的 3.1 倍，不满意 5 件");
  });

  it("lifts a topic citizens supported (附议), at half the weight of messages, and says so", () => {
    const [first, second] = rankCandidates([
      topic("路灯", { volume: 10 }),
      topic("供暖", { volume: 10, supporters: 48 }),
    ]);
    expect(first?.key).toBe("供暖");
    expect((first?.score ?? 0) - (second?.score ?? 0)).toBeCloseTo(0.5 * Math.log1p(48), 5);
    expect(first?.reason).toBe("留言量 10，附议 48 人");
    expect(candidateReason(topic("x", { supporters: 1 }), "en")).toBe("10 messages, 1 supporter");
  });

  it("scales volume by its log, so doubling the messages adds a constant", () => {
    const [big, small] = rankCandidates([topic("a", { volume: 199 }), topic("b", { volume: 99 })]);
    expect((big?.score ?? 0) - (small?.score ?? 0)).toBeCloseTo(Math.log(2), 5);
  });

  it("follows the given weights", () => {
    const topics = [topic("many", { volume: 300 }), topic("angry", { volume: 5, dissatisfied: 20 })];
    expect(rankCandidates(topics)[0]?.key).toBe("many");
    expect(rankCandidates(topics, { volume: 0.2 })[0]?.key).toBe("angry");
  });

  it("is deterministic: ties are broken by key and input order does not matter", () => {
    const topics = [topic("b"), topic("c"), topic("a")];
    expect(rankCandidates(topics).map((c) => c.key)).toEqual(["a", "b", "c"]);
    expect(rankCandidates([...topics].reverse())).toEqual(rankCandidates(topics));
  });

  it("treats missing or nonsensical signals as zero", () => {
    const [c] = rankCandidates([topic("x", { volume: Number.NaN, burst: -3, dissatisfied: -1, clusterSize: 0 })]);
    expect(c?.score).toBe(0);
    expect(c?.reason).toBe("留言量 0");
  });
});

describe("candidateReason", () => {
  it("mentions only the signals worth mentioning", () => {
    expect(candidateReason(topic("a", { volume: 12, burst: 1.2 }))).toBe("留言量 12");
    expect(candidateReason(topic("a", { volume: 12, burst: 2, clusterSize: 6 }))).toBe(
      "留言量 12，为往常的 2.0 倍，相似留言 6 件",
    );
  });
});
