// Sample-rate conversion of mono PCM16 by windowed-sinc interpolation (band-limited: going down,
// everything above the new Nyquist frequency is filtered out instead of folding back as aliases;
// espeak-ng speaks at 22050 Hz and a telephone call carries 8000 Hz).

/** Zero crossings of the sinc on each side: 16 gives > 70 dB stopband with the Blackman window. */
const ZERO_CROSSINGS = 16;
/** The pass band ends a little below the Nyquist frequency, leaving room for the transition. */
const ROLLOFF = 0.94;

function blackman(x: number): number {
  // x in [-1, 1]; 0 at the ends, 1 in the middle.
  return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
}

/** Output length for `inputLength` samples (the same duration, rounded down). */
export function resampledLength(inputLength: number, fromHz: number, toHz: number): number {
  return Math.floor((inputLength * toHz) / fromHz);
}

/** Converts `samples` from `fromHz` to `toHz`; returns a copy when the rates are equal. */
export function resamplePcm16(samples: Int16Array, fromHz: number, toHz: number): Int16Array {
  if (!Number.isInteger(fromHz) || !Number.isInteger(toHz) || fromHz <= 0 || toHz <= 0) {
    throw new RangeError('sample rates must be positive integers');
  }
  if (fromHz === toHz) return samples.slice();
  const out = new Int16Array(resampledLength(samples.length, fromHz, toHz));
  const step = fromHz / toHz; // input samples per output sample
  // Cut-off as a fraction of the input Nyquist frequency: the lower of the two rates decides.
  const cutoff = Math.min(1, toHz / fromHz) * ROLLOFF;
  const halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
  const last = samples.length - 1;
  for (let n = 0; n < out.length; n++) {
    const centre = n * step;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const end = Math.min(last, Math.floor(centre + halfWidth));
    let acc = 0;
    let gain = 0;
    for (let k = first; k <= end; k++) {
      const d = k - centre;
      const x = Math.PI * cutoff * d;
      const h = (d === 0 ? 1 : Math.sin(x) / x) * blackman(d / halfWidth);
      acc += samples[k]! * h;
      gain += h;
    }
    // Dividing by the taps' sum keeps DC gain at exactly 1, also at the edges where taps are cut.
    const v = gain === 0 ? 0 : Math.round(acc / gain);
    out[n] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
