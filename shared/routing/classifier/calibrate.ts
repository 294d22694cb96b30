/**
 * Platt scaling per category: p = σ(slope·z + intercept), fitted on out-of-fold scores. The
 * one-vs-rest scores of a weakly regularised model are over-confident on unseen messages; in
 * 5-fold CV (scripts/routing/compare.ts), per-category Platt scaling then normalising gave a
 * lower log-loss than one softmax temperature (0.264 vs 0.269) and ranked confidences better:
 * 83.3 % vs 79.2 % of messages above the threshold that keeps 0.97 precision.
 */

export interface Platt {
  slope: number;
  intercept: number;
}

/**
 * Newton's method with backtracking on the regularised targets of Platt (1999) as improved by
 * Lin, Lin & Weng (2007): targets (N₊+1)/(N₊+2) and 1/(N₋+2) instead of 1 and 0, so a perfectly
 * separated fold does not push the slope to infinity.
 */
export function fitPlatt(z: readonly number[], positive: readonly boolean[]): Platt {
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = positive.map((p) => (p ? hi : lo));
  // Work in Platt's parameterisation p = 1 / (1 + exp(A·z + B)).
  let A = 0;
  let B = Math.log((nNeg + 1) / (nPos + 1));
  const objective = (a: number, b: number): number => {
    let f = 0;
    z.forEach((zi, i) => {
      const fApB = zi * a + b;
      const ti = t[i] ?? 0;
      f += fApB >= 0 ? ti * fApB + Math.log1p(Math.exp(-fApB)) : (ti - 1) * fApB + Math.log1p(Math.exp(fApB));
    });
    return f;
  };
  let fval = objective(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    z.forEach((zi, i) => {
      const fApB = zi * A + B;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = p * q;
      h11 += zi * zi * d2;
      h22 += d2;
      h21 += zi * d2;
      const d1 = (t[i] ?? 0) - p;
      g1 += zi * d1;
      g2 += d1;
    });
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const f = objective(A + step * dA, B + step * dB);
      if (f < fval + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        fval = f;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { slope: -A, intercept: -B };
}
