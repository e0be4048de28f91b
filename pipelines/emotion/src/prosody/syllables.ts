// Syllable nuclei as peaks of the smoothed energy envelope in voiced regions (after de Jong &
// Wempe 2009): a peak counts when it is voiced, above the silence threshold and separated from
// the previous nucleus by a dip of at least minDipDb on both sides. Unvoiced bursts (fricatives,
// noise) never count, which keeps a hiss-heavy line from inflating the rate.

export interface NucleusParams {
  /** Envelope smoother width in frames (odd). */
  readonly smoothFrames: number;
  readonly thresholdDb: number;
  readonly minDipDb: number;
  readonly floorDb: number;
}

/** Triangular smoothing of frame power, returned in dB. */
export function smoothedEnvelopeDb(power: Float64Array, smoothFrames: number, floorDb: number): Float64Array {
  const half = Math.max(0, (smoothFrames - 1) >> 1);
  const out = new Float64Array(power.length);
  for (let f = 0; f < power.length; f++) {
    let s = 0;
    let w = 0;
    for (let k = -half; k <= half; k++) {
      const i = f + k;
      if (i < 0 || i >= power.length) continue;
      const weight = half + 1 - Math.abs(k);
      s += weight * power[i]!;
      w += weight;
    }
    out[f] = s > 0 ? Math.max(floorDb, 10 * Math.log10(s / w)) : floorDb;
  }
  return out;
}

/** Number of syllable nuclei; f0 (Hz, 0 = unvoiced) decides voicing around each candidate peak. */
export function countNuclei(power: Float64Array, f0: Float64Array, p: NucleusParams): number {
  const env = smoothedEnvelopeDb(power, p.smoothFrames, p.floorDb);
  let count = 0;
  let lastValue = Number.NaN; // level of the last accepted nucleus
  let dip = Number.POSITIVE_INFINITY; // lowest level since it
  for (let f = 0; f < env.length; f++) {
    const v = env[f]!;
    const isPeak = f > 0 && f + 1 < env.length && v > env[f - 1]! && v >= env[f + 1]!;
    const voiced = f0[f]! > 0 || (f > 0 && f0[f - 1]! > 0) || (f + 1 < f0.length && f0[f + 1]! > 0);
    if (!isPeak || !voiced || v < p.thresholdDb) {
      dip = Math.min(dip, v);
      continue;
    }
    if (Number.isNaN(lastValue)) {
      count = 1;
    } else if (lastValue - dip >= p.minDipDb && v - dip >= p.minDipDb) {
      count++;
    } else if (v <= lastValue) {
      // A ripple on the same syllable: keep the higher peak as the reference.
      dip = Math.min(dip, v);
      continue;
    }
    // Either a new nucleus, or a higher peak of the same one that becomes the reference.
    lastValue = v;
    dip = Number.POSITIVE_INFINITY;
  }
  return count;
}
