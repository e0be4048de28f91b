// F0 tracking with YIN (de Cheveigné & Kawahara 2002): the cumulative-mean-normalised difference
// function, first dip under a threshold, parabolic refinement. YIN is robust on telephone audio,
// where the 300 Hz high-pass removes the fundamental: it looks for periodicity, not for a peak
// at F0. Only frames already judged active are analysed, which is most of the saving on an
// utterance with pauses. The search runs on a decimated signal (cheap); the period found is then
// refined on the full-rate signal around it (three lags, so nearly free).
import { median3, percentileSorted } from './stats';

export interface PitchSignal {
  /** Low-passed signal at the full rate, for refinement. */
  readonly fine: Float32Array;
  /** The same decimated by `factor`, for the search. */
  readonly coarse: Float32Array;
  readonly factor: number;
  /** Rate of `fine`. */
  readonly sampleRateHz: number;
}

export interface PitchParams {
  /** Hop in samples of the fine signal. */
  readonly hop: number;
  /** Integration window in fine samples. */
  readonly window: number;
  /** Period bounds in fine samples. */
  readonly minLag: number;
  readonly maxLag: number;
  readonly threshold: number;
  readonly maxAperiodicity: number;
}

/** F0 in Hz of every hop frame; 0 where unvoiced or not analysed. */
export function trackPitch(signal: PitchSignal, active: Uint8Array, p: PitchParams): Float64Array {
  const f0 = new Float64Array(active.length);
  const k = signal.factor;
  const coarse: PitchParams = {
    ...p,
    window: Math.round(p.window / k),
    minLag: Math.max(2, Math.floor(p.minLag / k)),
    maxLag: Math.ceil(p.maxLag / k),
  };
  const span = coarse.window + coarse.maxLag + 1;
  if (signal.coarse.length < span) return f0;
  const d = new Float64Array(coarse.maxLag + 2);
  const raw = new Float64Array(coarse.maxLag + 2);
  for (let f = 0; f < active.length; f++) {
    if (active[f] === 0) continue;
    // The window pair is centred on the hop frame, shifted inwards at the edges of the audio.
    const centre = Math.round(((f + 0.5) * p.hop) / k);
    const start = Math.min(Math.max(0, centre - (span >> 1)), signal.coarse.length - span);
    const period = yinPeriod(signal.coarse, start, coarse, d, raw);
    if (period === 0) continue;
    const fine = refinePeriod(signal.fine, start * k, p.window, period * k);
    f0[f] = signal.sampleRateHz / fine;
  }
  return f0;
}

function difference(x: Float32Array, start: number, window: number, lag: number): number {
  let s = 0;
  for (let j = start, end = start + window; j < end; j++) {
    const diff = x[j]! - x[j + lag]!;
    s += diff * diff;
  }
  return s;
}

/** Period in samples of x (fractional), or 0 when the frame is unvoiced. */
function yinPeriod(x: Float32Array, start: number, p: PitchParams, d: Float64Array, raw: Float64Array): number {
  const { window, minLag, maxLag } = p;
  // Difference function d(τ), normalised as d'(τ) = d(τ)·τ / Σ d(1..τ). Lags are computed in
  // increasing order and the loop stops at the bottom of the first dip under the threshold, so a
  // voiced frame costs lags up to its period only, not up to the longest period allowed.
  let running = 0;
  let deepest = -1;
  let inDip = false;
  let best = -1;
  for (let tau = 1; tau <= maxLag + 1; tau++) {
    const s = difference(x, start, window, tau);
    raw[tau] = s;
    running += s;
    d[tau] = running > 0 ? (s * tau) / running : 1;
    if (tau < minLag) continue;
    if (inDip) {
      if (tau <= maxLag && d[tau]! < d[tau - 1]!) continue;
      best = tau - 1;
      break;
    }
    if (tau > maxLag) break;
    if (d[tau]! < p.threshold) inDip = true;
    if (deepest < 0 || d[tau]! < d[deepest]!) deepest = tau;
  }
  if (best < 0) {
    // No clear dip: take the deepest one, voiced only if it is periodic enough.
    if (deepest < 0 || d[deepest]! > p.maxAperiodicity) return 0;
    best = deepest;
  }
  return best + vertexShift(raw[best - 1]!, raw[best]!, raw[best + 1]!);
}

/** Re-fits the dip of the raw difference on the fine signal around a coarse period estimate. */
function refinePeriod(x: Float32Array, start: number, window: number, period: number): number {
  const lag = Math.round(period);
  if (lag < 2 || start + window + lag + 1 > x.length) return period;
  const a = difference(x, start, window, lag - 1);
  const b = difference(x, start, window, lag);
  const c = difference(x, start, window, lag + 1);
  // Keep the coarse estimate when the fine dip is not bracketed (a noisy frame).
  if (b > a || b > c) return period;
  return lag + vertexShift(a, b, c);
}

/** Offset of a parabola's vertex through three equally spaced points, within ±1. */
function vertexShift(a: number, b: number, c: number): number {
  const curvature = a - 2 * b + c;
  return curvature > 0 ? Math.max(-1, Math.min(1, (0.5 * (a - c)) / curvature)) : 0;
}

/** Frames further than this from the utterance's median F0 (in octaves) are tracker errors. */
const MAX_OCTAVES_FROM_MEDIAN = 0.75;

/**
 * Cleans a raw track in place: a median of three removes isolated octave jumps; frames far from
 * the utterance's median F0 (halving/doubling errors that come in pairs, creak) are dropped; and
 * voiced runs shorter than minRunFrames (tracker noise on consonants) are dropped.
 */
export function cleanPitchTrack(f0: Float64Array, minRunFrames: number): void {
  const raw = Float64Array.from(f0);
  for (let f = 1; f + 1 < raw.length; f++) {
    const a = raw[f - 1]!;
    const b = raw[f]!;
    const c = raw[f + 1]!;
    if (a > 0 && b > 0 && c > 0) f0[f] = median3(a, b, c);
  }
  const voiced = f0.filter((v) => v > 0).sort();
  if (voiced.length === 0) return;
  const median = percentileSorted(voiced, 0.5);
  for (let f = 0; f < f0.length; f++) {
    if (f0[f]! > 0 && Math.abs(Math.log2(f0[f]! / median)) > MAX_OCTAVES_FROM_MEDIAN) f0[f] = 0;
  }
  let runStart = -1;
  for (let f = 0; f <= f0.length; f++) {
    const isVoiced = f < f0.length && f0[f]! > 0;
    if (isVoiced && runStart < 0) runStart = f;
    if (!isVoiced && runStart >= 0) {
      if (f - runStart < minRunFrames) f0.fill(0, runStart, f);
      runStart = -1;
    }
  }
}
