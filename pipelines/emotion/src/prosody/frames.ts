// Frame energies and the speech/silence decision for one utterance. The threshold adapts to the
// utterance itself (its loud-speech level and noise floor), because telephone levels vary by tens of
// dB between lines and handsets: a fixed threshold would call a quiet line all silence.
import type { ProsodyOptions } from './options';
import { percentileSorted, powerToDb } from './stats';

export interface EnergyTrack {
  /** Mean power of each hop frame (full scale = 1). */
  readonly power: Float64Array;
  /** The same in dB re full scale, floored. */
  readonly db: Float64Array;
}

/** Non-overlapping hop frames; a tail shorter than one hop is left out. */
export function energyTrack(x: Float32Array, hop: number, floorDb: number): EnergyTrack {
  const frames = Math.floor(x.length / hop);
  const power = new Float64Array(frames);
  const db = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let s = 0;
    const start = f * hop;
    for (let j = start; j < start + hop; j++) s += x[j]! * x[j]!;
    power[f] = s / hop;
    db[f] = powerToDb(power[f]!, floorDb);
  }
  return { power, db };
}

/** dB level below which a frame is silence, from the utterance's own level distribution. */
export function silenceThresholdDb(db: Float64Array, options: ProsodyOptions): number {
  if (db.length === 0) return options.absoluteFloorDb;
  const sorted = Float64Array.from(db).sort();
  // p95 rather than the maximum: one click must not raise the bar for the whole utterance.
  const speechDb = percentileSorted(sorted, 0.95);
  const noiseDb = percentileSorted(sorted, 0.05);
  // Just above the noise floor on a noisy line, but never so high that weak speech is cut.
  const noiseBar = Math.min(noiseDb + 6, speechDb - 12);
  return Math.max(options.absoluteFloorDb, speechDb - options.silenceBelowPeakDb, noiseBar);
}

export interface Activity {
  /** 1 where the frame is above the silence threshold. */
  readonly active: Uint8Array;
  /** First and last active frame; -1 when the utterance is all silence. */
  readonly first: number;
  readonly last: number;
  /** Frames inside [first, last] that belong to silent runs of at least minPauseFrames. */
  readonly pauseFrames: number;
}

export function activity(db: Float64Array, thresholdDb: number, minPauseFrames: number): Activity {
  const active = new Uint8Array(db.length);
  let first = -1;
  let last = -1;
  for (let f = 0; f < db.length; f++) {
    if (db[f]! < thresholdDb) continue;
    active[f] = 1;
    if (first < 0) first = f;
    last = f;
  }
  let pauseFrames = 0;
  let run = 0;
  // Only silence inside the speech counts: the ASR's cut carries endpointing padding at both
  // ends, which says nothing about how the caller speaks.
  for (let f = first; first >= 0 && f <= last; f++) {
    if (active[f] === 0) {
      run++;
      continue;
    }
    if (run >= minPauseFrames) pauseFrames += run;
    run = 0;
  }
  return { active, first, last, pauseFrames };
}
