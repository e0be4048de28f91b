// Voice-activity detection as a pure step function: (state, one frame's features) → (new state,
// events). No I/O, no clocks, no audio kept: the state is a few numbers (plain JSON), so a caller
// can checkpoint it, and events name frames by index so the caller cuts its own audio.
//
// Idle: a run of onset frames (see classify.ts) that reaches minSpeechFrames, with gaps of at most
//   onsetMaxGapFrames, opens an utterance; it starts preRollFrames before the run (never before
//   the previous utterance's end nor the first frame).
// In an utterance: active frames keep it open. endOfUtteranceFrames of non-active frames after the
//   last active one close it; the audio kept ends hangoverFrames after that frame. An utterance
//   reaching maxUtteranceFrames is cut there; if the caller is still talking, the next one starts
//   at the cut.
// Missing frames (sequence gaps) count as silence and leave the noise floor alone.
import { vadLookbackFrames, type ResolvedVadConfig } from './config';
import { classifyFrame } from './classify';
import type { FrameFeatures } from './features';
import { initialNoiseFloor, noiseFloorDb, updateNoiseFloor, type NoiseFloorState } from './noise-floor';

export interface OpenUtterance {
  /** First frame of the utterance, pre-roll included. */
  readonly startFrame: number;
  readonly lastActiveFrame: number;
  /** Active frames so far. */
  readonly speechFrames: number;
}

export interface VadState {
  /** Index the next frame will have. */
  readonly nextFrame: number;
  /** Index of the first frame: pre-roll never reaches before it. */
  readonly originFrame: number;
  readonly noise: NoiseFloorState;
  /** The onset run being counted (-1: none), its onset frames and its current gap. */
  readonly onsetStart: number;
  readonly onsetFrames: number;
  readonly onsetGap: number;
  readonly utterance: OpenUtterance | null;
  /** End (exclusive) of the previous utterance: pre-roll never overlaps it. */
  readonly lastEndFrame: number;
}

export type EndReason = 'silence' | 'max-length' | 'flush';

export type VadEvent =
  | { readonly type: 'speech-start'; readonly startFrame: number; readonly onsetFrame: number }
  | { readonly type: 'speech-end'; readonly startFrame: number; readonly endFrame: number; readonly speechFrames: number; readonly reason: EndReason };

export interface VadStep {
  readonly state: VadState;
  readonly events: readonly VadEvent[];
}

const NONE: readonly VadEvent[] = Object.freeze([]);

export function initialVadState(originFrame = 0): VadState {
  return { nextFrame: originFrame, originFrame, noise: initialNoiseFloor(), onsetStart: -1, onsetFrames: 0, onsetGap: 0, utterance: null, lastEndFrame: originFrame };
}

/** True while the caller is talking: in an utterance and within the hangover of an active frame. */
export function vadSpeaking(s: VadState, c: ResolvedVadConfig): boolean {
  return s.utterance !== null && s.nextFrame - 1 - s.utterance.lastActiveFrame <= c.hangoverFrames;
}

export function vadNoiseFloorDb(s: VadState, c: ResolvedVadConfig): number {
  return noiseFloorDb(s.noise, c);
}

const idle = (s: VadState, nextFrame: number, noise: NoiseFloorState, lastEndFrame: number): VadState =>
  ({ nextFrame, originFrame: s.originFrame, noise, onsetStart: -1, onsetFrames: 0, onsetGap: 0, utterance: null, lastEndFrame });

function ended(u: OpenUtterance, endFrame: number, reason: EndReason): VadEvent {
  return { type: 'speech-end', startFrame: u.startFrame, endFrame, speechFrames: u.speechFrames, reason };
}

