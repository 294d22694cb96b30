import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { classify, probabilities } from "./classify";
import { readMessages } from "./csv";
import { explain } from "./explain";
import { loadModel, type ModelJson, serializeModel } from "./model";
import { trainModel } from "./train";

// A handwritten fixture; tests never read the shared competition data.
const FIXTURE = path.resolve(import.meta.dirname, "../../../test-fixtures/routing/tiny-messages.csv");

let json: ModelJson;
beforeAll(() => {
  const examples = readMessages(readFileSync(FIXTURE, "utf8"));
  // Every term counts in a 30-message corpus, and 3 folds leave 4 examples per category to train on.
  json = trainModel(examples, { minDf: 1, calibrationFolds: 3 });
});

const UNSEEN = [
  "学校老师乱收补课费",
  "工厂偷排污水，河里鱼都死了",
  "公司拖欠农民工工资不发",
  "公交线路太少，站点太远",
  "医院医生看病收红包",
  "ABC 😀 123",
];

describe("classifier trained on a tiny fixture", () => {
  it("routes obvious messages to their category", () => {
    const top = (t: string): string | undefined => classify(loadModel(json), t)[0]?.category;
    expect(top("学校老师乱收补课费，家长负担重")).toBe("教育文体");
    expect(top("工厂偷排污水，河水被污染")).toBe("环境保护");
    expect(top("老板拖欠工资不给社保")).toBe("劳动和社会保障");
    expect(top("公交站点太远，希望增加公交线路")).toBe("交通运输");
    expect(top("医院看病难，医生不足")).toBe("卫生计生");
  });

  it("returns top-k confidences sorted, each in [0, 1], summing to at most 1", () => {
    const model = loadModel(json);
    for (const text of UNSEEN) {
      for (const k of [1, 3, json.categories.length]) {
        const preds = classify(model, text, k);
        expect(preds).toHaveLength(k);
        const conf = preds.map((p) => p.confidence);
        expect([...conf].sort((a, b) => b - a)).toEqual(conf);
        for (const c of conf) expect(c).toBeGreaterThanOrEqual(0);
        expect(conf.reduce((s, c) => s + c, 0)).toBeLessThanOrEqual(1 + 1e-9);
      }
      const all = probabilities(model, text).reduce((s, p) => s + p, 0);
      expect(all).toBeCloseTo(1, 9);
    }
  });

  it("predicts identically after save → load", () => {
    const model = loadModel(json);
    const reloaded = loadModel(JSON.parse(serializeModel(model)));
    expect(serializeModel(reloaded)).toBe(serializeModel(json));
    for (const text of UNSEEN) expect(classify(reloaded, text, 7)).toEqual(classify(model, text, 7));
  });

  it("records its categories, threshold and training counts", () => {
    expect(json.categories).toHaveLength(5);
    expect(json.training.messages).toBe(30);
    expect(json.threshold).toBeGreaterThan(0);
  });

  it("refuses a file that is not a model", () => {
    expect(() => loadModel({ format: "something-else" })).toThrow(/format/);
    expect(() => loadModel({ ...json, bias: [0] })).toThrow(/incomplete|mismatched/);
    expect(() => loadModel(null)).toThrow();
  });
});

describe("explanations", () => {
  it("name the terms that pushed a message into its category", () => {
    const model = loadModel(json);
    const terms = explain(model, "工厂偷排污水，河水被污染", "环境保护", 5);
    expect(terms).toHaveLength(5);
    expect(terms[0]?.contribution).toBeGreaterThan(0);
    expect(terms.map((t) => t.term).join(" ")).toMatch(/污/);
    expect(() => explain(model, "x", "不存在的类别")).toThrow();
  });
});
