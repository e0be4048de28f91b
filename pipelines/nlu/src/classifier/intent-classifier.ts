// A trained classifier: vocabulary + softmax weights + calibration. classify() turns a text into
// the decision the processor emits: an intent or out of scope, a calibrated confidence, and the
// in-scope intents ranked.
import { normaliseText } from '../text/normalise';
import { softmaxInPlace, type SoftmaxModel } from './softmax-regression';
import type { Vocabulary } from './vocabulary';

/** The name of the out-of-scope decision (and of the training label that marks such examples). */
export const OUT_OF_SCOPE = 'out_of_scope';

export interface RankedIntent {
  readonly name: string;
  readonly confidence: number;
}

export interface Classification {
  /** An intent name, or OUT_OF_SCOPE. */
  readonly name: string;
  readonly outOfScope: boolean;
  /** Calibrated. For out of scope: 1 minus the best in-scope probability (0 for empty text). */
  readonly confidence: number;
  /** Every in-scope intent, best first, with calibrated probabilities. */
  readonly ranked: readonly RankedIntent[];
}

export interface Calibration {
  readonly temperature: number;
  /** Predictions below this calibrated confidence are out of scope (0: only the class decides). */
  readonly rejectBelow: number;
}

/** What cross-validation measured while training (all on held-out folds). */
export interface CalibrationReport {
  readonly folds: number;
  readonly temperature: number;
  readonly rejectBelow: number;
  /** Top-class accuracy (out of scope counts as a class). */
  readonly heldOutAccuracy: number;
  readonly eceBefore: number;
  readonly eceAfter: number;
  /** After the rejection threshold: in-scope rows right and accepted; out-of-scope rows caught. */
  readonly inScopeAccuracy: number;
  readonly outOfScopeRecall: number | undefined;
}

export class IntentClassifier {
  private readonly outOfScopeClass: number;

  constructor(
    /** Class names by index; may include OUT_OF_SCOPE. */
    readonly labels: readonly string[],
    private readonly vocabulary: Vocabulary,
    private readonly model: SoftmaxModel,
    readonly calibration: Calibration,
    /** Absent when trained without calibration folds. */
    readonly report: CalibrationReport | undefined,
  ) {
    this.outOfScopeClass = labels.indexOf(OUT_OF_SCOPE);
  }

  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  /** Probabilities over `labels`, calibrated unless another temperature is given (1: raw). */
  probabilities(text: string, temperature = this.calibration.temperature): Float64Array {
    const scores = this.model.logits(this.vocabulary.vectorise(text));
    return softmaxInPlace(scores, temperature);
  }

  classify(text: string): Classification {
    if (normaliseText(text) === '') return { name: OUT_OF_SCOPE, outOfScope: true, confidence: 0, ranked: [] };
    const probs = this.probabilities(text);
    const ranked: RankedIntent[] = [];
    let best = 0;
    for (let c = 0; c < probs.length; c++) {
      if (probs[c]! > probs[best]!) best = c;
      if (c !== this.outOfScopeClass) ranked.push({ name: this.labels[c]!, confidence: probs[c]! });
    }
    ranked.sort((a, b) => b.confidence - a.confidence);
    const top = ranked[0];
    if (top === undefined) return { name: OUT_OF_SCOPE, outOfScope: true, confidence: 1, ranked };
    if (best === this.outOfScopeClass || probs[best]! < this.calibration.rejectBelow) {
      return { name: OUT_OF_SCOPE, outOfScope: true, confidence: 1 - top.confidence, ranked };
    }
    return { name: top.name, outOfScope: false, confidence: top.confidence, ranked };
  }
}
