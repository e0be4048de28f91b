// Barge-in: while the bot is speaking, the caller interrupts only with sustained speech. Short
// backchannels ("mm-hm", "yeah", "嗯", 150–300 ms) must not stop playback, so caller speech is
// counted in runs: voice-like frames above the onset threshold (classify.ts) add to the run,
// gaps up to bargeInMaxGapMs are bridged (syllable dips), a longer gap closes it. A run reaching
// bargeInMinSpeechMs of speech is a barge-in (reported once per bot turn); a closed run shorter
// than that is reported as a backchannel. Only onset-class frames count, so line echo of the
// bot's own voice (usually well below the caller) and noise do not add up to a barge-in.
// Pure like vad.ts: plain-JSON state, the caller says per frame whether the bot is speaking.
import { resolveVadConfig, type ResolvedVadConfig, type VadConfig } from './config';
import { classifyFrame } from './classify';
import { frameFeatures, type FrameFeatures } from './features';
import { initialNoiseFloor, noiseFloorDb, updateNoiseFloor, type NoiseFloorState } from './noise-floor';

export interface BargeInConfig {
  /** Caller speech needed to interrupt the bot (default 400 ms). */
  readonly bargeInMinSpeechMs: number;
  /** Pauses bridged inside one run of caller speech (default 120 ms). */
  readonly bargeInMaxGapMs: number;
  /** Runs shorter than this are ignored altogether, not even a backchannel (default 60 ms). */
  readonly backchannelMinSpeechMs: number;
  /** Frame, level and voice-band settings shared with the VAD. */
  readonly vad: Partial<VadConfig>;
}

export const DEFAULT_BARGE_IN_CONFIG: BargeInConfig = { bargeInMinSpeechMs: 400, bargeInMaxGapMs: 120, backchannelMinSpeechMs: 60, vad: {} };

export interface ResolvedBargeInConfig {
  readonly vad: ResolvedVadConfig;
  readonly minSpeechFrames: number;
  readonly maxGapFrames: number;
  readonly backchannelMinFrames: number;
}

export function resolveBargeInConfig(overrides: Partial<BargeInConfig> = {}): ResolvedBargeInConfig {
  const c = { ...DEFAULT_BARGE_IN_CONFIG, ...overrides };
  const vad = resolveVadConfig(c.vad);
  if (!(c.bargeInMinSpeechMs > 0 && c.bargeInMaxGapMs >= 0 && c.backchannelMinSpeechMs >= 0 && c.backchannelMinSpeechMs < c.bargeInMinSpeechMs)) {
    throw new Error('invalid barge-in configuration: bargeInMinSpeechMs > 0, bargeInMaxGapMs >= 0, 0 <= backchannelMinSpeechMs < bargeInMinSpeechMs');
  }
  return {
    vad,
    minSpeechFrames: Math.ceil(c.bargeInMinSpeechMs / vad.frameMs),
    maxGapFrames: Math.floor(c.bargeInMaxGapMs / vad.frameMs),
    backchannelMinFrames: Math.ceil(c.backchannelMinSpeechMs / vad.frameMs),
  };
}

export interface BargeInState {
  readonly frame: number;
  readonly noise: NoiseFloorState;
  /** Speech frames of the current run (0: no run), the run's first frame and its current gap. */
  readonly runSpeechFrames: number;
  readonly runStartFrame: number;
  readonly runGapFrames: number;
  /** A barge-in was reported in this bot turn. */
  readonly reported: boolean;
}

export type BargeInEvent =
  /** `frame`: where it was decided; `startFrame`: where the caller's run of speech began. */
  | { readonly type: 'barge-in'; readonly frame: number; readonly startFrame: number; readonly speechMs: number }
  | { readonly type: 'backchannel'; readonly frame: number; readonly startFrame: number; readonly speechMs: number };

export function initialBargeInState(frame = 0): BargeInState {
  return { frame, noise: initialNoiseFloor(), runSpeechFrames: 0, runStartFrame: -1, runGapFrames: 0, reported: false };
}

export interface BargeInStep {
  readonly state: BargeInState;
  readonly event: BargeInEvent | undefined;
}

export function stepBargeIn(s: BargeInState, f: FrameFeatures, botSpeaking: boolean, c: ResolvedBargeInConfig): BargeInStep {
  const noise = updateNoiseFloor(s.noise, f.energyDb, c.vad);
  const frame = s.frame + 1;
  // The floor keeps learning while the bot is silent; runs exist only while it speaks.
  if (!botSpeaking) return { state: { frame, noise, runSpeechFrames: 0, runStartFrame: -1, runGapFrames: 0, reported: false }, event: undefined };
  const speech = classifyFrame(f, noiseFloorDb(noise, c.vad), c.vad).onset;
  const ms = (frames: number): number => frames * c.vad.frameMs;
  if (speech) {
    const runSpeechFrames = s.runSpeechFrames + 1;
    const runStartFrame = s.runSpeechFrames === 0 ? s.frame : s.runStartFrame;
    const next: BargeInState = { frame, noise, runSpeechFrames, runStartFrame, runGapFrames: 0, reported: s.reported };
    if (!s.reported && runSpeechFrames >= c.minSpeechFrames) {
      return { state: { ...next, reported: true }, event: { type: 'barge-in', frame: s.frame, startFrame: runStartFrame, speechMs: ms(runSpeechFrames) } };
    }
    return { state: next, event: undefined };
  }
  if (s.runSpeechFrames === 0) return { state: { ...s, frame, noise }, event: undefined };
  const runGapFrames = s.runGapFrames + 1;
  if (runGapFrames <= c.maxGapFrames) return { state: { ...s, frame, noise, runGapFrames }, event: undefined };
  // The run is over. Short enough to be a backchannel unless it already counted as a barge-in.
  const closed: BargeInState = { frame, noise, runSpeechFrames: 0, runStartFrame: -1, runGapFrames: 0, reported: s.reported };
  const backchannel = !s.reported && s.runSpeechFrames >= c.backchannelMinFrames;
  return { state: closed, event: backchannel ? { type: 'backchannel', frame: s.frame, startFrame: s.runStartFrame, speechMs: ms(s.runSpeechFrames) } : undefined };
}

/** Stateful wrapper: push caller frames with the bot's playback state at that frame. */
export class BargeInDetector {
  readonly config: ResolvedBargeInConfig;
  private current: BargeInState;

  constructor(config: Partial<BargeInConfig> = {}, state?: BargeInState) {
    this.config = resolveBargeInConfig(config);
    this.current = state ?? initialBargeInState();
  }

  get state(): BargeInState {
    return this.current;
  }

  push(frame: Int16Array, botSpeaking: boolean): BargeInEvent | undefined {
    const { vad } = this.config;
    if (frame.length !== vad.samplesPerFrame) throw new RangeError(`a barge-in frame has ${vad.samplesPerFrame} samples, got ${frame.length}`);
    const step = stepBargeIn(this.current, frameFeatures(frame, vad.sampleRateHz), botSpeaking, this.config);
    this.current = step.state;
    return step.event;
  }
}
