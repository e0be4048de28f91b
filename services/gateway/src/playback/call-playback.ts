// What the bot says on one call, played out in real time. Audio is sent down the stream as
// PlayAudio chunks of 100 ms, paced by the clock with a small lead (the media side keeps a short
// buffer), so the gateway always knows what the caller is hearing. Meanwhile every caller frame
// goes through the barge-in detector: sustained caller speech over a prompt that allows it stops
// the prompt (StopPlayback, queued prompts dropped); short backchannels ("mm-hm", "嗯") do not.
// Transfers and hang-ups wait in the same queue, so "I'm connecting you now" is heard before the
// call moves; a barge-in drops audio, never them. A prompt may arrive with only its first part
// (`rest` still being synthesized): its whole chunks play, and the rest continues the same prompt
// (chunk indexes go on, `last` marks the real end); if the rest is late, the caller hears a gap
// and the timeline shifts by it, so the gateway still knows what is being heard.
import type { MediaServerMessage } from '@switchboard/contracts';
import type { MediaFormat } from '../call/media-format';

export interface PlaybackClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_CLOCK: PlaybackClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => { clearTimeout(h as NodeJS.Timeout); },
};

/** Caller speech over the bot, decided per 20 ms frame of the call's audio. */
export interface BargeInJudge {
  /** `botSpeaking`: a prompt that allows barge-in is playing at this frame. */
  push(callerFrame: Buffer, botSpeaking: boolean): 'barge-in' | 'backchannel' | undefined;
}

export type PlaybackEvent =
  | { readonly type: 'started'; readonly actionId: string; readonly atMs: number }
  | { readonly type: 'finished'; readonly actionId: string; readonly playedMs: number }
  | { readonly type: 'barged-in'; readonly actionId: string; readonly playedMs: number }
  | { readonly type: 'backchannel'; readonly actionId: string };

const IDLE_JUDGE_EVERY = 5;

type Item =
  | { readonly kind: 'audio'; readonly actionId: string; readonly audio: Buffer; readonly bargeInAllowed: boolean; readonly rest: Promise<Buffer> | undefined }
  | { readonly kind: 'control'; readonly message: MediaServerMessage; readonly then: (() => void) | undefined };

export interface CallPlaybackOptions {
  readonly format: MediaFormat;
  readonly send: (message: MediaServerMessage) => void;
  readonly judge: BargeInJudge;
  readonly onEvent?: (event: PlaybackEvent) => void;
  readonly clock?: PlaybackClock;
  /** Audio per PlayAudio message. Default 100 ms (5 frames). */
  readonly chunkMs?: number;
  /** How far ahead of real time audio is sent. Default 200 ms. */
  readonly leadMs?: number;
}

interface Playing {
  readonly actionId: string;
  audio: Buffer;
  readonly bargeInAllowed: boolean;
  startedAtMs: number;
  durationMs: number;
  /** The rest of the prompt is still being synthesized. */
  pending: boolean;
  nextChunk: number;
  timer: unknown;
}

export class CallPlayback {
  private readonly queue: Item[] = [];
  private playing: Playing | undefined;
  private closed = false;
  private idleFrames = 0;
  private readonly clock: PlaybackClock;
  private readonly chunkBytes: number;
  private readonly chunkMs: number;
  private readonly leadMs: number;

  constructor(private readonly o: CallPlaybackOptions) {
    this.clock = o.clock ?? REAL_CLOCK;
    this.chunkMs = o.chunkMs ?? 100;
    this.leadMs = o.leadMs ?? 200;
    this.chunkBytes = (o.format.frameBytes * this.chunkMs) / 20;
  }

  /**
   * A prompt to play once what is ahead of it has played. Empty audio plays as nothing. `rest`:
   * the audio that follows, still being made (it must resolve, empty when there is none).
   */
  play(actionId: string, audio: Buffer, bargeInAllowed: boolean, rest?: Promise<Buffer>): void {
    if (this.closed) return;
    this.queue.push({ kind: 'audio', actionId, audio, bargeInAllowed, rest });
    this.pump();
  }

  /** A message (transfer, hang-up) to send once what is ahead of it has played; `then` runs after. */
  after(message: MediaServerMessage, then?: () => void): void {
    if (this.closed) return;
    this.queue.push({ kind: 'control', message, then });
    this.pump();
  }

  /** Whether the caller is hearing the bot right now. */
  get speaking(): boolean {
    return this.playing !== undefined && this.clock.now() < this.playing.startedAtMs + this.playing.durationMs;
  }

