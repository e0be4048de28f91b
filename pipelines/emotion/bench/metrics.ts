// Accuracy and macro-F1 over sign classes (−1, 0, 1).

export type Sign = -1 | 0 | 1;

export interface SignMetrics {
  readonly n: number;
  readonly accuracy: number;
  /** Mean F1 over the classes present in the gold labels. */
  readonly macroF1: number;
}

export function signMetrics(gold: readonly Sign[], predicted: readonly Sign[]): SignMetrics {
  let correct = 0;
  const classes: Sign[] = [-1, 0, 1];
  const tp = new Map<Sign, number>();
  const fp = new Map<Sign, number>();
  const fn = new Map<Sign, number>();
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  });
  const present = classes.filter((c) => gold.includes(c));
  const f1s = present.map((c) => {
    const t = tp.get(c) ?? 0;
    const denom = 2 * t + (fp.get(c) ?? 0) + (fn.get(c) ?? 0);
    return denom === 0 ? 0 : (2 * t) / denom;
  });
  return { n: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1: f1s.reduce((s, v) => s + v, 0) / Math.max(1, f1s.length) };
}

export const pct = (v: number): string => (100 * v).toFixed(1);
