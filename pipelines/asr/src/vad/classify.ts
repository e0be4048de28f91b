// What one frame is, given its features and the noise floor before it:
// - `onset`: loud enough above the floor to start speech AND voice-like (zero-crossing rate and
//   RMS frequency in the voice band). Only such frames can open an utterance, so hum, hiss,
//   clicks and white-noise bursts never do on their own.
// - `active`: above the lower continuation threshold (hysteresis). Inside an utterance any active
//   frame keeps it going, voice-like or not, so unvoiced sounds (s, f, sh) do not cut words.
import type { ResolvedVadConfig } from './config';
import type { FrameFeatures } from './features';

export interface FrameClass {
  readonly onset: boolean;
  readonly active: boolean;
}

export function onsetThresholdDb(floorDb: number, c: ResolvedVadConfig): number {
  return Math.max(floorDb + c.onsetMarginDb, c.minSpeechLevelDb);
}

export function continueThresholdDb(floorDb: number, c: ResolvedVadConfig): number {
  return Math.max(floorDb + c.continueMarginDb, c.minSpeechLevelDb - (c.onsetMarginDb - c.continueMarginDb));
}

export function isVoiceLike(f: FrameFeatures, c: ResolvedVadConfig): boolean {
  return f.zeroCrossingHz >= c.voiceMinHz && f.zeroCrossingHz <= c.voiceMaxHz
    && f.rmsFrequencyHz >= c.voiceMinHz && f.rmsFrequencyHz <= c.voiceMaxHz;
}

export function classifyFrame(f: FrameFeatures, floorDb: number, c: ResolvedVadConfig): FrameClass {
  const active = f.energyDb >= continueThresholdDb(floorDb, c);
  return { active, onset: active && f.energyDb >= onsetThresholdDb(floorDb, c) && isVoiceLike(f, c) };
}
