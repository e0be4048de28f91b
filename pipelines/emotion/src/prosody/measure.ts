// Prosody of one utterance: level, pitch, speaking rate and pauses. The ASR calls this on every
// utterance it cuts, so it is one pass over energy frames plus YIN on the active frames only.
import type { ProsodyFeatures } from '@switchboard/contracts';
import type { Pcm16Audio } from '@switchboard/speech';
import { decimate, lowPass } from './filter';
import { activity, energyTrack, silenceThresholdDb } from './frames';
import { DEFAULT_PROSODY_OPTIONS, SILENCE_DB, type ProsodyOptions } from './options';
import { cleanPitchTrack, trackPitch } from './pitch';
import { percentileSorted, powerToDb } from './stats';
import { countNuclei } from './syllables';

const PITCH_RATE_HZ = 4000;
const PITCH_CUTOFF_HZ = 1000;
const NO_SPEECH: ProsodyFeatures = { energyDb: SILENCE_DB, pitchMeanHz: 0, pitchRangeHz: 0, speakingRateSps: 0, pauseRatio: 1 };

/**
 * Measures an utterance of mono 16-bit PCM.
 * - energyDb: RMS level of the voiced frames (of the active frames if none is voiced), dB re
 *   full scale (a full-scale square wave is 0 dB, a full-scale sine −3 dB).
 * - pitchMeanHz / pitchRangeHz: mean and p10–p90 spread of F0 over voiced frames; 0 when unvoiced.
 * - speakingRateSps: syllable nuclei per second of speech (pauses excluded).
 * - pauseRatio: share of the time between the first and the last active frame spent in pauses.
 */
export function measureProsody(audio: Pcm16Audio, options: Partial<ProsodyOptions> = {}): ProsodyFeatures {
  const o: ProsodyOptions = { ...DEFAULT_PROSODY_OPTIONS, ...options };
  const sr = audio.sampleRateHz;
  if (!(sr > 0)) throw new RangeError(`sample rate must be positive, got ${sr}`);
  if (!(o.minPitchHz > 0 && o.minPitchHz < o.maxPitchHz && o.maxPitchHz < sr / 2)) {
    throw new RangeError(`pitch range ${o.minPitchHz}–${o.maxPitchHz} Hz does not fit a ${sr} Hz signal`);
  }
  const hop = Math.max(1, Math.round((sr * o.hopMs) / 1000));
  const frames = (ms: number): number => Math.max(1, Math.round(ms / o.hopMs));

  const x = new Float32Array(audio.samples.length);
  for (let i = 0; i < x.length; i++) x[i] = audio.samples[i]! / 32768;

  const energy = energyTrack(x, hop, SILENCE_DB);
  const thresholdDb = silenceThresholdDb(energy.db, o);
  const act = activity(energy.db, thresholdDb, frames(o.minPauseMs));
  if (act.first < 0) return { ...NO_SPEECH };

  // Pitch runs on a low-passed copy, searched at ~4 kHz (see filter.ts and pitch.ts).
  const fine = lowPass(x, sr, PITCH_CUTOFF_HZ);
  const factor = Math.max(1, Math.floor(sr / PITCH_RATE_HZ));
  const f0 = trackPitch({ fine, coarse: decimate(fine, factor), factor, sampleRateHz: sr }, act.active, {
    hop,
    window: Math.round((sr * o.pitchWindowMs) / 1000),
    minLag: Math.floor(sr / o.maxPitchHz),
    maxLag: Math.ceil(sr / o.minPitchHz),
    threshold: o.yinThreshold,
    maxAperiodicity: o.maxAperiodicity,
  });
  cleanPitchTrack(f0, frames(o.minVoicedMs));

  let voicedPower = 0;
  let voicedFrames = 0;
  let activePower = 0;
  let activeFrames = 0;
  const pitches: number[] = [];
  for (let f = act.first; f <= act.last; f++) {
    if (act.active[f] === 1) {
      activePower += energy.power[f]!;
      activeFrames++;
    }
    if (f0[f]! > 0) {
      voicedPower += energy.power[f]!;
      voicedFrames++;
      pitches.push(f0[f]!);
    }
  }
  const energyDb = voicedFrames > 0 ? powerToDb(voicedPower / voicedFrames, SILENCE_DB) : powerToDb(activePower / activeFrames, SILENCE_DB);

  pitches.sort((a, b) => a - b);
  const pitchMeanHz = pitches.length > 0 ? pitches.reduce((s, v) => s + v, 0) / pitches.length : 0;
  const pitchRangeHz = pitches.length > 0 ? percentileSorted(pitches, 0.9) - percentileSorted(pitches, 0.1) : 0;

  const spanFrames = act.last - act.first + 1;
  const speechSeconds = ((spanFrames - act.pauseFrames) * o.hopMs) / 1000;
  const nuclei = countNuclei(energy.power, f0, {
    smoothFrames: frames(o.envelopeSmoothingMs) | 1,
    thresholdDb,
    minDipDb: o.minNucleusDipDb,
    floorDb: SILENCE_DB,
  });

  return {
    energyDb,
    pitchMeanHz,
    pitchRangeHz,
    speakingRateSps: speechSeconds > 0 ? nuclei / speechSeconds : 0,
    pauseRatio: act.pauseFrames / spanFrames,
  };
}
