// Tunables of the prosody measurement. Defaults suit 8 kHz telephone speech; every length is in
// milliseconds and converted to samples/frames for the sample rate at hand.

export interface ProsodyOptions {
  /** Analysis hop: energy frames, pitch frames and the envelope all step by this. */
  readonly hopMs: number;
  /** Integration window of the pitch tracker; must hold at least ~2 periods of the lowest pitch. */
  readonly pitchWindowMs: number;
  readonly minPitchHz: number;
  readonly maxPitchHz: number;
  /** YIN: the first dip of the normalised difference below this is taken as the period. */
  readonly yinThreshold: number;
  /** YIN: a frame whose best dip is above this is unvoiced (aperiodic). */
  readonly maxAperiodicity: number;
  /** Frames quieter than (loud speech level − this) are silence. */
  readonly silenceBelowPeakDb: number;
  /** Frames quieter than this (dB re full scale) are always silence. */
  readonly absoluteFloorDb: number;
  /** Silent stretches shorter than this are stop closures, not pauses. */
  readonly minPauseMs: number;
  /** Voiced stretches shorter than this are treated as tracker noise. */
  readonly minVoicedMs: number;
  /** Width of the energy-envelope smoother used to find syllable nuclei. */
  readonly envelopeSmoothingMs: number;
  /** A syllable nucleus must stand this far above the dips on both sides of it. */
  readonly minNucleusDipDb: number;
}

export const DEFAULT_PROSODY_OPTIONS: ProsodyOptions = {
  hopMs: 10,
  pitchWindowMs: 30,
  minPitchHz: 60,
  maxPitchHz: 400,
  yinThreshold: 0.15,
  maxAperiodicity: 0.35,
  silenceBelowPeakDb: 30,
  absoluteFloorDb: -55,
  minPauseMs: 150,
  minVoicedMs: 30,
  envelopeSmoothingMs: 50,
  minNucleusDipDb: 2,
};

/** dB value used for digital silence, so no -Infinity ever reaches a protobuf float. */
export const SILENCE_DB = -100;
