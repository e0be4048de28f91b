// Training: labelled texts → a calibrated IntentClassifier. With calibration folds, k models
// are first trained on k-1 folds each to score the held-out fold; those honest scores fit the
// temperature and the rejection threshold. The final model is then trained on every row.
import { expectedCalibrationError, fitTemperature, outcomesAt, type ScoredRow } from './calibration';
import { crossValidate, fit } from './cross-validation';
import { IntentClassifier, OUT_OF_SCOPE, type CalibrationReport } from './intent-classifier';
import { chooseRejectionThreshold } from './rejection-threshold';
import { DEFAULT_SOFTMAX_OPTIONS, softmaxInPlace, type SoftmaxTrainingOptions } from './softmax-regression';
import { DEFAULT_VOCABULARY_OPTIONS, type VocabularyOptions } from './vocabulary';

export interface TrainingExample {
  readonly text: string;
  /** An intent name, or OUT_OF_SCOPE for examples of what the pack does not handle. */
  readonly label: string;
}

export interface TrainingOptions {
  readonly vocabulary?: Partial<VocabularyOptions>;
  readonly softmax?: Partial<SoftmaxTrainingOptions>;
  /** Cross-validation folds for calibration; 0 or 1: no calibration (T = 1, no threshold). */
  readonly calibrationFolds?: number;
  /** In-scope accuracy the rejection threshold may give up on held-out rows (default 0.01). */
  readonly maxInScopeLoss?: number;
}

function calibrate(scored: readonly ScoredRow[], folds: number, outOfScopeClass: number, maxInScopeLoss: number | undefined): CalibrationReport {
  const temperature = fitTemperature(scored);
  const before = outcomesAt(scored, 1);
  const after = outcomesAt(scored, temperature);
  const predictions = scored.map(({ logits, label }) => {
    const probs = softmaxInPlace(Float64Array.from(logits), temperature);
    let predicted = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[predicted]!) predicted = c;
    return { predicted, confidence: probs[predicted]!, actual: label };
  });
  const rejection = chooseRejectionThreshold(predictions, outOfScopeClass, maxInScopeLoss);
  return {
    folds,
    temperature,
    rejectBelow: rejection.threshold,
    heldOutAccuracy: after.filter((o) => o.correct).length / Math.max(1, after.length),
    eceBefore: expectedCalibrationError(before),
    eceAfter: expectedCalibrationError(after),
    inScopeAccuracy: rejection.inScopeAccuracy,
    outOfScopeRecall: outOfScopeClass < 0 ? undefined : rejection.outOfScopeRecall,
  };
}

/** Trains a classifier over the labels present in the examples (sorted, so indices are stable). */
export function trainClassifier(examples: readonly TrainingExample[], opts: TrainingOptions = {}): IntentClassifier {
  const labelNames = [...new Set(examples.map((e) => e.label))].sort();
  if (labelNames.filter((l) => l !== OUT_OF_SCOPE).length === 0) throw new Error('trainClassifier: no in-scope examples');
  const classOf = new Map(labelNames.map((l, i) => [l, i]));
  const texts = examples.map((e) => e.text);
  const labels = examples.map((e) => classOf.get(e.label)!);
  const vocabOpts = { ...DEFAULT_VOCABULARY_OPTIONS, ...opts.vocabulary };
  const softmaxOpts = { ...DEFAULT_SOFTMAX_OPTIONS, ...opts.softmax };
  const folds = opts.calibrationFolds ?? 5;
  let report: CalibrationReport | undefined;
  if (folds >= 2) {
    const scored = crossValidate(texts, labels, labelNames.length, folds, vocabOpts, softmaxOpts);
    report = calibrate(scored, folds, labelNames.indexOf(OUT_OF_SCOPE), opts.maxInScopeLoss);
  }
  const { vocabulary, model } = fit(texts, labels, labelNames.length, vocabOpts, softmaxOpts);
  const calibration = { temperature: report?.temperature ?? 1, rejectBelow: report?.rejectBelow ?? 0 };
  return new IntentClassifier(labelNames, vocabulary, model, calibration, report);
}
