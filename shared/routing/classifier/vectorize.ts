/**
 * Sparse term counts for training: each document becomes parallel arrays of term hashes and
 * counts, and a vocabulary maps the kept hashes to dense columns.
 */
import { emitTerms, type TokenizerOptions } from "./tokenize";

export interface TermCounts {
  hashes: Uint32Array;
  counts: Float32Array;
}

/** Counts every term of `text` by hash. */
export function countTerms(text: string, opts: TokenizerOptions): TermCounts {
  const counts = new Map<number, number>();
  emitTerms(text, opts, (h) => {
    counts.set(h, (counts.get(h) ?? 0) + 1);
  });
  const hashes = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let i = 0;
  for (const [h, c] of counts) {
    hashes[i] = h;
    values[i] = c;
    i++;
  }
  return { hashes, counts: values };
}

/** A document restricted to vocabulary columns, with feature values (not raw counts). */
export interface SparseRow {
  cols: Int32Array;
  values: Float32Array;
}

/** Document frequency of every hash over the given documents. */
export function documentFrequency(docs: readonly TermCounts[]): Map<number, number> {
  const df = new Map<number, number>();
  for (const d of docs) for (const h of d.hashes) df.set(h, (df.get(h) ?? 0) + 1);
  return df;
}

/** Restricts a document to the vocabulary; values are the raw counts. */
export function toColumns(doc: TermCounts, vocab: Map<number, number>): SparseRow {
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < doc.hashes.length; i++) {
    const c = vocab.get(doc.hashes[i] ?? 0);
    if (c === undefined) continue;
    cols.push(c);
    values.push(doc.counts[i] ?? 0);
  }
  return { cols: Int32Array.from(cols), values: Float32Array.from(values) };
}
