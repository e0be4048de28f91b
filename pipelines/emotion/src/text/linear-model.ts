// A three-class (negative / neutral / positive) linear model over sparse binary features. The
// score is (P(positive) − P(negative)) · (1 − P(neutral)): the direction of the polar classes,
// shrunk by the belief that the text is neutral, so a text the model calls neutral stays near 0
// even when one polar class edges out the other (better sign macro-F1 on dev than P+ − P−).

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

export interface LinearSentimentModel {
  /** Where the weights come from, for the record (data set, licence, commit of the script). */
  readonly source: string;
  readonly bias: readonly [number, number, number];
  /** Feature → weights per class, in SENTIMENT_CLASSES order. */
  readonly weights: Readonly<Record<string, readonly [number, number, number]>>;
}

export interface ModelOutput {
  readonly probabilities: readonly [number, number, number];
  /** (P(positive) − P(negative)) · (1 − P(neutral)), in −1..1. */
  readonly score: number;
  /** How many of the text's features the model knows. */
  readonly known: number;
}

export function classProbabilities(logits: readonly [number, number, number]): [number, number, number] {
  const m = Math.max(logits[0], logits[1], logits[2]);
  const e0 = Math.exp(logits[0] - m);
  const e1 = Math.exp(logits[1] - m);
  const e2 = Math.exp(logits[2] - m);
  const s = e0 + e1 + e2;
  return [e0 / s, e1 / s, e2 / s];
}

/** The shipped form is a plain object (a generated file); lookups go through a Map. */
export interface CompiledSentimentModel {
  readonly bias: readonly [number, number, number];
  readonly weights: ReadonlyMap<string, readonly [number, number, number]>;
}

export function compileModel(model: LinearSentimentModel): CompiledSentimentModel {
  return { bias: model.bias, weights: new Map(Object.entries(model.weights)) };
}

/** Features are binary and the vector is L2-normalised over the features the text has. */
export function applyModel(model: CompiledSentimentModel, features: readonly string[]): ModelOutput {
  const logits: [number, number, number] = [model.bias[0], model.bias[1], model.bias[2]];
  const norm = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
  let known = 0;
  for (const f of features) {
    const w = model.weights.get(f);
    if (w === undefined) continue;
    known++;
    logits[0] += w[0] * norm;
    logits[1] += w[1] * norm;
    logits[2] += w[2] * norm;
  }
  const p = classProbabilities(logits);
  return { probabilities: p, score: (p[2] - p[0]) * (1 - p[1]), known };
}
