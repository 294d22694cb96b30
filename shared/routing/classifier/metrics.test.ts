import { describe, expect, it } from "vitest";
import { score, thresholdForPrecision } from "./metrics";

describe("evaluation measures", () => {
  it("computes accuracy, per-class precision/recall, macro-F1 and the confusion matrix", () => {
    const s = score([0, 0, 1, 1], [0, 1, 1, 1], 2);
    expect(s.accuracy).toBe(0.75);
    expect(s.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(s.perClass[0]).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(s.perClass[1]?.precision).toBeCloseTo(2 / 3);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
  });

  it("finds the lowest threshold that keeps the target precision", () => {
    const conf = [0.99, 0.95, 0.9, 0.8, 0.7, 0.6];
    const correct = [true, true, true, false, true, false];
    expect(thresholdForPrecision(conf, correct, 0.75)).toEqual({ threshold: 0.7, coverage: 5 / 6, precision: 0.8 });
    expect(thresholdForPrecision(conf, correct, 1)).toEqual({ threshold: 0.9, coverage: 0.5, precision: 1 });
    expect(thresholdForPrecision([0.5], [false], 0.97).threshold).toBe(Infinity);
  });

  it("does not split tied confidences", () => {
    const op = thresholdForPrecision([0.9, 0.8, 0.8], [true, true, false], 0.9);
    expect(op).toEqual({ threshold: 0.9, coverage: 1 / 3, precision: 1 });
  });
});
