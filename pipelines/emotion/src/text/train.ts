// Deterministic training of the linear sentiment model: multinomial logistic regression by
// full-batch gradient descent, class-balanced weights (the negative class is the rarest and the
// one customer service cares most about) and L2 regularisation. Pruned to the strongest features
// and trained again, so the shipped file stays small and self-consistent.
import { enFeatures } from './features-en';
import { classProbabilities, type LinearSentimentModel } from './linear-model';

export interface TrainingExample {
  readonly text: string;
  /** Index into SENTIMENT_CLASSES: 0 negative, 1 neutral, 2 positive. */
  readonly label: 0 | 1 | 2;
}

export interface TrainOptions {
  /** Full-batch gradient steps. */
  readonly epochs: number;
  /** Adam step size. */
  readonly learningRate: number;
  readonly l2: number;
  /** Features seen in fewer training texts than this are left out. */
  readonly minCount: number;
  /** Features kept after pruning (by largest absolute weight). */
  readonly maxFeatures: number;
  /** Decimal places kept in the shipped weights. */
  readonly decimals: number;
  readonly source: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 150,
  learningRate: 0.05,
  l2: 3e-5,
  minCount: 2,
  maxFeatures: 3000,
  decimals: 2,
  source: 'unspecified',
};

type Vec3 = [number, number, number];

export function trainSentimentModel(examples: readonly TrainingExample[], options: Partial<TrainOptions> = {}): LinearSentimentModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const docs = examples.map((e) => ({ features: enFeatures(e.text), label: e.label }));
  const counts = new Map<string, number>();
  for (const d of docs) for (const f of d.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= o.minCount).map(([f]) => f).sort();
  const first = fit(docs, vocabulary, o);
  // Keep the strongest features, then refit on them alone.
  const strength = (w: Vec3): number => Math.max(Math.abs(w[0]), Math.abs(w[1]), Math.abs(w[2]));
  const kept = vocabulary
    .map((f, i) => ({ f, s: strength(first.weights[i]!) }))
    .sort((a, b) => b.s - a.s || (a.f < b.f ? -1 : 1))
    .slice(0, o.maxFeatures)
    .map((x) => x.f)
    .sort();
  const second = fit(docs, kept, o);
  const round = (v: number): number => Number(v.toFixed(o.decimals));
  const weights: Record<string, Vec3> = {};
  kept.forEach((f, i) => {
    const w = second.weights[i]!;
    if (strength(w) >= 10 ** -o.decimals) weights[f] = [round(w[0]), round(w[1]), round(w[2])];
  });
  return { source: o.source, bias: [round(second.bias[0]), round(second.bias[1]), round(second.bias[2])], weights };
}

interface Fitted {
  readonly bias: Vec3;
  readonly weights: Vec3[];
}

function fit(docs: readonly { features: string[]; label: 0 | 1 | 2 }[], vocabulary: readonly string[], o: TrainOptions): Fitted {
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const rows = docs
    .map((d) => ({ ids: d.features.map((f) => index.get(f)).filter((i) => i !== undefined), label: d.label }))
    .filter((r) => r.ids.length > 0);
  const perClass = [0, 0, 0];
  for (const r of rows) perClass[r.label]!++;
  // Balanced class weights n / (classes · n_c), normalised so the loss is a weighted mean.
  const classWeight = perClass.map((n) => (n > 0 ? rows.length / (3 * n) : 0));
  const totalWeight = rows.reduce((s, r) => s + classWeight[r.label]!, 0);
  // Parameters: 3 per feature, then the 3 biases. Full-batch Adam: every step sees all the data
  // (no sampling, so the result depends on the data and the options only), and the per-weight
  // step size suits sparse features, whose gradients are small and rare, as well as the biases.
  const size = vocabulary.length * 3 + 3;
  const b = vocabulary.length * 3;
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const m1 = new Float64Array(size);
  const m2 = new Float64Array(size);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 1; step <= o.epochs; step++) {
    grad.fill(0);
    for (const r of rows) {
      const norm = 1 / Math.sqrt(r.ids.length);
      const logits: Vec3 = [theta[b]!, theta[b + 1]!, theta[b + 2]!];
      for (const id of r.ids) {
        logits[0] += theta[id * 3]! * norm;
        logits[1] += theta[id * 3 + 1]! * norm;
        logits[2] += theta[id * 3 + 2]! * norm;
      }
      const p = classProbabilities(logits);
      const cw = classWeight[r.label]! / totalWeight;
      for (let c = 0; c < 3; c++) {
        const g = (p[c]! - (c === r.label ? 1 : 0)) * cw;
        grad[b + c]! += g;
        for (const id of r.ids) grad[id * 3 + c]! += g * norm;
      }
    }
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let k = 0; k < size; k++) {
      const g = grad[k]! + (k < b ? o.l2 * theta[k]! : 0);
      m1[k] = beta1 * m1[k]! + (1 - beta1) * g;
      m2[k] = beta2 * m2[k]! + (1 - beta2) * g * g;
      theta[k] = theta[k]! - (o.learningRate * (m1[k]! / correction1)) / (Math.sqrt(m2[k]! / correction2) + 1e-8);
    }
  }
  return {
    bias: [theta[b]!, theta[b + 1]!, theta[b + 2]!],
    weights: vocabulary.map((_, i) => [theta[i * 3]!, theta[i * 3 + 1]!, theta[i * 3 + 2]!]),
  };
}
