// The caller's own voice baseline: per feature, a running mean and variance (Welford) of the
// utterances heard so far in this conversation, combined with a population prior so the first
// utterance is judged against typical telephone speech rather than against nothing. A caller who
// is always loud soon becomes their own reference; a sudden rise stands out against it.
//
// The prior works as a normal model with unknown mean and variance: the caller's mean gets a
// prior pseudo-count κ0 = within² / between² (small: callers differ far more from each other than
// from themselves, so one utterance already moves the mean most of the way), the within-caller
// variance a pseudo-count ν0. A z-score uses the predictive spread σ·√(1 + 1/κ), which is wide on
// the first utterance and narrows as the caller is heard. The state is plain JSON (checkpointed).
import type { ProsodyFeatures } from '@switchboard/contracts';

export const BASELINE_FEATURES = ['energyDb', 'pitchMeanHz', 'pitchRangeHz', 'speakingRateSps'] as const;
export type BaselineFeature = (typeof BASELINE_FEATURES)[number];
export type FeatureValues = Partial<Record<BaselineFeature, number>>;

export interface FeaturePrior {
  /** Typical value over callers. */
  readonly mean: number;
  /** Spread of callers' own means around it. */
  readonly betweenSd: number;
  /** Typical spread of one caller's utterances around their own mean. */
  readonly withinSd: number;
  /** The spread never shrinks below this (a very steady caller must not make noise look huge). */
  readonly minSd: number;
}

export interface BaselineOptions {
  readonly priors: Readonly<Record<BaselineFeature, FeaturePrior>>;
  /** ν0: pseudo-count of the prior within-caller variance. */
  readonly priorVarianceWeight: number;
  /** Beyond this many utterances older ones fade, so the baseline follows a drifting caller. */
  readonly maxCount: number;
  readonly maxAbsZ: number;
  /** Utterances quieter than this (dB re full scale) carry no voice evidence. */
  readonly minEnergyDb: number;
}

// 8 kHz telephone speech as measured by measureProsody (energy in dB re full scale).
export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = {
  priors: {
    energyDb: { mean: -26, betweenSd: 6, withinSd: 3, minSd: 1.5 },
    pitchMeanHz: { mean: 165, betweenSd: 45, withinSd: 15, minSd: 5 },
    pitchRangeHz: { mean: 70, betweenSd: 25, withinSd: 20, minSd: 8 },
    speakingRateSps: { mean: 4.5, betweenSd: 1, withinSd: 0.8, minSd: 0.3 },
  },
  priorVarianceWeight: 3,
  maxCount: 30,
  maxAbsZ: 4,
  minEnergyDb: -70,
};

/** The caller's own data only (the prior is applied when reading). */
export interface RunningStat {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean (Welford's M2). */
  m2: number;
}

export interface CallerBaseline {
  features: Record<BaselineFeature, RunningStat>;
}

export function newBaseline(): CallerBaseline {
  const stat = (): RunningStat => ({ n: 0, mean: 0, m2: 0 });
  return { features: { energyDb: stat(), pitchMeanHz: stat(), pitchRangeHz: stat(), speakingRateSps: stat() } };
}

/** The features an utterance's prosody actually measured: no pitch when unvoiced, nothing when silent. */
export function voiceFeatures(p: ProsodyFeatures, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): FeatureValues {
  if (!(p.energyDb >= options.minEnergyDb)) return {};
  const out: FeatureValues = { energyDb: p.energyDb };
  if (p.pitchMeanHz > 0) {
    out.pitchMeanHz = p.pitchMeanHz;
    out.pitchRangeHz = p.pitchRangeHz;
    // Nuclei are voiced peaks: without voicing the rate measures nothing.
    if (p.speakingRateSps > 0) out.speakingRateSps = p.speakingRateSps;
  }
  return out;
}

/** Predictive mean and spread of the caller's next value of one feature. */
export function expected(stat: RunningStat, prior: FeaturePrior, options: BaselineOptions): { mean: number; sd: number } {
  const kappa0 = (prior.withinSd * prior.withinSd) / (prior.betweenSd * prior.betweenSd);
  const kappa = kappa0 + stat.n;
  const mean = (kappa0 * prior.mean + stat.n * stat.mean) / kappa;
  const nu0 = options.priorVarianceWeight;
  const variance = (nu0 * prior.withinSd * prior.withinSd + stat.m2) / (nu0 + stat.n);
  return { mean, sd: Math.max(prior.minSd, Math.sqrt(variance * (1 + 1 / kappa))) };
}

/** z-scores of an utterance against the baseline as it was before this utterance. */
export function zScores(baseline: CallerBaseline, values: FeatureValues, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): FeatureValues {
  const out: FeatureValues = {};
  for (const f of BASELINE_FEATURES) {
    const x = values[f];
    if (x === undefined || !Number.isFinite(x)) continue;
    const e = expected(baseline.features[f], options.priors[f], options);
    out[f] = Math.max(-options.maxAbsZ, Math.min(options.maxAbsZ, (x - e.mean) / e.sd));
  }
  return out;
}

/** Adds an utterance to the baseline in place (Welford; exponential forgetting past maxCount). */
export function updateBaseline(baseline: CallerBaseline, values: FeatureValues, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): void {
  for (const f of BASELINE_FEATURES) {
    const x = values[f];
    if (x === undefined || !Number.isFinite(x)) continue;
    const s = baseline.features[f];
    const full = s.n >= options.maxCount;
    if (!full) s.n++;
    const delta = x - s.mean;
    s.mean += delta / s.n;
    // At the cap, n stays put and the old M2 loses a 1/n share: an exponentially weighted variance.
    s.m2 = (full ? (s.m2 * (s.n - 1)) / s.n : s.m2) + delta * (x - s.mean);
  }
}

/** Validates a checkpointed baseline (restore must throw on a shape it cannot read). */
export function parseBaseline(saved: unknown): CallerBaseline {
  const features = (saved as { features?: unknown } | null)?.features as Record<string, unknown> | undefined;
  if (typeof features !== 'object' || features === null) throw new Error('baseline checkpoint has no features');
  const out = newBaseline();
  for (const f of BASELINE_FEATURES) {
    const s = features[f] as Partial<RunningStat> | undefined;
    if (typeof s?.n !== 'number' || typeof s.mean !== 'number' || typeof s.m2 !== 'number' || !Number.isFinite(s.mean) || !Number.isFinite(s.m2) || s.n < 0) {
      throw new Error(`baseline checkpoint has a bad ${f}`);
    }
    out.features[f] = { n: s.n, mean: s.mean, m2: s.m2 };
  }
  return out;
}
