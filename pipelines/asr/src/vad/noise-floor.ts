// Adaptive noise floor by minimum statistics: the floor is the lowest frame energy seen over the
// last `noiseFloorWindowMs`. Speech always has dips (pauses, stop closures, breaths) within a
// second or two, so the minimum tracks the background even while someone talks, falls at once
// when the line gets quieter and rises within one window when the background gets louder — with
// no speech/non-speech decision feeding back into it (which is how simpler trackers lock up).
// Two corrections keep the floor near the noise's mean rather than its lowest dips (a floor too
// low lets ordinary noise frames pass for speech and keeps utterances from ending): frame powers
// are smoothed over a few frames before the minimum is taken, and noiseFloorBiasDb is added.
// The window is kept as NOISE_SUB_WINDOWS minima of sub-windows: a few numbers, plain JSON.
import { NOISE_SUB_WINDOWS, type ResolvedVadConfig } from './config';

/** Above any frame energy (dBFS ≤ 0): marks a sub-window with no frames yet. */
const NO_DATA_DB = 0;

/** Weight of a new frame in the smoothed power: short enough that an 80 ms dip in speech still reaches the floor. */
const SMOOTHING = 0.5;

export interface NoiseFloorState {
  /** Smoothed frame power relative to full scale (-1: no frame yet). */
  readonly smoothedPower: number;
  /** Minimum of each completed sub-window, oldest overwritten first. */
  readonly windowMinsDb: readonly number[];
  /** Next slot of windowMinsDb to overwrite. */
  readonly slot: number;
  /** Minimum of the sub-window being filled and how many frames it has. */
  readonly currentMinDb: number;
  readonly currentFrames: number;
}

export function initialNoiseFloor(): NoiseFloorState {
  return { smoothedPower: -1, windowMinsDb: new Array<number>(NOISE_SUB_WINDOWS).fill(NO_DATA_DB), slot: 0, currentMinDb: NO_DATA_DB, currentFrames: 0 };
}

/** Takes one frame's energy into the window. */
export function updateNoiseFloor(s: NoiseFloorState, energyDb: number, c: ResolvedVadConfig): NoiseFloorState {
  const power = 10 ** (energyDb / 10);
  const smoothedPower = s.smoothedPower < 0 ? power : s.smoothedPower + SMOOTHING * (power - s.smoothedPower);
  const currentMinDb = Math.min(s.currentMinDb, 10 * Math.log10(smoothedPower));
  const currentFrames = s.currentFrames + 1;
  if (currentFrames < c.noiseSubWindowFrames) return { smoothedPower, windowMinsDb: s.windowMinsDb, slot: s.slot, currentMinDb, currentFrames };
  // Sub-window complete: it replaces the oldest one (the array is copied only here, every few frames).
  const windowMinsDb = s.windowMinsDb.slice();
  windowMinsDb[s.slot] = currentMinDb;
  return { smoothedPower, windowMinsDb, slot: (s.slot + 1) % windowMinsDb.length, currentMinDb: NO_DATA_DB, currentFrames: 0 };
}

/** The floor now: the window's minimum plus the bias, never below minNoiseFloorDb. */
export function noiseFloorDb(s: NoiseFloorState, c: ResolvedVadConfig): number {
  let min = s.currentMinDb;
  for (const m of s.windowMinsDb) if (m < min) min = m;
  return Math.max(c.minNoiseFloorDb, min + c.noiseFloorBiasDb);
}
