// Scoring a trained classifier on a labelled split: accuracy, calibration (top-class ECE on
// calibrated and raw probabilities) and, where the split has out-of-scope rows, in-scope
// accuracy and out-of-scope recall/precision — with the rejection threshold and without it.
import { expectedCalibrationError, type ConfidenceOutcome } from '../src/classifier/calibration';
import { OUT_OF_SCOPE, type IntentClassifier } from '../src/classifier/intent-classifier';
import type { TrainingExample } from '../src/classifier/train-classifier';

export interface OutOfScopeFigures {
  /** In-scope rows given their right intent (an out-of-scope decision counts as wrong). */
  readonly inScopeAccuracy: number;
  readonly recall: number;
  readonly precision: number;
}

export interface SplitFigures {
  readonly rows: number;
  /** Decisions as emitted (out of scope included as a label). */
  readonly accuracy: number;
  readonly ece: number;
  readonly eceUncalibrated: number;
  readonly outOfScope?: { readonly decided: OutOfScopeFigures; readonly classOnly: OutOfScopeFigures };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function outOfScopeFigures(rows: readonly TrainingExample[], predicted: readonly string[]): OutOfScopeFigures {
  let inScope = 0, inScopeRight = 0, oos = 0, oosCaught = 0, oosDecided = 0;
  rows.forEach((row, i) => {
    const p = predicted[i]!;
    if (p === OUT_OF_SCOPE) oosDecided++;
    if (row.label === OUT_OF_SCOPE) {
      oos++;
      if (p === OUT_OF_SCOPE) oosCaught++;
    } else {
      inScope++;
      if (p === row.label) inScopeRight++;
    }
  });
  return { inScopeAccuracy: inScopeRight / Math.max(1, inScope), recall: oosCaught / Math.max(1, oos), precision: oosCaught / Math.max(1, oosDecided) };
}

/** Rows labelled OUT_OF_SCOPE are the out-of-scope ones. */
export function scoreSplit(classifier: IntentClassifier, rows: readonly TrainingExample[]): SplitFigures {
  const decided: string[] = [];
  const classOnly: string[] = [];
  const calibrated: ConfidenceOutcome[] = [];
  const raw: ConfidenceOutcome[] = [];
  for (const row of rows) {
    decided.push(classifier.classify(row.text).name);
    const probs = classifier.probabilities(row.text);
    const best = argmax(probs);
    classOnly.push(classifier.labels[best]!);
    calibrated.push({ confidence: probs[best]!, correct: classifier.labels[best] === row.label });
    const rawProbs = classifier.probabilities(row.text, 1);
    const rawBest = argmax(rawProbs);
    raw.push({ confidence: rawProbs[rawBest]!, correct: classifier.labels[rawBest] === row.label });
  }
  const hasOutOfScope = rows.some((r) => r.label === OUT_OF_SCOPE);
  return {
    rows: rows.length,
    accuracy: decided.filter((p, i) => p === rows[i]!.label).length / Math.max(1, rows.length),
    ece: expectedCalibrationError(calibrated),
    eceUncalibrated: expectedCalibrationError(raw),
    ...(hasOutOfScope ? { outOfScope: { decided: outOfScopeFigures(rows, decided), classOnly: outOfScopeFigures(rows, classOnly) } } : {}),
  };
}
