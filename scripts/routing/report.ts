/** Prints evaluation results as aligned plain-text tables (CJK characters count two columns). */
import type { Operating, Scores } from "../../shared/routing/classifier/metrics";

function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

function padEnd(s: string, n: number): string {
  return s + " ".repeat(Math.max(0, n - width(s)));
}

function padStart(s: string, n: number): string {
  return " ".repeat(Math.max(0, n - width(s))) + s;
}

export function printScores(scores: Scores, categories: readonly string[]): void {
  const nameW = Math.max(...categories.map(width), 8) + 2;
  console.log(`accuracy  ${scores.accuracy.toFixed(4)}`);
  console.log(`macro-F1  ${scores.macroF1.toFixed(4)}`);
  console.log("");
  console.log(
    padEnd("category", nameW) + ["precision", "recall", "F1", "support"].map((h) => padStart(h, 10)).join(""),
  );
  scores.perClass.forEach((c, k) => {
    const cells = [c.precision.toFixed(4), c.recall.toFixed(4), c.f1.toFixed(4), String(c.support)];
    console.log(padEnd(categories[k] ?? "", nameW) + cells.map((v) => padStart(v, 10)).join(""));
  });
  console.log("");
  console.log("confusion matrix (rows: actual, columns: predicted)");
  const colW = Math.max(6, ...categories.map((_, k) => String(k + 1).length + 3));
  console.log(padEnd("", nameW + 4) + categories.map((_, k) => padStart(`[${k + 1}]`, colW)).join(""));
  scores.confusion.forEach((row, k) => {
    console.log(
      padEnd(`[${k + 1}] ${categories[k] ?? ""}`, nameW + 4) + row.map((v) => padStart(String(v), colW)).join(""),
    );
  });
  console.log("");
}

export function printOperating(label: string, op: Operating, total: number): void {
  if (!Number.isFinite(op.threshold)) {
    console.log(`${label}: no confidence threshold reaches the target precision`);
    return;
  }
  const routed = Math.round(op.coverage * total);
  console.log(
    `${label}: confidence ≥ ${op.threshold.toFixed(4)} → coverage ${(op.coverage * 100).toFixed(1)} % (${routed}/${total}), precision ${op.precision.toFixed(4)}`,
  );
}
