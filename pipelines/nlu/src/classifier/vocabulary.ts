// The feature space learned from the training texts: an index per feature string kept, and its
// inverse document frequency. Vectors are sublinear TF-IDF, L2-normalised per feature group, so
// long and short utterances weigh alike and neither group drowns the other.
import { DEFAULT_FEATURE_OPTIONS, FEATURE_GROUPS, featureStrings, type FeatureOptions } from './features';

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface VocabularyOptions extends FeatureOptions {
  /** Features seen in fewer training texts are dropped (noise, and memory on large sets). */
  readonly minDocumentFrequency: number;
}

export const DEFAULT_VOCABULARY_OPTIONS: VocabularyOptions = { ...DEFAULT_FEATURE_OPTIONS, minDocumentFrequency: 1 };

export class Vocabulary {
  private constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly idf: Float32Array,
    private readonly opts: VocabularyOptions,
  ) {}

  static build(texts: readonly string[], opts: VocabularyOptions = DEFAULT_VOCABULARY_OPTIONS): Vocabulary {
    const documentFrequency = new Map<string, number>();
    for (const text of texts) {
      for (const group of featureStrings(text, opts)) {
        for (const feature of new Set(group)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
      }
    }
    const index = new Map<string, number>();
    const idf: number[] = [];
    // Map iteration follows insertion order, which follows the texts: indices are deterministic.
    for (const [feature, df] of documentFrequency) {
      if (df < opts.minDocumentFrequency) continue;
      index.set(feature, idf.length);
      idf.push(Math.log((1 + texts.length) / (1 + df)) + 1);
    }
    return new Vocabulary(index, Float32Array.from(idf), opts);
  }

  get size(): number {
    return this.idf.length;
  }

  vectorise(text: string): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    const groups = featureStrings(text, this.opts);
    for (let g = 0; g < FEATURE_GROUPS; g++) {
      const counts = new Map<number, number>();
      for (const feature of groups[g] ?? []) {
        const i = this.index.get(feature);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const start = values.length;
      let squares = 0;
      for (const [i, count] of counts) {
        const value = (1 + Math.log(count)) * this.idf[i]!;
        indices.push(i);
        values.push(value);
        squares += value * value;
      }
      const norm = Math.sqrt(squares);
      for (let k = start; k < values.length; k++) values[k] = values[k]! / norm;
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }
}
