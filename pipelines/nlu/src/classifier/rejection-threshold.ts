// The out-of-scope decision beyond the out-of-scope class itself: a prediction whose calibrated
// confidence is below a threshold is treated as out of scope. The threshold is chosen on
// held-out predictions: the best sum of in-scope accuracy (right intent and accepted) and
// out-of-scope recall, among thresholds that cost at most `maxInScopeLoss` of in-scope
// accuracy. Unbounded, that sum rejected a tenth of good in-scope utterances on CLINC150 to
// catch rare out-of-scope ones; on the phone each rejection is a needless "sorry, could you
// rephrase", so the budget keeps them few.

export interface HeldOutPrediction {
  readonly predicted: number;
  readonly confidence: number;
  readonly actual: number;
}

export interface RejectionChoice {
  readonly threshold: number;
  readonly inScopeAccuracy: number;
  readonly outOfScopeRecall: number;
}

function countAtLeast(sorted: readonly number[], threshold: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < threshold) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

export const DEFAULT_MAX_IN_SCOPE_LOSS = 0.01;

/** Best threshold on held-out predictions; 0 (reject nothing beyond the class) when there are no out-of-scope rows. */
export function chooseRejectionThreshold(predictions: readonly HeldOutPrediction[], outOfScopeClass: number, maxInScopeLoss = DEFAULT_MAX_IN_SCOPE_LOSS): RejectionChoice {
  const inScopeCorrect: number[] = [];
  const outOfScopeMissed: number[] = []; // out-of-scope rows predicted as some intent
  let inScopeRows = 0;
  let outOfScopeRows = 0;
  let caughtByClass = 0;
  for (const p of predictions) {
    if (p.actual === outOfScopeClass) {
      outOfScopeRows++;
      if (p.predicted === outOfScopeClass) caughtByClass++;
      else outOfScopeMissed.push(p.confidence);
    } else {
      inScopeRows++;
      if (p.predicted === p.actual) inScopeCorrect.push(p.confidence);
    }
  }
  const accuracyAt = (t: number): number => (inScopeRows === 0 ? 1 : countAtLeast(inScopeCorrect, t) / inScopeRows);
  const recallAt = (t: number): number =>
    outOfScopeRows === 0 ? 1 : (caughtByClass + outOfScopeMissed.length - countAtLeast(outOfScopeMissed, t)) / outOfScopeRows;
  if (outOfScopeRows === 0) return { threshold: 0, inScopeAccuracy: accuracyAt(0), outOfScopeRecall: 1 };
  inScopeCorrect.sort((a, b) => a - b);
  outOfScopeMissed.sort((a, b) => a - b);
  // Only values just above an out-of-scope confidence can improve the score: try each of them.
  let best: RejectionChoice = { threshold: 0, inScopeAccuracy: accuracyAt(0), outOfScopeRecall: recallAt(0) };
  for (const c of outOfScopeMissed) {
    const t = c + 1e-9;
    const choice = { threshold: t, inScopeAccuracy: accuracyAt(t), outOfScopeRecall: recallAt(t) };
    if (choice.inScopeAccuracy < accuracyAt(0) - maxInScopeLoss) break; // higher thresholds lose more
    if (choice.inScopeAccuracy + choice.outOfScopeRecall > best.inScopeAccuracy + best.outOfScopeRecall + 1e-12) best = choice;
  }
  if (best.threshold === 0) return best;
  // Leave a margin: move the threshold halfway up to the next correctly accepted in-scope row.
  const missed = best.threshold - 1e-9;
  const nextAccepted = inScopeCorrect.find((c) => c >= best.threshold);
  return nextAccepted === undefined ? best : { ...best, threshold: (missed + nextAccepted) / 2 };
}
