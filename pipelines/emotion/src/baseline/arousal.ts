// Voice evidence from z-scores against the caller's baseline. Arousal rises with the positive
// part of the z of energy, pitch, pitch range and rate (louder, higher, more animated, faster
// than this caller usually is); "lowness" with the negative part of energy, range and rate (quieter,
// flatter, slower: the sad end). Both saturate smoothly: 1 − exp(−weighted sum / scale).
import type { BaselineFeature, FeatureValues } from './baseline';

export interface VoiceEvidence {
  /** 0..1 */
  readonly arousal: number;
  /** 0..1 */
  readonly lowness: number;
}

export interface VoiceWeights {
  readonly arousal: Readonly<Record<BaselineFeature, number>>;
  readonly lowness: Readonly<Record<BaselineFeature, number>>;
  /** A weighted z of this size gives 1 − 1/e ≈ 0.63. */
  readonly scale: number;
}

export const DEFAULT_VOICE_WEIGHTS: VoiceWeights = {
  arousal: { energyDb: 0.35, pitchMeanHz: 0.25, pitchRangeHz: 0.2, speakingRateSps: 0.2 },
  lowness: { energyDb: 0.35, pitchMeanHz: 0.15, pitchRangeHz: 0.3, speakingRateSps: 0.2 },
  scale: 2,
};

/** Undefined when no feature was measured; weights are renormalised over the features present. */
export function voiceEvidence(z: FeatureValues, weights: VoiceWeights = DEFAULT_VOICE_WEIGHTS): VoiceEvidence | undefined {
  let up = 0;
  let down = 0;
  let upWeight = 0;
  let downWeight = 0;
  for (const [feature, value] of Object.entries(z) as [BaselineFeature, number][]) {
    const wu = weights.arousal[feature];
    const wd = weights.lowness[feature];
    up += wu * Math.max(0, value);
    down += wd * Math.max(0, -value);
    upWeight += wu;
    downWeight += wd;
  }
  if (upWeight === 0 && downWeight === 0) return undefined;
  const squash = (sum: number, weight: number): number => (weight > 0 ? 1 - Math.exp(-sum / weight / weights.scale) : 0);
  return { arousal: squash(up, upWeight), lowness: squash(down, downWeight) };
}
