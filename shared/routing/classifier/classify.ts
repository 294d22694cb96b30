/**
 * Scores messages with a loaded model. Allocation-free per term (hashes are computed from char
 * codes, counts go into a per-model scratch buffer), since a Worker classifies on the request path.
 */
import { featureIndex, type RoutingModel } from "./model";
import { emitTerms, type TermSink } from "./tokenize";
import type { TermCounts } from "./vectorize";

export interface Prediction {
  category: string;
  /** Calibrated probability that this category is right; over all categories they sum to 1. */
  confidence: number;
}

interface Scratch {
  counts: Float32Array;
  touched: Int32Array;
  nTouched: number;
  sink: TermSink;
}

/** 1 + ln(count) for the small counts almost every term has. */
const LOG_TF = Float64Array.from({ length: 64 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

const scratches = new WeakMap<RoutingModel, Scratch>();

function scratchFor(model: RoutingModel): Scratch {
  const existing = scratches.get(model);
  if (existing) return existing;
  const n = model.json.featureCount;
  const scratch: Scratch = { counts: new Float32Array(n), touched: new Int32Array(256), nTouched: 0, sink: () => {} };
  scratch.sink = (hash) => touch(scratch, featureIndex(model, hash), 1);
  scratches.set(model, scratch);
  return scratch;
}

/** Top `topK` categories, most confident first. */
export function classify(model: RoutingModel, text: string, topK = 3): Prediction[] {
  const p = probabilities(model, text);
  const order = Array.from(p.keys()).sort((a, b) => (p[b] ?? 0) - (p[a] ?? 0) || a - b);
  return order.slice(0, Math.max(0, topK)).map((k) => ({
    category: model.categories[k] ?? "",
    confidence: p[k] ?? 0,
  }));
}

/** Calibrated probability of every category, in model.categories order. */
export function probabilities(model: RoutingModel, text: string): Float64Array {
  const s = scratchFor(model);
  emitTerms(text, model.tokenizer, s.sink);
  return calibrated(model, drain(model, s));
}

/** Uncalibrated scores z_k from precomputed term counts (the trainer's fast path). */
export function rawScoresFromCounts(model: RoutingModel, doc: TermCounts): Float64Array {
  const s = scratchFor(model);
  for (let i = 0; i < doc.hashes.length; i++) {
    const j = featureIndex(model, doc.hashes[i] ?? 0);
    touch(s, j, doc.counts[i] ?? 0);
  }
  return drain(model, s);
}

/** Platt-scales each category's score and normalises them into a distribution. */
export function calibrated(
  c: { slope: ArrayLike<number>; intercept: ArrayLike<number> },
  z: Float64Array,
): Float64Array {
  const K = z.length;
  const p = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) {
    const v = 1 / (1 + Math.exp(-((c.slope[k] ?? 1) * (z[k] ?? 0) + (c.intercept[k] ?? 0))));
    p[k] = v;
    total += v;
  }
  for (let k = 0; k < K; k++) p[k] = total > 0 ? (p[k] ?? 0) / total : 1 / K;
  return p;
}

/** Adds `amount` to feature j's count, remembering it so drain() visits only touched features. */
function touch(s: Scratch, j: number, amount: number): void {
  if (j < 0) return;
  if (s.counts[j] === 0) {
    if (s.nTouched === s.touched.length) {
      const grown = new Int32Array(s.touched.length * 2);
      grown.set(s.touched);
      s.touched = grown;
    }
    s.touched[s.nTouched++] = j;
  }
  s.counts[j] = (s.counts[j] ?? 0) + amount;
}

/** Turns the accumulated counts into scores and clears the scratch for the next message. */
function drain(model: RoutingModel, s: Scratch): Float64Array {
  const K = model.categories.length;
  const num = new Float64Array(K);
  const den = new Float64Array(K);
  const params = model.params;
  const stride = 2 * K;
  for (let i = 0; i < s.nTouched; i++) {
    const j = s.touched[i] ?? 0;
    const c = s.counts[j] ?? 1;
    const t = c < LOG_TF.length ? (LOG_TF[c] ?? 1) : 1 + Math.log(c);
    s.counts[j] = 0;
    const base = j * stride;
    for (let k = 0; k < K; k++) {
      num[k] = (num[k] ?? 0) + t * (params[base + k] ?? 0);
      const u = t * (params[base + K + k] ?? 0);
      den[k] = (den[k] ?? 0) + u * u;
    }
  }
  s.nTouched = 0;
  const z = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const d = den[k] ?? 0;
    z[k] = (model.bias[k] ?? 0) + (d > 0 ? (num[k] ?? 0) / Math.sqrt(d) : 0);
  }
  return z;
}
