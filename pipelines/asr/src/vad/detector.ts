// The VAD for callers holding PCM frames (the ASR segmenter, the gateway): decodes nothing,
// measures each frame and advances the pure state machine of vad.ts. Its whole state is
// `state` (plain JSON); `new VoiceActivityDetector(config, state)` resumes from it.
import { resolveVadConfig, type ResolvedVadConfig, type VadConfig } from './config';
import { frameFeatures } from './features';
import { flushVad, initialVadState, skipVad, stepVad, vadNoiseFloorDb, vadSpeaking, type VadEvent, type VadState, type VadStep } from './vad';

export class VoiceActivityDetector {
  readonly config: ResolvedVadConfig;
  private current: VadState;

  /** `originFrame` numbers the first frame (e.g. the call's first media sequence). */
  constructor(config: Partial<VadConfig> | ResolvedVadConfig = {}, state?: VadState, originFrame = 0) {
    this.config = 'samplesPerFrame' in config ? config : resolveVadConfig(config);
    this.current = state ?? initialVadState(originFrame);
  }

  get state(): VadState {
    return this.current;
  }

  /** Index the next pushed frame gets. */
  get nextFrame(): number {
    return this.current.nextFrame;
  }

  get speaking(): boolean {
    return vadSpeaking(this.current, this.config);
  }

  get noiseFloorDb(): number {
    return vadNoiseFloorDb(this.current, this.config);
  }

  /** One frame of exactly `config.samplesPerFrame` samples. */
  push(frame: Int16Array): readonly VadEvent[] {
    if (frame.length !== this.config.samplesPerFrame) {
      throw new RangeError(`a VAD frame has ${this.config.samplesPerFrame} samples, got ${frame.length}`);
    }
    return this.apply(stepVad(this.current, frameFeatures(frame, this.config.sampleRateHz), this.config));
  }

  /** Frames that never arrived (a sequence gap). */
  skip(frames: number): readonly VadEvent[] {
    return this.apply(skipVad(this.current, frames, this.config));
  }

  /** End of the audio: closes an open utterance. */
  flush(): readonly VadEvent[] {
    return this.apply(flushVad(this.current, this.config));
  }

  private apply(step: VadStep): readonly VadEvent[] {
    this.current = step.state;
    return step.events;
  }
}
