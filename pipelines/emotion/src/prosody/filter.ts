// Low-pass and decimation ahead of the pitch tracker. Speech periodicity is fully visible below
// ~1 kHz (even with the telephone high-pass at 300 Hz, harmonics 2–10 remain), while sharp
// glottal pulses sampled at 8 kHz have non-integer periods that wreck the difference function at
// integer lags. Filtering smooths them, and halving the rate cuts the YIN cost by four.

/** 4th-order Butterworth low-pass as two RBJ biquads (Q of the two pole pairs). */
const BUTTERWORTH4_Q = [0.5412, 1.3066] as const;

export function lowPass(x: Float32Array, sampleRateHz: number, cutoffHz: number): Float32Array {
  let y = x;
  for (const q of BUTTERWORTH4_Q) y = biquadLowPass(y, sampleRateHz, cutoffHz, q);
  return y;
}

function biquadLowPass(x: Float32Array, sampleRateHz: number, cutoffHz: number, q: number): Float32Array {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b0 = (1 - cos) / 2 / a0;
  const b1 = (1 - cos) / a0;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  const y = new Float32Array(x.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    y[i] = yi;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
  }
  return y;
}

/** Keeps every factor-th sample (the caller has low-passed below the new Nyquist). */
export function decimate(x: Float32Array, factor: number): Float32Array {
  if (factor <= 1) return x;
  const y = new Float32Array(Math.floor(x.length / factor));
  for (let i = 0; i < y.length; i++) y[i] = x[i * factor]!;
  return y;
}
