// Cuts a call's audio into utterances: frames go through the VAD, and the segmenter keeps just
// enough audio to hand back each utterance whole — a short look-back ring (pre-roll and the onset
// run) and the open utterance. Frames are numbered by the call's media sequence, so an utterance's
// frames are its position in the call; frames that never arrived become silence inside it.
//
// Early cuts: once the silence after the last voiced frame reaches `earlyFrames` (shorter than the
// VAD's end-of-utterance silence), `takeEarly()` hands back the utterance as it would be cut if
// the caller stays silent: same frames, same samples. A recognition started on it then runs while
// the end-of-utterance silence is still being counted; if the caller speaks again, the final cut
// ends later and the early one is simply not used.
//
// The VAD state is plain JSON (`vadState`); the audio is not. Resuming from a VAD state alone
// (a checkpoint) loses the utterance that was open: its audio is gone, and half an utterance is
// worse for recognition than none, so it is counted (`takeLost`) and not returned.
import type { ResolvedVadConfig } from '../vad/config';
import { vadLookbackFrames } from '../vad/config';
import { VoiceActivityDetector } from '../vad/detector';
import type { EndReason, VadEvent, VadState } from '../vad/vad';

export interface CutUtterance {
  /** First frame (media sequence), pre-roll included. */
  readonly startFrame: number;
  /** End, exclusive. */
  readonly endFrame: number;
  /** endFrame - startFrame frames of linear PCM (missing frames as silence). */
  readonly samples: Int16Array;
  readonly sampleRateHz: number;
  /** Frames the VAD judged active. */
  readonly speechFrames: number;
  readonly reason: EndReason;
}

interface OpenAudio {
  readonly startFrame: number;
  /** Index = frame - startFrame; undefined where a frame is missing. */
  readonly frames: (Int16Array | undefined)[];
}

interface RecentFrame {
  readonly frame: number;
  readonly samples: Int16Array;
}

export class UtteranceSegmenter {
  private readonly vad: VoiceActivityDetector;
  private readonly lookback: number;
  private recent: RecentFrame[] = [];
  private open: OpenAudio | undefined;
  /** Start of an utterance whose audio was lost with a restart (resumed mid-utterance). */
  private lostStart: number | undefined;
  private lost = 0;
  /** The last active frame an early cut was handed out for (one per pause). */
  private earlyAfter = -1;

  /** `earlyFrames`: silence (frames) after the last voiced one that triggers an early cut; 0 = never. */
  constructor(
    readonly config: ResolvedVadConfig,
    resume: { readonly vadState: VadState } | { readonly originFrame: number },
    private readonly earlyFrames = 0,
  ) {
    if (earlyFrames !== 0 && (earlyFrames < config.hangoverFrames || earlyFrames >= config.endOfUtteranceFrames)) {
      throw new Error(`early cut after ${earlyFrames} silent frames: must lie between the hangover (${config.hangoverFrames}) and the end-of-utterance silence (${config.endOfUtteranceFrames}, exclusive)`);
    }
    if ('vadState' in resume) {
      this.vad = new VoiceActivityDetector(config, resume.vadState);
      this.lostStart = resume.vadState.utterance?.startFrame;
    } else {
      this.vad = new VoiceActivityDetector(config, undefined, resume.originFrame);
    }
    this.lookback = vadLookbackFrames(config);
  }

  /** Utterances lost with a restart since the last call (0 or 1 in practice). */
  takeLost(): number {
    const n = this.lost;
    this.lost = 0;
    return n;
  }

  get vadState(): VadState {
    return this.vad.state;
  }

  /** Sequence the next pushed frame has. */
  get nextFrame(): number {
    return this.vad.nextFrame;
  }

  /** True while an utterance is open (its audio is being kept). */
  get inUtterance(): boolean {
    return this.vad.state.utterance !== null;
  }

  push(samples: Int16Array): CutUtterance[] {
    const frame = this.vad.nextFrame;
    if (this.open) this.open.frames[frame - this.open.startFrame] = samples;
    this.recent.push({ frame, samples });
    // The ring only ever needs the last `lookback` frames.
    while (this.recent.length > 0 && frame - this.recent[0]!.frame >= this.lookback) this.recent.shift();
    return this.apply(this.vad.push(samples));
  }

  /**
   * The open utterance as it will be cut if no more voice comes, once per pause, when the pause
   * has lasted `earlyFrames`; else undefined. Its samples equal the final cut's when the caller
   * stays silent (frames that arrive late are dropped before the segmenter, never filled in).
   */
  takeEarly(): CutUtterance | undefined {
    const u = this.vad.state.utterance;
    const open = this.open;
    if (this.earlyFrames === 0 || u === null || open?.startFrame !== u.startFrame) return undefined;
    if (u.lastActiveFrame === this.earlyAfter || this.vad.nextFrame - 1 - u.lastActiveFrame < this.earlyFrames) return undefined;
    this.earlyAfter = u.lastActiveFrame;
    const endFrame = u.lastActiveFrame + 1 + this.config.hangoverFrames;
    return { startFrame: u.startFrame, endFrame, samples: this.concat(open, endFrame), sampleRateHz: this.config.sampleRateHz, speechFrames: u.speechFrames, reason: 'silence' };
  }

  /** Frames that never arrived: silence inside an utterance, silence for endpointing. */
  skip(frames: number): CutUtterance[] {
    return this.apply(this.vad.skip(frames));
  }

  /** The call's audio ended: closes an open utterance. */
  flush(): CutUtterance[] {
    return this.apply(this.vad.flush());
  }

  private apply(events: readonly VadEvent[]): CutUtterance[] {
    const cuts: CutUtterance[] = [];
    for (const e of events) {
      if (e.type === 'speech-start') {
        const frames: (Int16Array | undefined)[] = [];
        for (const r of this.recent) if (r.frame >= e.startFrame) frames[r.frame - e.startFrame] = r.samples;
        this.open = { startFrame: e.startFrame, frames };
        continue;
      }
      const open = this.open;
      this.open = undefined;
      if (open?.startFrame !== e.startFrame) {
        if (this.lostStart === e.startFrame) this.lost++;
        this.lostStart = undefined;
        continue;
      }
      // A cut that continues a capped utterance can end with nothing but the kept tail.
      if (e.speechFrames === 0) continue;
      cuts.push({ startFrame: e.startFrame, endFrame: e.endFrame, samples: this.concat(open, e.endFrame), sampleRateHz: this.config.sampleRateHz, speechFrames: e.speechFrames, reason: e.reason });
    }
    return cuts;
  }

  private concat(open: OpenAudio, endFrame: number): Int16Array {
    const n = this.config.samplesPerFrame;
    const out = new Int16Array((endFrame - open.startFrame) * n);
    for (let i = 0; i < endFrame - open.startFrame; i++) {
      const f = open.frames[i];
      if (f) out.set(f, i * n);
    }
    return out;
  }
}
