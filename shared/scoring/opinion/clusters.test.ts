import { describe, expect, it } from "vitest";
import { clustersFromPairs } from "./clusters";

describe("clustersFromPairs", () => {
  it("joins chains of similar pairs into one cluster", () => {
    const clusters = clustersFromPairs([
      { a: "C3", b: "C1", similarity: 0.9 },
      { a: "C1", b: "C7", similarity: 0.7 },
      { a: "C5", b: "C4", similarity: 0.8 },
    ]);
    expect(clusters).toEqual([
      { members: ["C1", "C3", "C7"], size: 3 },
      { members: ["C4", "C5"], size: 2 },
    ]);
  });

  it("orders equal sizes by first member and gives the same result for any pair order", () => {
    const pairs = [
      { a: "Z1", b: "Z2", similarity: 0.9 },
      { a: "B2", b: "B1", similarity: 0.9 },
      { a: "M1", b: "M2", similarity: 0.9 },
      { a: "M2", b: "M1", similarity: 0.9 },
    ];
    const expected = [
      ["B1", "B2"],
      ["M1", "M2"],
      ["Z1", "Z2"],
    ];
    expect(clustersFromPairs(pairs).map((c) => c.members)).toEqual(expected);
    expect(clustersFromPairs([...pairs].reverse()).map((c) => c.members)).toEqual(expected);
  });

  it("ignores self-pairs and pairs below the similarity floor", () => {
    const clusters = clustersFromPairs(
      [
        { a: "A", b: "A", similarity: 1 },
        { a: "A", b: "B", similarity: 0.4 },
        { a: "C", b: "D", similarity: 0.8 },
      ],
      0.5,
    );
    expect(clusters).toEqual([{ members: ["C", "D"], size: 2 }]);
    expect(clustersFromPairs([])).toEqual([]);
  });

  it("handles a long chain", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `c${String(i).padStart(5, "0")}`);
    const pairs = ids.slice(1).map((id, i) => ({ a: id, b: ids[i] ?? "", similarity: 0.9 }));
    const [only, ...rest] = clustersFromPairs(pairs);
    expect(rest).toEqual([]);
    expect(only?.size).toBe(5000);
    expect(only?.members).toEqual(ids);
  });
});
