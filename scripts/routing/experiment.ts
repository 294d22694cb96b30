import { readFileSync } from "node:fs";
import path from "node:path";
import { readMessages } from "./csv.ts";
import { DEFAULT_TOKENIZER, type TokenizerOptions } from "../../shared/routing/classifier/tokenize.ts";
import { countTerms, documentFrequency, toColumns, type SparseRow, type TermCounts } from "../../shared/routing/classifier/vectorize.ts";
import { trainSoftmax, logSumExp } from "../../shared/routing/classifier/softmax.ts";

const root = path.resolve(import.meta.dirname, "../..");
const msgs = readMessages(readFileSync(path.resolve(root, "../shared/data/messages-train.csv"), "utf8"));
const classes = [...new Set(msgs.map((m) => m.label))].sort();
const y = msgs.map((m) => classes.indexOf(m.label));
const K = classes.length;

function folds(labels: number[], k: number, seed: number): number[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const f = new Array<number>(labels.length).fill(0);
  for (let c = 0; c < K; c++) {
    const idx = labels.map((l, i) => (l === c ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    idx.forEach((d, r) => (f[d] = r % k));
  }
  return f;
}

function metrics(pred: number[], conf: number[]) {
  let correct = 0;
  const tp = new Array(K).fill(0), fp = new Array(K).fill(0), fn = new Array(K).fill(0);
  pred.forEach((p, i) => { if (p === y[i]) { correct++; tp[p]++; } else { fp[p]++; fn[y[i]!]++; } });
  let f1 = 0;
  for (let c = 0; c < K; c++) { const pr = tp[c] / Math.max(1, tp[c] + fp[c]), rc = tp[c] / Math.max(1, tp[c] + fn[c]); f1 += pr + rc ? (2 * pr * rc) / (pr + rc) : 0; }
  const order = pred.map((_, i) => i).sort((a, b) => conf[b]! - conf[a]!);
  let ok = 0, best = 0;
  order.forEach((i, r) => { if (pred[i] === y[i]) ok++; if (ok / (r + 1) >= 0.97) best = r + 1; });
  const ll = 0;
  return { acc: correct / pred.length, f1: f1 / K, cov: best / pred.length };
}

type Scorer = (train: number[], test: number[], docs: TermCounts[]) => Float64Array[]; // log-probs / scores per test doc

function tfidfRows(docs: TermCounts[], train: number[], minDf: number, sublinear: boolean, useIdf: boolean) {
  const df = documentFrequency(train.map((i) => docs[i]!));
  const vocab = new Map<number, number>();
  const idf: number[] = [];
  const N = train.length;
  for (const [h, d] of df) if (d >= minDf) { vocab.set(h, vocab.size); idf.push(useIdf ? Math.log((1 + N) / (1 + d)) + 1 : 1); }
  const rows = docs.map((d) => {
    const r = toColumns(d, vocab);
    let norm = 0;
    for (let i = 0; i < r.cols.length; i++) { const v = (sublinear ? 1 + Math.log(r.values[i]!) : r.values[i]!) * idf[r.cols[i]!]!; r.values[i] = v; norm += v * v; }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < r.values.length; i++) r.values[i]! /= norm;
    return r;
  });
  return { rows, V: vocab.size };
}

const lr = (l2: number, minDf = 2, iters = 300): Scorer => (train, test, docs) => {
  const { rows, V } = tfidfRows(docs, train, minDf, true, true);
  const w = trainSoftmax(train.map((i) => rows[i]!), train.map((i) => y[i]!), V, K, { l2, maxIterations: iters });
  return test.map((i) => { const r = rows[i]!; const s = new Float64Array(K); for (let k = 0; k < K; k++) s[k] = w[V * K + k]!; for (let j = 0; j < r.cols.length; j++) for (let k = 0; k < K; k++) s[k]! += r.values[j]! * w[r.cols[j]! * K + k]!; return s; });
};

const nb = (alpha: number, complement: boolean, minDf = 1): Scorer => (train, test, docs) => {
  const df = documentFrequency(train.map((i) => docs[i]!));
  const vocab = new Map<number, number>(); for (const [h, d] of df) if (d >= minDf) vocab.set(h, vocab.size);
  const V = vocab.size; const cnt = new Float64Array(V * K); const tot = new Float64Array(K); const prior = new Float64Array(K);
  const rows = docs.map((d) => { const r = toColumns(d, vocab); for (let i = 0; i < r.values.length; i++) r.values[i] = Math.log1p(r.values[i]!); return r; });
  for (const i of train) { prior[y[i]!]++; const r = rows[i]!; for (let j = 0; j < r.cols.length; j++) { cnt[r.cols[j]! * K + y[i]!] += r.values[j]!; tot[y[i]!] += r.values[j]!; } }
  const all = tot.reduce((a, b) => a + b, 0);
  const lw = new Float64Array(V * K);
  for (let j = 0; j < V; j++) { let rs = 0; for (let k = 0; k < K; k++) rs += cnt[j * K + k]!; for (let k = 0; k < K; k++) {
    lw[j * K + k] = complement ? -Math.log((rs - cnt[j * K + k]! + alpha) / (all - tot[k]! + alpha * V)) : Math.log((cnt[j * K + k]! + alpha) / (tot[k]! + alpha * V)); } }
  return test.map((i) => { const r = rows[i]!; const s = new Float64Array(K); for (let k = 0; k < K; k++) s[k] = complement ? 0 : Math.log(prior[k]! / train.length); for (let j = 0; j < r.cols.length; j++) for (let k = 0; k < K; k++) s[k]! += r.values[j]! * lw[r.cols[j]! * K + k]!; return s; });
};

function cv(name: string, scorer: Scorer, docs: TermCounts[], temp = 1) {
  const f = folds(y, 5, 42);
  const scores: Float64Array[] = new Array(msgs.length);
  const t0 = performance.now();
  for (let k = 0; k < 5; k++) {
    const train = f.map((v, i) => (v !== k ? i : -1)).filter((i) => i >= 0);
    const test = f.map((v, i) => (v === k ? i : -1)).filter((i) => i >= 0);
    scorer(train, test, docs).forEach((s, j) => (scores[test[j]!] = s));
  }
  const pred = scores.map((s) => s.indexOf(Math.max(...s)));
  const conf = scores.map((s) => { const z = logSumExp(s.map((v) => v / temp)); return Math.exp(Math.max(...s) / temp - z); });
  const m = metrics(pred, conf);
  console.log(`${name.padEnd(40)} acc ${m.acc.toFixed(4)} F1 ${m.f1.toFixed(4)} cov@.97 ${(m.cov * 100).toFixed(1)}%  ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  return scores;
}

export { cv, lr, nb, msgs, y, K, classes, folds, metrics, tfidfRows };
const featurize = (o: Partial<TokenizerOptions>) => { const opts = { ...DEFAULT_TOKENIZER, ...o }; const t = performance.now(); const d = msgs.map((m) => countTerms(m.text, opts)); console.log("featurize", JSON.stringify(o), ((performance.now() - t) / 1000).toFixed(1) + "s"); return d; };
const which = process.argv[2] ?? "base";
if (which === "base") {
  const docs = featurize({});
  cv("MNB a=0.1", nb(0.1, false), docs);
  cv("CNB a=0.3", nb(0.3, true), docs);
  for (const l2 of [1e-3, 1e-4, 3e-5]) cv(`LR l2=${l2}`, lr(l2), docs);
}
if (which === "speed") {
  const docs = featurize({});
  const f = folds(y, 5, 42);
  const train = f.map((v, i) => (v !== 0 ? i : -1)).filter((i) => i >= 0);
  for (const minDf of [2, 3, 5]) {
    const { rows, V } = tfidfRows(docs, train, minDf, true, true);
    const nnz = train.reduce((a, i) => a + rows[i]!.cols.length, 0);
    console.log("minDf", minDf, "V", V, "nnz", nnz);
  }
}
if (which === "speed2") {
  const docs = featurize({});
  const f = folds(y, 5, 42);
  const train = f.map((v, i) => (v !== 0 ? i : -1)).filter((i) => i >= 0);
  const { rows, V } = tfidfRows(docs, train, 2, true, true);
  for (const it of [50, 100, 200, 300]) {
    const t = performance.now();
    trainSoftmax(train.map((i) => rows[i]!), train.map((i) => y[i]!), V, K, { l2: 3e-5, maxIterations: it });
    console.log(it, ((performance.now() - t) / 1000).toFixed(1));
  }
}
if (which === "feat") {
  const variants: [string, Partial<TokenizerOptions>][] = [
    ["default", {}], ["no title", { titleChars: 0 }], ["title 40", { titleChars: 40 }], ["grams full", { gramChars: 100000 }],
    ["words 600", { wordChars: 600 }], ["maxGram 2", { maxGram: 2 }], ["no pairs", { wordPairs: false }], ["words 0", { wordChars: 0 }],
  ];
  for (const [name, o] of variants) cv(`LR ${name}`, lr(3e-5, 2, 100), featurize(o));
}
function fitT(scores: Float64Array[]): number {
  const nll = (T: number) => scores.reduce((a, s, i) => a + logSumExp(s.map((v) => v / T)) - s[y[i]!]! / T, 0);
  let lo = Math.log(1e-3), hi = Math.log(1e3);
  for (let it = 0; it < 60; it++) { const a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3; if (nll(Math.exp(a)) < nll(Math.exp(b))) hi = b; else lo = a; }
  return Math.exp((lo + hi) / 2);
}
function logp(scores: Float64Array[], T: number) { return scores.map((s) => { const t = s.map((v) => v / T); const z = logSumExp(t); return t.map((v) => v - z); }); }
function report(name: string, lps: Float64Array[]) {
  const pred = lps.map((s) => s.indexOf(Math.max(...s)));
  const m = metrics(pred, lps.map((s) => Math.exp(Math.max(...s))));
  const nll = lps.reduce((a, s, i) => a - s[y[i]!]!, 0) / lps.length;
  console.log(`${name.padEnd(40)} acc ${m.acc.toFixed(4)} F1 ${m.f1.toFixed(4)} cov@.97 ${(m.cov * 100).toFixed(1)}% nll ${nll.toFixed(4)}`);
}
if (which === "ens") {
  const docs = featurize({});
  const t0 = performance.now();
  const a = cv("LR 3e-5 minDf3", lr(3e-5, 3, 100), docs);
  const b = cv("CNB 0.3", nb(0.3, true), docs);
  const c = cv("MNB 0.1", nb(0.1, false), docs);
  const la = logp(a, fitT(a)), lb = logp(b, fitT(b)), lc = logp(c, fitT(c));
  report("LR cal", la); report("CNB cal", lb); report("MNB cal", lc);
  for (const wt of [0.3, 0.5, 0.7]) {
    report(`LR+CNB ${wt}`, logp(la.map((s, i) => s.map((v, k) => wt * v + (1 - wt) * lb[i]![k]!)), 1));
    report(`LR+MNB ${wt}`, logp(la.map((s, i) => s.map((v, k) => wt * v + (1 - wt) * lc[i]![k]!)), 1));
  }
  const e = cv("LR 1e-5 minDf3", lr(1e-5, 3, 200), docs); report("LR 1e-5 cal", logp(e, fitT(e)));
}
if (which === "l2") {
  const docs = featurize({});
  for (const [l2, it] of [[3e-6, 300], [1e-6, 400]] as const) { const e = cv(`LR ${l2} minDf3 it${it}`, lr(l2, 3, it), docs); report("  cal", logp(e, fitT(e))); }
  const e = cv(`LR 1e-5 minDf5`, lr(1e-5, 5, 200), docs); report("  cal", logp(e, fitT(e)));
}
function rowsWith(docs: TermCounts[], train: number[], minDf: number, mode: "sub" | "bin" | "raw", useIdf: boolean, nbScale: number) {
  const df = documentFrequency(train.map((i) => docs[i]!));
  const vocab = new Map<number, number>(); const idf: number[] = []; const N = train.length;
  for (const [h, d] of df) if (d >= minDf) { vocab.set(h, vocab.size); idf.push(useIdf ? Math.log((1 + N) / (1 + d)) + 1 : 1); }
  const V = vocab.size;
  const rows = docs.map((d) => toColumns(d, vocab));
  const scaleF = new Float64Array(V).fill(1);
  if (nbScale > 0) {
    // per-feature discriminativeness: max_k |log p(f|k) - log p(f|not k)| on binary occurrence
    const cnt = new Float64Array(V * K); const nk = new Float64Array(K);
    for (const i of train) { nk[y[i]!]++; const r = rows[i]!; for (const c of r.cols) cnt[c * K + y[i]!]++; }
    for (let j = 0; j < V; j++) { let tot = 0; for (let k = 0; k < K; k++) tot += cnt[j * K + k]!; let m = 0;
      for (let k = 0; k < K; k++) { const p = (cnt[j * K + k]! + 1) / (nk[k]! + 2), q = (tot - cnt[j * K + k]! + 1) / (N - nk[k]! + 2); m = Math.max(m, Math.abs(Math.log(p / q))); }
      scaleF[j] = Math.pow(m, nbScale); }
  }
  for (const r of rows) { let norm = 0;
    for (let i = 0; i < r.cols.length; i++) { const tf = mode === "sub" ? 1 + Math.log(r.values[i]!) : mode === "bin" ? 1 : r.values[i]!; const v = tf * idf[r.cols[i]!]! * scaleF[r.cols[i]!]!; r.values[i] = v; norm += v * v; }
    norm = Math.sqrt(norm) || 1; for (let i = 0; i < r.values.length; i++) r.values[i]! /= norm; }
  return { rows, V };
}
const lr2 = (l2: number, minDf: number, iters: number, mode: "sub" | "bin" | "raw", useIdf: boolean, nbScale = 0): Scorer => (train, test, docs) => {
  const { rows, V } = rowsWith(docs, train, minDf, mode, useIdf, nbScale);
  const w = trainSoftmax(train.map((i) => rows[i]!), train.map((i) => y[i]!), V, K, { l2, maxIterations: iters });
  return test.map((i) => { const r = rows[i]!; const s = new Float64Array(K); for (let k = 0; k < K; k++) s[k] = w[V * K + k]!; for (let j = 0; j < r.cols.length; j++) for (let k = 0; k < K; k++) s[k]! += r.values[j]! * w[r.cols[j]! * K + k]!; return s; });
};
if (which === "var") {
  const docs = featurize({});
  const run = (name: string, s: Scorer) => { const e = cv(name, s, docs); report("  cal", logp(e, fitT(e))); return e; };
  run("bin idf", lr2(3e-6, 3, 300, "bin", true));
  run("sub noidf", lr2(3e-6, 3, 300, "sub", false));
  run("sub idf nb^1", lr2(3e-6, 3, 300, "sub", true, 1));
  run("sub idf nb^0.5", lr2(3e-6, 3, 300, "sub", true, 0.5));
}
if (which === "var2") {
  const docs = featurize({});
  const run = (name: string, s: Scorer) => { const e = cv(name, s, docs); report("  cal", logp(e, fitT(e))); return e; };
  run("nb^0.5 l2 1e-5", lr2(1e-5, 3, 300, "sub", true, 0.5));
  run("nb^1 l2 1e-5", lr2(1e-5, 3, 300, "sub", true, 1));
  run("nb^1 l2 3e-5", lr2(3e-5, 3, 300, "sub", true, 1));
  run("nb^0.75 l2 3e-6 minDf2", lr2(3e-6, 2, 300, "sub", true, 0.75));
  run("nb^1.5 l2 3e-6", lr2(3e-6, 3, 300, "sub", true, 1.5));
}
const ovr = (l2: number, minDf: number, iters: number, p: number, renorm = true): Scorer => (train, test, docs) => {
  const base = rowsWith(docs, train, minDf, "sub", true, 0);
  const { V } = base; const N = train.length;
  const cnt = new Float64Array(V * K); const nk = new Float64Array(K);
  for (const i of train) { nk[y[i]!]++; for (const c of base.rows[i]!.cols) cnt[c * K + y[i]!]++; }
  const out = test.map(() => new Float64Array(K));
  for (let k = 0; k < K; k++) {
    const sc = new Float64Array(V);
    for (let j = 0; j < V; j++) { let tot = 0; for (let q = 0; q < K; q++) tot += cnt[j * K + q]!; const a = (cnt[j * K + k]! + 1) / (nk[k]! + 2), b = (tot - cnt[j * K + k]! + 1) / (N - nk[k]! + 2); sc[j] = Math.pow(Math.abs(Math.log(a / b)), p); }
    const rows = base.rows.map((r) => { const v = new Float32Array(r.values.length); let norm = 0; for (let i = 0; i < v.length; i++) { v[i] = r.values[i]! * sc[r.cols[i]!]!; norm += v[i]! * v[i]!; } norm = renorm ? Math.sqrt(norm) || 1 : 1; for (let i = 0; i < v.length; i++) v[i]! /= norm; return { cols: r.cols, values: v }; });
    const w = trainSoftmax(train.map((i) => rows[i]!), train.map((i) => (y[i] === k ? 1 : 0)), V, 2, { l2, maxIterations: iters });
    test.forEach((i, t) => { const r = rows[i]!; let s = w[V * 2 + 1]! - w[V * 2]!; for (let j = 0; j < r.cols.length; j++) s += r.values[j]! * (w[r.cols[j]! * 2 + 1]! - w[r.cols[j]! * 2]!); out[t]![k] = s; });
  }
  return out;
};
if (which === "ovr") {
  const docs = featurize({});
  const run = (name: string, s: Scorer) => { const e = cv(name, s, docs); report("  cal", logp(e, fitT(e))); return e; };
  run("ovr nb^1 3e-6", ovr(3e-6, 3, 300, 1));
  run("ovr nb^0.5 3e-6", ovr(3e-6, 3, 300, 0.5));
}
if (which === "ovr2") {
  const docs = featurize({});
  const run = (name: string, s: Scorer) => { const e = cv(name, s, docs); report("  cal", logp(e, fitT(e))); return e; };
  run("ovr nb^0.5 3e-6 no renorm", ovr(3e-6, 3, 300, 0.5, false));
  run("ovr nb^0.25 3e-6", ovr(3e-6, 3, 300, 0.25));
  run("ovr nb^0.5 1e-5", ovr(1e-5, 3, 300, 0.5));
  run("ovr nb^0.5 3e-6 minDf5", ovr(3e-6, 5, 300, 0.5));
}
