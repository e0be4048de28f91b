// What a lexicon scorer reports, shared by the English and Chinese scorers, and the squashing of
// a sum of word valences into −1..1 (as VADER does): one strong word gives about ±0.8, several
// saturate towards ±1.

export interface LexiconScore {
  /** −1..1; 0 when no sentiment word was found. */
  readonly score: number;
  /** Sentiment words and phrases found (a 0-valued formula does not count). */
  readonly hits: number;
  /** 0..1: exclamation marks, shouted words, degree words: how strongly it is said. */
  readonly emphasis: number;
}

const SQUASH_ALPHA = 0.5;
/** A negated word keeps part of its strength with the sign flipped ("not good" is less than "bad"). */
export const NEGATION_FACTOR = -0.75;
/** Words after "but" weigh more than the words before it (the speaker's conclusion). */
export const AFTER_CONTRAST = 1.5;
export const BEFORE_CONTRAST = 0.5;

export function squash(sum: number): number {
  return sum / Math.sqrt(sum * sum + SQUASH_ALPHA);
}

/** Each "!" beyond none adds 10 % to the magnitude, up to three. */
export function exclamationBoost(sum: number, exclamations: number): number {
  return sum * (1 + 0.1 * Math.min(3, exclamations));
}

export function emphasisOf(exclamations: number, shouted: number, degreeWords: number): number {
  return Math.min(1, (Math.min(3, exclamations) + 1.5 * shouted + 0.5 * degreeWords) / 3);
}

export const NO_SENTIMENT: LexiconScore = { score: 0, hits: 0, emphasis: 0 };
