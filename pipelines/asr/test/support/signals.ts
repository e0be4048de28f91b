// Synthetic test audio at 8 kHz, deterministic:
// - voiced(): a harmonic series on a fundamental (like a vowel: most power in the low
//   harmonics), with a slow syllable-rate wobble in loudness;
// - hiss(): white noise (uniform spectrum: not voice-like);
// - rumble(): low-passed noise (most power low: voice-like to the sanity check, like babble);
// - lineNoise(): the quiet white noise of a telephone line between words.
import { noise } from '@switchboard/speech';

export const RATE = 8000;
export const FRAME = 160;

const samplesOf = (ms: number): number => Math.round((ms * RATE) / 1000);

/** Harmonics of f0 up to 3.4 kHz with 1/k amplitudes, peak about `amplitude`. */
export function voiced(ms: number, amplitude = 6000, f0 = 140): Int16Array {
  const n = samplesOf(ms);
  const out = new Int16Array(n);
  const harmonics = Math.floor(3400 / f0);
  let norm = 0;
  for (let k = 1; k <= harmonics; k++) norm += 1 / k;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    let x = 0;
    for (let k = 1; k <= harmonics; k++) x += Math.sin(2 * Math.PI * k * f0 * t) / k;
    const syllable = 0.75 + 0.25 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = Math.round((x / norm) * amplitude * 1.6 * syllable);
  }
  return out;
}

export function hiss(ms: number, amplitude = 6000, seed = 3): Int16Array {
  return noise(samplesOf(ms), amplitude, seed);
}

/** One-pole low-passed white noise, scaled to an RMS of `rms`. */
export function rumble(ms: number, rms = 600, seed = 5): Int16Array {
  const white = noise(samplesOf(ms), 10000, seed);
  const out = new Float64Array(white.length);
  let y = 0;
  let energy = 0;
  for (let i = 0; i < white.length; i++) {
    y = 0.92 * y + 0.08 * white[i]!;
    out[i] = y;
    energy += y * y;
  }
  const scale = rms / Math.sqrt(energy / Math.max(1, out.length));
  return Int16Array.from(out, (v) => Math.round(v * scale));
}

export function lineNoise(ms: number, amplitude = 40, seed = 7): Int16Array {
  return noise(samplesOf(ms), amplitude, seed);
}

export function tone(ms: number, hz: number, amplitude = 6000): Int16Array {
  const n = samplesOf(ms);
  return Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Adds b onto a (same length or shorter), clipping to 16 bits. */
export function mix(a: Int16Array, b: Int16Array): Int16Array {
  return Int16Array.from(a, (v, i) => Math.max(-32768, Math.min(32767, v + (b[i] ?? 0))));
}

export function framesOf(pcm: Int16Array): Int16Array[] {
  const out: Int16Array[] = [];
  for (let i = 0; i + FRAME <= pcm.length; i += FRAME) out.push(pcm.subarray(i, i + FRAME));
  return out;
}

/**
 * Continuous talking: 280 ms syllables (voiced, f0 wandering) separated by 80 ms dips to the line
 * noise, like stop closures and word boundaries. `voicedMask` marks its voice frames.
 */
export function talking(ms: number, amplitude = 6000): { pcm: Int16Array; voicedMask: boolean[] } {
  const parts: Int16Array[] = [];
  const voicedMask: boolean[] = [];
  let left = Math.round(ms / 20);
  for (let k = 0; left > 0; k++) {
    const v = Math.min(14, left);
    parts.push(voiced(v * 20, amplitude, 120 + 15 * (k % 5)));
    for (let i = 0; i < v; i++) voicedMask.push(true);
    left -= v;
    const g = Math.min(4, left);
    if (g > 0) parts.push(lineNoise(g * 20, 40, 100 + k));
    for (let i = 0; i < g; i++) voicedMask.push(false);
    left -= g;
  }
  return { pcm: concat(...parts), voicedMask };
}
