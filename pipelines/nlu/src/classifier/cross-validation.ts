// Fitting one model, and k-fold cross-validation: each fold is scored by a model trained on the
// other folds (its vocabulary included), so the scores are as honest as scores on new calls.
import { stratifiedFolds } from './folds';
import type { ScoredRow } from './calibration';
import { trainSoftmax, type SoftmaxModel, type SoftmaxTrainingOptions } from './softmax-regression';
import { Vocabulary, type VocabularyOptions } from './vocabulary';

export interface Fitted {
  readonly vocabulary: Vocabulary;
  readonly model: SoftmaxModel;
}

export function fit(texts: readonly string[], labels: readonly number[], classCount: number, vocabOpts: VocabularyOptions, softmaxOpts: SoftmaxTrainingOptions): Fitted {
  const vocabulary = Vocabulary.build(texts, vocabOpts);
  const vectors = texts.map((t) => vocabulary.vectorise(t));
  return { vocabulary, model: trainSoftmax(vectors, labels, classCount, vocabulary.size, softmaxOpts) };
}

/** Held-out scores of every row (rows come back in their original order). */
export function crossValidate(texts: readonly string[], labels: readonly number[], classCount: number, folds: number, vocabOpts: VocabularyOptions, softmaxOpts: SoftmaxTrainingOptions): ScoredRow[] {
  const foldOf = stratifiedFolds(labels, folds, softmaxOpts.seed);
  const scored: (ScoredRow | undefined)[] = new Array<ScoredRow | undefined>(texts.length);
  for (let f = 0; f < folds; f++) {
    const trainRows = texts.flatMap((_, i) => (foldOf[i] === f ? [] : [i]));
    const { vocabulary, model } = fit(trainRows.map((i) => texts[i]!), trainRows.map((i) => labels[i]!), classCount, vocabOpts, softmaxOpts);
    texts.forEach((text, i) => {
      if (foldOf[i] === f) scored[i] = { logits: model.logits(vocabulary.vectorise(text)), label: labels[i]! };
    });
  }
  return scored.filter((s): s is ScoredRow => s !== undefined);
}