  /**
   * Every caller frame, in order: barge-in is judged only while a prompt allowing it is heard.
   * Between prompts only every 5th frame reaches the judge, enough to keep its noise floor
   * current at a fifth of the cost (the gateway carries thousands of calls).
   */
  onCallerFrame(frame: Buffer): void {
    const p = this.playing;
    if (p === undefined && this.idleFrames++ % IDLE_JUDGE_EVERY !== 0) return;
    const verdict = this.o.judge.push(frame, p !== undefined && p.bargeInAllowed && this.speaking);
    if (p === undefined || verdict === undefined) return;
    if (verdict === 'backchannel') {
      this.o.onEvent?.({ type: 'backchannel', actionId: p.actionId });
      return;
    }
    this.o.onEvent?.({ type: 'barged-in', actionId: p.actionId, playedMs: Math.round(this.clock.now() - p.startedAtMs) });
    this.stopCurrent();
    // The caller is talking: prompts still queued would answer what they said before.
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.kind === 'audio') this.queue.splice(i, 1);
    this.pump();
  }

  /** The call is over: nothing more is sent. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.playing !== undefined) this.clock.clearTimeout(this.playing.timer);
    this.playing = undefined;
  }

  private stopCurrent(): void {
    const p = this.playing;
    if (p === undefined) return;
    this.clock.clearTimeout(p.timer);
    this.playing = undefined;
    this.o.send({ stopPlayback: { actionId: p.actionId } });
  }

  private pump(): void {
    while (!this.closed && this.playing === undefined && this.queue.length > 0) {
      const item = this.queue.shift()!;
      if (item.kind === 'control') {
        this.o.send(item.message);
        item.then?.();
        continue;
      }
      if (item.audio.length === 0 && item.rest === undefined) continue;
      const now = this.clock.now();
      const p: Playing = {
        actionId: item.actionId, audio: item.audio, bargeInAllowed: item.bargeInAllowed, startedAtMs: now,
        durationMs: this.durationOf(item.audio), pending: item.rest !== undefined, nextChunk: 0, timer: undefined,
      };
      this.playing = p;
      void item.rest?.then((rest) => { this.extend(p, rest); });
      this.o.onEvent?.({ type: 'started', actionId: item.actionId, atMs: now });
      this.sendDue();
    }
  }

  private durationOf(audio: Buffer): number {
    return (audio.length / this.o.format.frameBytes) * 20;
  }

  /** The rest of a prompt arrived: it continues the prompt (unless that was stopped meanwhile). */
  private extend(p: Playing, rest: Buffer): void {
    if (this.playing !== p || this.closed) return;
    // Chunks not sent in time were not heard in time: the caller heard a gap.
    const lateMs = this.clock.now() - (p.startedAtMs + p.nextChunk * this.chunkMs);
    if (lateMs > 0) p.startedAtMs += lateMs;
    p.audio = Buffer.concat([p.audio, rest]);
    p.durationMs = this.durationOf(p.audio);
    p.pending = false;
    this.clock.clearTimeout(p.timer);
    this.sendDue();
  }

  /** Sends every chunk due by now + lead, then waits for the next one's time (or the end, or the rest). */
  private sendDue(): void {
    const p = this.playing;
    if (p === undefined || this.closed) return;
    // While the rest is on its way only whole chunks go: a short one would end the prompt early.
    const chunks = p.pending ? Math.floor(p.audio.length / this.chunkBytes) : Math.ceil(p.audio.length / this.chunkBytes);
    const elapsedMs = this.clock.now() - p.startedAtMs;
    while (p.nextChunk < chunks && p.nextChunk * this.chunkMs <= elapsedMs + this.leadMs) {
      const i = p.nextChunk++;
      this.o.send({
        play: {
          actionId: p.actionId, codec: this.o.format.codec, sampleRateHz: this.o.format.sampleRateHz,
          audio: p.audio.subarray(i * this.chunkBytes, (i + 1) * this.chunkBytes), chunkIndex: i, last: !p.pending && i === chunks - 1, bargeInAllowed: p.bargeInAllowed,
        },
      });
    }
    // Everything known is sent and the rest is still coming: extend() goes on from here.
    if (p.pending && p.nextChunk >= chunks) return;
    const nextAtMs = p.nextChunk < chunks ? p.nextChunk * this.chunkMs - this.leadMs : p.durationMs;
    p.timer = this.clock.setTimeout(() => {
      if (this.playing !== p) return;
      if (p.nextChunk < chunks) {
        this.sendDue();
        return;
      }
      this.playing = undefined;
      this.o.onEvent?.({ type: 'finished', actionId: p.actionId, playedMs: p.durationMs });
      this.pump();
    }, Math.max(0, p.startedAtMs + nextAtMs - this.clock.now()));
  }
}
