// Measurements on PCM16 used by the speech tests.
import type { Pcm16Audio } from '../../src/index';

export function durationMs(audio: Pcm16Audio): number {
  return (audio.samples.length * 1000) / audio.sampleRateHz;
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

/** Share of 20 ms frames louder than `threshold` RMS: speech has many, silence none. */
export function voicedShare(audio: Pcm16Audio, threshold = 300): number {
  const frame = Math.round(audio.sampleRateHz / 50);
  let voiced = 0;
  let frames = 0;
  for (let at = 0; at + frame <= audio.samples.length; at += frame) {
    frames++;
    if (rms(audio.samples.subarray(at, at + frame)) > threshold) voiced++;
  }
  return frames === 0 ? 0 : voiced / frames;
}

/** Power of one frequency (Goertzel), normalised by the signal's length. */
export function powerAt(samples: Int16Array, sampleRateHz: number, frequencyHz: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRateHz);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (samples.length * samples.length);
}
