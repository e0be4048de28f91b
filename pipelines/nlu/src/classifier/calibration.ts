// Temperature scaling: one number T divides the scores before the softmax so that "80 %
// confident" is right about 80 % of the time. T is fitted on held-out scores (cross-validation
// folds), never on rows the scoring model was trained on, which would make T too sharp.
import { softmaxInPlace } from './softmax-regression';

export interface ScoredRow {
  readonly logits: Float64Array;
  readonly label: number;
}

const MIN_LOG_T = Math.log(0.05);
const MAX_LOG_T = Math.log(50);
const GOLDEN = (Math.sqrt(5) - 1) / 2;

function meanNegativeLogLikelihood(rows: readonly ScoredRow[], temperature: number): number {
  let total = 0;
  for (const { logits, label } of rows) {
    let max = -Infinity;
    for (const s of logits) if (s > max) max = s;
    let sum = 0;
    for (const s of logits) sum += Math.exp((s - max) / temperature);
    total += Math.log(sum) - (logits[label]! - max) / temperature;
  }
  return total / rows.length;
}

/** The temperature minimising held-out log loss (golden-section search on log T; 1 when no rows). */
export function fitTemperature(rows: readonly ScoredRow[]): number {
  if (rows.length === 0) return 1;
  // The log loss is convex in 1/T, hence unimodal in log T: golden-section search finds it.
  let lo = MIN_LOG_T;
  let hi = MAX_LOG_T;
  let a = hi - GOLDEN * (hi - lo);
  let b = lo + GOLDEN * (hi - lo);
  let fa = meanNegativeLogLikelihood(rows, Math.exp(a));
  let fb = meanNegativeLogLikelihood(rows, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b; b = a; fb = fa;
      a = hi - GOLDEN * (hi - lo);
      fa = meanNegativeLogLikelihood(rows, Math.exp(a));
    } else {
      lo = a; a = b; fa = fb;
      b = lo + GOLDEN * (hi - lo);
      fb = meanNegativeLogLikelihood(rows, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ConfidenceOutcome {
  readonly confidence: number;
  readonly correct: boolean;
}

/**
 * Expected calibration error: rows binned by confidence into equal-width bins; the gap between
 * mean confidence and accuracy per bin, weighted by the bin's share of rows.
 */
export function expectedCalibrationError(outcomes: readonly ConfidenceOutcome[], bins = 15): number {
  if (outcomes.length === 0) return 0;
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correctSum = new Float64Array(bins);
  for (const { confidence, correct } of outcomes) {
    const bin = Math.min(bins - 1, Math.floor(confidence * bins));
    count[bin] = count[bin]! + 1;
    confidenceSum[bin] = confidenceSum[bin]! + confidence;
    correctSum[bin] = correctSum[bin]! + (correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += Math.abs(confidenceSum[b]! - correctSum[b]!) / outcomes.length;
  }
  return ece;
}

/** Top-class confidence and correctness of scored rows at a temperature. */
export function outcomesAt(rows: readonly ScoredRow[], temperature: number): ConfidenceOutcome[] {
  return rows.map(({ logits, label }) => {
    const probs = softmaxInPlace(Float64Array.from(logits), temperature);
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
    return { confidence: probs[best]!, correct: best === label };
  });
}
