// Per-frame measurements the VAD decides on, all from one pass over the samples:
// - energy (dBFS) after removing the frame's mean, so a DC offset on the line is not "sound";
// - zero-crossing rate as a frequency (crossings per second / 2): follows the dominant component;
// - RMS frequency from the energy of the first difference: for a spectrum P(f),
//   E[(x[n]-x[n-1])²] / E[x²] = Σ P(f)·2(1 - cos 2πf/fs) / Σ P(f), a cheap second spectral moment
//   that follows where the power is.
// Voiced speech has both in the voice band; hum sits below it, hiss and white noise above it.
import { SILENCE_DB } from './config';

export interface FrameFeatures {
  readonly energyDb: number;
  readonly zeroCrossingHz: number;
  readonly rmsFrequencyHz: number;
}

const FULL_SCALE_SQUARED = 32768 * 32768;

export function frameFeatures(samples: Int16Array, sampleRateHz: number): FrameFeatures {
  const n = samples.length;
  if (n < 2) return { energyDb: SILENCE_DB, zeroCrossingHz: 0, rmsFrequencyHz: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i]!;
  const mean = sum / n;
  let energy = 0;
  let diffEnergy = 0;
  let crossings = 0;
  let prev = samples[0]! - mean;
  energy += prev * prev;
  for (let i = 1; i < n; i++) {
    const x = samples[i]! - mean;
    energy += x * x;
    const d = x - prev;
    diffEnergy += d * d;
    // A crossing is a change of sign; exact zeros count as positive so a flat line never crosses.
    if ((x < 0) !== (prev < 0)) crossings++;
    prev = x;
  }
  const meanSquare = energy / n;
  if (meanSquare * 1e10 < FULL_SCALE_SQUARED) return { energyDb: SILENCE_DB, zeroCrossingHz: 0, rmsFrequencyHz: 0 };
  const energyDb = Math.max(SILENCE_DB, 10 * Math.log10(meanSquare / FULL_SCALE_SQUARED));
  const ratio = diffEnergy / (n - 1) / meanSquare;
  const cos = Math.min(1, Math.max(-1, 1 - ratio / 2));
  return {
    energyDb,
    zeroCrossingHz: (crossings / (n - 1)) * (sampleRateHz / 2),
    rmsFrequencyHz: (Math.acos(cos) * sampleRateHz) / (2 * Math.PI),
  };
}
