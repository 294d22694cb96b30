/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for the smooth convex training
 * objective. Chosen over SGD because it needs no learning-rate schedule and is deterministic,
 * so a retrain on the same data gives the same model.
 */

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the gradient's max-norm falls below this. */
  tolerance: number;
  /** How many correction pairs to remember. */
  memory: number;
}

/** Minimises f starting from x (updated in place). `evaluate` writes the gradient into g. */
export function minimise(
  x: Float64Array,
  evaluate: (x: Float64Array, g: Float64Array) => number,
  opts: LbfgsOptions,
): number {
  const n = x.length;
  const g = new Float64Array(n);
  let f = evaluate(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(opts.memory);
  for (let iter = 0; iter < opts.maxIterations; iter++) {
    if (maxAbs(g) < opts.tolerance) break;
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] ?? 0);
    for (let k = s.length - 1; k >= 0; k--) {
      const sk = s[k] as Float64Array;
      const a = (rho[k] ?? 0) * dot(sk, d);
      alpha[k] = a;
      axpy(-a, y[k] as Float64Array, d);
    }
    const last = s.length - 1;
    if (last >= 0) {
      const yl = y[last] as Float64Array;
      scale(d, dot(s[last] as Float64Array, yl) / dot(yl, yl));
    } else {
      scale(d, 1 / Math.max(1, Math.sqrt(dot(g, g))));
    }
    for (let k = 0; k < s.length; k++) {
      const b = (rho[k] ?? 0) * dot(y[k] as Float64Array, d);
      axpy((alpha[k] ?? 0) - b, s[k] as Float64Array, d);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (curvature lost): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] ?? 0);
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = f;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] ?? 0) + step * (d[i] ?? 0);
      fNew = evaluate(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = (xNew[i] ?? 0) - (x[i] ?? 0);
      yk[i] = (gNew[i] ?? 0) - (g[i] ?? 0);
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === opts.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const improvement = f - fNew;
    f = fNew;
    if (improvement < 1e-10 * Math.max(1, Math.abs(f))) break;
  }
  return f;
}

function dot(a: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += (a[i] ?? 0) * (b[i] ?? 0);
  return t;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = (y[i] ?? 0) + a * (x[i] ?? 0);
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (x[i] ?? 0) * a;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] ?? 0));
  return m;
}
