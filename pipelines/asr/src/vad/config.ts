// Voice-activity settings in milliseconds and decibels (what people tune), resolved once into
// frame counts (what the per-frame code compares against). Levels are dBFS: 0 dB is a full-scale
// square wave, a full-scale sine is -3 dB, digital silence is clamped to SILENCE_DB.

export interface VadConfig {
  /** Rate of the linear PCM handed in. */
  readonly sampleRateHz: number;
  /** Duration of one frame; the edge sends 20 ms frames. */
  readonly frameMs: number;
  /** Voice-like frames needed before an utterance is declared (shorter blips are ignored). */
  readonly minSpeechMs: number;
  /** Non-voice frames tolerated inside the onset run (syllable dips) before it starts over. */
  readonly onsetMaxGapMs: number;
  /** Audio kept before the onset, so soft beginnings (fricatives, plosive bursts) are not clipped. */
  readonly preRollMs: number;
  /** Audio kept after the last active frame, so decaying word endings are not clipped. */
  readonly hangoverMs: number;
  /** Silence after the last active frame that ends the utterance. */
  readonly endOfUtteranceSilenceMs: number;
  /** An utterance is cut here even if the caller keeps talking (bounds memory and ASR latency). */
  readonly maxUtteranceMs: number;
  /** Span of the minimum-statistics noise-floor window; longer than any speech run without a dip. */
  readonly noiseFloorWindowMs: number;
  /** Added to the window's minimum: the minimum of a noisy signal sits below its mean. */
  readonly noiseFloorBiasDb: number;
  /** A frame can start speech only this far above the noise floor… */
  readonly onsetMarginDb: number;
  /** …and keeps an utterance going while this far above it (hysteresis: lower than the onset). */
  readonly continueMarginDb: number;
  /** The onset threshold never drops below this level, however quiet the line. */
  readonly minSpeechLevelDb: number;
  /** The noise floor never drops below this level (digital silence would make it -∞). */
  readonly minNoiseFloorDb: number;
  /** Voice band for the onset sanity check: zero-crossing rate and RMS frequency must lie inside. */
  readonly voiceMinHz: number;
  readonly voiceMaxHz: number;
}

export const DEFAULT_VAD_CONFIG: VadConfig = {
  sampleRateHz: 8000,
  frameMs: 20,
  minSpeechMs: 200,
  onsetMaxGapMs: 40,
  preRollMs: 200,
  hangoverMs: 200,
  endOfUtteranceSilenceMs: 600,
  maxUtteranceMs: 15_000,
  noiseFloorWindowMs: 1600,
  noiseFloorBiasDb: 2,
  onsetMarginDb: 10,
  continueMarginDb: 6,
  minSpeechLevelDb: -45,
  minNoiseFloorDb: -70,
  voiceMinHz: 60,
  voiceMaxHz: 1600,
};

/** Energy reported for digital silence (log of zero). */
export const SILENCE_DB = -100;

/** Sub-windows of the noise-floor window (minimum statistics keeps one minimum per sub-window). */
export const NOISE_SUB_WINDOWS = 8;

export interface ResolvedVadConfig extends VadConfig {
  readonly samplesPerFrame: number;
  readonly minSpeechFrames: number;
  readonly onsetMaxGapFrames: number;
  readonly preRollFrames: number;
  readonly hangoverFrames: number;
  readonly endOfUtteranceFrames: number;
  readonly maxUtteranceFrames: number;
  readonly noiseSubWindowFrames: number;
}

const frames = (ms: number, frameMs: number): number => Math.ceil(ms / frameMs);

/** Merges overrides into the defaults, checks them, converts durations to frames. */
export function resolveVadConfig(overrides: Partial<VadConfig> = {}): ResolvedVadConfig {
  const c: VadConfig = { ...DEFAULT_VAD_CONFIG, ...overrides };
  const problems: string[] = [];
  const positive = ['sampleRateHz', 'frameMs', 'minSpeechMs', 'endOfUtteranceSilenceMs', 'maxUtteranceMs', 'noiseFloorWindowMs'] as const;
  for (const k of positive) if (!(Number.isFinite(c[k]) && c[k] > 0)) problems.push(`${k} must be > 0`);
  const nonNegative = ['onsetMaxGapMs', 'preRollMs', 'hangoverMs', 'noiseFloorBiasDb', 'onsetMarginDb', 'continueMarginDb'] as const;
  for (const k of nonNegative) if (!(Number.isFinite(c[k]) && c[k] >= 0)) problems.push(`${k} must be >= 0`);
  const samplesPerFrame = (c.sampleRateHz * c.frameMs) / 1000;
  if (!Number.isInteger(samplesPerFrame)) problems.push('frameMs must be a whole number of samples at sampleRateHz');
  // The end of an utterance is found by counting silence; the kept tail must fit inside it.
  if (c.hangoverMs >= c.endOfUtteranceSilenceMs) problems.push('hangoverMs must be < endOfUtteranceSilenceMs');
  if (c.continueMarginDb > c.onsetMarginDb) problems.push('continueMarginDb must be <= onsetMarginDb');
  if (c.maxUtteranceMs < c.minSpeechMs + c.preRollMs) problems.push('maxUtteranceMs must be >= minSpeechMs + preRollMs');
  if (!(c.voiceMinHz >= 0 && c.voiceMaxHz > c.voiceMinHz)) problems.push('voiceMinHz must be >= 0 and < voiceMaxHz');
  if (problems.length > 0) throw new Error(`invalid VAD configuration: ${problems.join('; ')}`);
  return {
    ...c,
    samplesPerFrame,
    minSpeechFrames: frames(c.minSpeechMs, c.frameMs),
    onsetMaxGapFrames: Math.floor(c.onsetMaxGapMs / c.frameMs),
    preRollFrames: frames(c.preRollMs, c.frameMs),
    hangoverFrames: frames(c.hangoverMs, c.frameMs),
    endOfUtteranceFrames: frames(c.endOfUtteranceSilenceMs, c.frameMs),
    maxUtteranceFrames: frames(c.maxUtteranceMs, c.frameMs),
    noiseSubWindowFrames: Math.max(1, frames(c.noiseFloorWindowMs / NOISE_SUB_WINDOWS, c.frameMs)),
  };
}

/**
 * How many recent frames a caller must keep to honour pre-roll: the onset run (at most every
 * other frame voice-like, bounded by the gap tolerance) plus the pre-roll itself.
 */
export function vadLookbackFrames(c: ResolvedVadConfig): number {
  return c.preRollFrames + c.minSpeechFrames * (c.onsetMaxGapFrames + 1) + 1;
}
