// Synthetic test signals with known answers: harmonic "voices" of known F0 (fixed or gliding),
// amplitude modulation at a known syllable rate, inserted silences.
import type { Pcm16Audio } from '@switchboard/speech';

export const SR = 8000;

export interface VoiceSpec {
  /** F0 at the start and the end (a linear glide when they differ). */
  readonly f0StartHz: number;
  readonly f0EndHz?: number;
  readonly seconds: number;
  /** Peak amplitude of the sum (16-bit scale). */
  readonly amplitude?: number;
  /** Lowest harmonic present: 1 keeps the fundamental, 3+ mimics the telephone high-pass. */
  readonly firstHarmonic?: number;
  /** Harmonics above this are left out (telephone band). */
  readonly maxHz?: number;
}

/** A band-limited pulse train: equal-amplitude harmonics of a (possibly gliding) F0. */
export function voice(spec: VoiceSpec): Float64Array {
  const n = Math.round(spec.seconds * SR);
  const out = new Float64Array(n);
  const f1 = spec.f0EndHz ?? spec.f0StartHz;
  const first = spec.firstHarmonic ?? 1;
  const maxHz = spec.maxHz ?? 3400;
  let phase = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const f0 = spec.f0StartHz + ((f1 - spec.f0StartHz) * i) / n;
    phase += (2 * Math.PI * f0) / SR;
    let s = 0;
    for (let h = first; h * f0 < maxHz; h++) s += Math.cos(h * phase);
    out[i] = s;
    peak = Math.max(peak, Math.abs(s));
  }
  const scale = (spec.amplitude ?? 8000) / (peak || 1);
  for (let i = 0; i < n; i++) out[i] = out[i]! * scale;
  return out;
}

/** Multiplies by a raised-cosine envelope at rateHz: one "syllable" per period; depth 1 reaches 0. */
export function modulate(signal: Float64Array, rateHz: number, depth = 1): Float64Array {
  return signal.map((v, i) => v * (1 - depth * 0.5 * (1 + Math.cos((2 * Math.PI * rateHz * i) / SR))));
}

export function gain(signal: Float64Array, db: number): Float64Array {
  const g = 10 ** (db / 20);
  return signal.map((v) => v * g);
}

export function silence(seconds: number): Float64Array {
  return new Float64Array(Math.round(seconds * SR));
}

/** Deterministic white noise (xorshift32), uniform in ±amplitude. */
export function whiteNoise(seconds: number, amplitude: number, seed = 7): Float64Array {
  const out = new Float64Array(Math.round(seconds * SR));
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = ((s / 0xffffffff) * 2 - 1) * amplitude;
  }
  return out;
}

export function mix(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v + (b[i] ?? 0));
}

export function concat(...parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function pcm(signal: Float64Array): Pcm16Audio {
  const samples = new Int16Array(signal.length);
  for (let i = 0; i < signal.length; i++) samples[i] = Math.max(-32768, Math.min(32767, Math.round(signal[i]!)));
  return { samples, sampleRateHz: SR };
}
