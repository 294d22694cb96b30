/**
 * The model file (plain JSON a Worker can import) and its loaded, ready-to-score form.
 *
 * Scoring, for each category k over the message's known terms j with t_j = 1 + ln(count_j):
 *   z_k = bias_k + Σ t_j·weight_kj / sqrt(Σ (t_j·norm_kj)²)
 * where norm_kj = idf_j · |NB log-count ratio_kj|^p and weight_kj = norm_kj · w_kj, i.e. an
 * NB-scaled, L2-normalised TF-IDF logistic regression per category (one-vs-rest), then
 *   confidence_k = σ(slope_k·z_k + intercept_k), normalised over categories (Platt scaling).
 */
import * as z from "zod";
import { decodeSortedU32, fromBase64, muLawTable } from "./codec";
import type { TokenizerOptions } from "./tokenize";

export const MODEL_FORMAT = "wenzheng.routing.nblr/1";

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  categories: string[];
  tokenizer: TokenizerOptions;
  featureCount: number;
  /** Term hashes, sorted ascending, varint gaps, base64. */
  hashes: string;
  /** featureCount × categories μ-law bytes (feature-major), base64; one scale per category. */
  weights: string;
  weightScales: number[];
  norms: string;
  normScales: number[];
  bias: number[];
  calibration: { slope: number[]; intercept: number[] };
  /** Lowest confidence whose predictions reached targetPrecision in cross-validation. */
  threshold: number;
  targetPrecision: number;
  /** What the model was trained on and how its own cross-validation went. */
  training: {
    messages: number;
    perCategory: Record<string, number>;
    cvAccuracy: number;
    cvMacroF1: number;
    cvCoverage: number;
  };
}

export interface RoutingModel {
  readonly json: ModelJson;
  readonly categories: readonly string[];
  readonly tokenizer: TokenizerOptions;
  readonly threshold: number;
  /**
   * Open-addressing table, one cache line per probe: table[2p] holds a term hash (as int32),
   * table[2p+1] its feature index + 1 (0 = empty slot).
   */
  readonly table: Int32Array;
  readonly tableMask: number;
  /** Per feature, K weights then K norms (feature-major, so one message touches few cache lines). */
  readonly params: Float32Array;
  readonly bias: Float64Array;
  readonly slope: Float64Array;
  readonly intercept: Float64Array;
}

/** Validates and unpacks a parsed model file. Throws on anything that is not one. */
export function loadModel(input: unknown): RoutingModel {
  const json = checkModelJson(input);
  const K = json.categories.length;
  const n = json.featureCount;
  const hashes = decodeSortedU32(fromBase64(json.hashes), n);
  const weights = decodeMatrix(json.weights, json.weightScales, n, K);
  const norms = decodeMatrix(json.norms, json.normScales, n, K);
  const params = new Float32Array(n * 2 * K);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < K; k++) {
      params[j * 2 * K + k] = weights[j * K + k] ?? 0;
      params[j * 2 * K + K + k] = norms[j * K + k] ?? 0;
    }
  }
  let size = 1;
  while (size < n * 2) size *= 2;
  const table = new Int32Array(size * 2);
  const mask = size - 1;
  for (let j = 0; j < n; j++) {
    const h = hashes[j] ?? 0;
    let pos = h & mask;
    while ((table[2 * pos + 1] ?? 0) !== 0) pos = (pos + 1) & mask;
    table[2 * pos] = h | 0;
    table[2 * pos + 1] = j + 1;
  }
  return {
    json,
    categories: json.categories,
    tokenizer: json.tokenizer,
    threshold: json.threshold,
    table,
    tableMask: mask,
    params,
    bias: Float64Array.from(json.bias),
    slope: Float64Array.from(json.calibration.slope),
    intercept: Float64Array.from(json.calibration.intercept),
  };
}

/** The model file text; loadModel(JSON.parse(serializeModel(m))) scores exactly like m. */
export function serializeModel(model: RoutingModel | ModelJson): string {
  return JSON.stringify("json" in model ? model.json : model);
}

/** Feature index of a term hash, or -1 when the model does not know the term. */
export function featureIndex(model: RoutingModel, hash: number): number {
  const table = model.table;
  const key = hash | 0;
  let pos = hash & model.tableMask;
  for (;;) {
    const slot = table[2 * pos + 1] ?? 0;
    if (slot === 0) return -1;
    if (table[2 * pos] === key) return slot - 1;
    pos = (pos + 1) & model.tableMask;
  }
}

function decodeMatrix(data: string, scales: number[], n: number, K: number): Float32Array {
  const bytes = fromBase64(data);
  if (bytes.length !== n * K) throw new Error("model matrix has the wrong size");
  const tables = scales.map((s) => muLawTable(s));
  const out = new Float32Array(n * K);
  for (let i = 0; i < out.length; i++) out[i] = tables[i % K]?.[bytes[i] ?? 0] ?? 0;
  return out;
}

const numbers = z.array(z.number());
const ModelFile = z.object({
  format: z.literal(MODEL_FORMAT, { error: (i) => `unknown model format ${String(i.input)}` }),
  categories: z.array(z.string()).min(1),
  tokenizer: z.object({
    wordChars: z.number(),
    gramChars: z.number(),
    titleChars: z.number(),
    maxGram: z.number(),
    wordPairs: z.boolean(),
  }),
  featureCount: z.number().int().nonnegative(),
  hashes: z.string(),
  weights: z.string(),
  weightScales: numbers,
  norms: z.string(),
  normScales: numbers,
  bias: numbers,
  calibration: z.object({ slope: numbers, intercept: numbers }),
  // Infinity when no confidence reached the target precision (a model trained in memory, never written).
  threshold: z.custom<number>((v) => typeof v === "number", "expected a number"),
  targetPrecision: z.number(),
  training: z.object({
    messages: z.number(),
    perCategory: z.record(z.string(), z.number()),
    cvAccuracy: z.number(),
    cvMacroF1: z.number(),
    cvCoverage: z.number(),
  }),
});

function checkModelJson(input: unknown): ModelJson {
  const parsed = ModelFile.safeParse(input);
  if (!parsed.success) {
    const format = parsed.error.issues.find((i) => i.path[0] === "format");
    throw new Error(format?.message ?? `model file is incomplete: ${z.prettifyError(parsed.error)}`);
  }
  const m = parsed.data;
  const K = m.categories.length;
  const vectors = [m.weightScales, m.normScales, m.bias, m.calibration.slope, m.calibration.intercept];
  if (vectors.some((v) => v.length !== K)) throw new Error("model file has mismatched category counts");
  return m;
}
