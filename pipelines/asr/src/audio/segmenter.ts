// Cuts a call's audio into utterances: frames go through the VAD, and the segmenter keeps just
// enough audio to hand back each utterance whole — a short look-back ring (pre-roll and the onset
// run) and the open utterance. Frames are numbered by the call's media sequence, so an utterance's
// frames are its position in the call; frames that never arrived become silence inside it.
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

  constructor(readonly config: ResolvedVadConfig, resume: { readonly vadState: VadState } | { readonly originFrame: number }) {
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