/** One frame of audio, described by its features. */
export function stepVad(s: VadState, f: FrameFeatures, c: ResolvedVadConfig): VadStep {
  const i = s.nextFrame;
  const noise = updateNoiseFloor(s.noise, f.energyDb, c);
  const cls = classifyFrame(f, noiseFloorDb(noise, c), c);
  const u = s.utterance;
  if (u !== null) {
    const open: OpenUtterance = cls.active ? { startFrame: u.startFrame, lastActiveFrame: i, speechFrames: u.speechFrames + 1 } : u;
    if (i - open.lastActiveFrame >= c.endOfUtteranceFrames) {
      const endFrame = open.lastActiveFrame + 1 + c.hangoverFrames;
      return { state: idle(s, i + 1, noise, endFrame), events: [ended(open, endFrame, 'silence')] };
    }
    if (i + 1 - open.startFrame >= c.maxUtteranceFrames) {
      const cut = ended(open, i + 1, 'max-length');
      if (!cls.active) return { state: idle(s, i + 1, noise, i + 1), events: [cut] };
      // Still talking: the next utterance starts right at the cut, no onset wait, no pre-roll.
      const next: OpenUtterance = { startFrame: i + 1, lastActiveFrame: i, speechFrames: 0 };
      return { state: { ...idle(s, i + 1, noise, i + 1), utterance: next }, events: [cut, { type: 'speech-start', startFrame: i + 1, onsetFrame: i + 1 }] };
    }
    return { state: { ...s, nextFrame: i + 1, noise, utterance: open }, events: NONE };
  }

  let { onsetStart, onsetFrames, onsetGap } = s;
  if (cls.onset) {
    if (onsetStart < 0) onsetStart = i;
    onsetFrames++;
    onsetGap = 0;
  } else if (onsetStart >= 0 && ++onsetGap > c.onsetMaxGapFrames) {
    onsetStart = -1;
    onsetFrames = 0;
    onsetGap = 0;
  }
  if (onsetFrames < c.minSpeechFrames) return { state: { ...s, nextFrame: i + 1, noise, onsetStart, onsetFrames, onsetGap }, events: NONE };
  // Confirmed. The caller keeps vadLookbackFrames of audio, so the start never reaches further back.
  const startFrame = Math.max(onsetStart - c.preRollFrames, s.lastEndFrame, s.originFrame, i + 1 - vadLookbackFrames(c));
  const utterance: OpenUtterance = { startFrame, lastActiveFrame: i, speechFrames: onsetFrames };
  return { state: { ...idle(s, i + 1, noise, s.lastEndFrame), utterance }, events: [{ type: 'speech-start', startFrame, onsetFrame: onsetStart }] };
}

/** `frames` frames that never arrived: silence for endpointing, no evidence for the noise floor. */
export function skipVad(s: VadState, frames: number, c: ResolvedVadConfig): VadStep {
  if (frames <= 0) return { state: s, events: NONE };
  const last = s.nextFrame + frames - 1;
  const u = s.utterance;
  if (u !== null) {
    // Whichever comes first inside the gap: the end-of-utterance silence or the length cap.
    const silenceEndsAt = u.lastActiveFrame + c.endOfUtteranceFrames;
    const capReachedAt = u.startFrame + c.maxUtteranceFrames - 1;
    if (silenceEndsAt <= last && silenceEndsAt <= capReachedAt) {
      const endFrame = u.lastActiveFrame + 1 + c.hangoverFrames;
      return { state: idle(s, last + 1, s.noise, endFrame), events: [ended(u, endFrame, 'silence')] };
    }
    if (capReachedAt <= last) {
      const endFrame = u.startFrame + c.maxUtteranceFrames;
      return { state: idle(s, last + 1, s.noise, endFrame), events: [ended(u, endFrame, 'max-length')] };
    }
    return { state: { ...s, nextFrame: last + 1 }, events: NONE };
  }
  if (s.onsetStart >= 0 && s.onsetGap + frames > c.onsetMaxGapFrames) return { state: idle(s, last + 1, s.noise, s.lastEndFrame), events: NONE };
  return { state: { ...s, nextFrame: last + 1, onsetGap: s.onsetStart >= 0 ? s.onsetGap + frames : 0 }, events: NONE };
}

/** The audio stops here (call ended): closes an open utterance; an onset run too short is dropped. */
export function flushVad(s: VadState, c: ResolvedVadConfig): VadStep {
  const u = s.utterance;
  if (u === null) return { state: idle(s, s.nextFrame, s.noise, s.lastEndFrame), events: NONE };
  const endFrame = Math.min(u.lastActiveFrame + 1 + c.hangoverFrames, s.nextFrame);
  return { state: idle(s, s.nextFrame, s.noise, endFrame), events: [ended(u, endFrame, 'flush')] };
}
