// The receive side's playout buffer for one call: RTP payloads are placed by timestamp into
// 20 ms frames (so 30 ms packets, reordering and SSRC changes all come out as an even 20 ms
// sequence), complete frames leave as soon as they are complete, and a frame that is still
// missing is concealed once a packet `reorderFrames` later has arrived, or once the media clock
// says it is overdue by `playoutDelayMs` (the caller paused sending, or the tail of a burst was
// lost). Concealment repeats the last frame fading by 6 dB per frame, then silence.
import type { Codec } from '../sdp/offer';
import { attenuated, FRAME_MS, FRAME_SAMPLES, SILENCE_BYTE } from './g711-frames';

export interface JitterBufferOptions {
  readonly codec: Codec;
  /** A missing frame is given up once a packet this many frames later has arrived. */
  readonly reorderFrames: number;
  /** How long after its scheduled time a missing frame is given up when nothing later came. */
  readonly playoutDelayMs: number;
  /** Each 20 ms frame in order; `payload` is the caller's to keep. */
  readonly onFrame: (payload: Buffer, concealed: boolean) => void;
}

export interface PlayoutCounters {
  framesDelivered: number;
  framesConcealed: number;
  late: number;
  duplicates: number;
  ssrcChanges: number;
  resyncs: number;
}

const RING_FRAMES = 32;
/** A timestamp this many frames ahead of the playout point is a discontinuity, not a gap. */
const MAX_GAP_FRAMES = 250;
/** Faded copies before concealment turns to silence (3 × 20 ms). */
const FADE_FRAMES = 3;
const SEQ_WINDOW = 64;

interface Slot {
  index: number;
  filled: number;
  readonly data: Buffer;
}

export class JitterBuffer {
  readonly counters: PlayoutCounters = { framesDelivered: 0, framesConcealed: 0, late: 0, duplicates: 0, ssrcChanges: 0, resyncs: 0 };
  private readonly slots: Slot[] = [];
  private readonly seen = new Int32Array(SEQ_WINDOW).fill(-1);
  private readonly silence: number;
  private ssrc: number | undefined;
  private baseTimestamp = 0;
  /** Index (from baseTimestamp, in frames) of the next frame to hand out. */
  private next = 0;
  private highest = -1;
  /** Wall time at which frame 0 of this timeline was due; only moves later. */
  private anchorMs = 0;
  private lastFrame: Buffer | undefined;
  private fadeRun = 0;

  constructor(private readonly options: JitterBufferOptions) {
    this.silence = SILENCE_BYTE[options.codec];
    for (let i = 0; i < RING_FRAMES; i++) this.slots.push({ index: -1, filled: 0, data: Buffer.alloc(FRAME_SAMPLES, this.silence) });
  }

  /** One audio packet's payload (`payload` is only read during the call). */
  push(payload: Uint8Array, timestamp: number, sequence: number, ssrc: number, nowMs: number): void {
    if (ssrc !== this.ssrc) {
      if (this.ssrc !== undefined) {
        this.counters.ssrcChanges++;
        this.flushUpTo(this.highest + 1);
      }
      this.restart(timestamp, ssrc, nowMs);
    } else if (this.seen[sequence % SEQ_WINDOW] === sequence) {
      this.counters.duplicates++;
      return;
    }
    let start = (timestamp - this.baseTimestamp) | 0;
    if (start >= (this.next + MAX_GAP_FRAMES) * FRAME_SAMPLES) {
      // Far beyond anything the clock has reached: the sender's timeline jumped.
      this.counters.resyncs++;
      this.flushUpTo(this.highest + 1);
      this.restart(timestamp, ssrc, nowMs);
      start = 0;
    }
    this.seen[sequence % SEQ_WINDOW] = sequence;
    const end = start + payload.length;
    const playoutSample = this.next * FRAME_SAMPLES;
    if (end <= playoutSample) {
      this.counters.late++;
      return;
    }
    const firstFrame = Math.floor(start / FRAME_SAMPLES);
    const lastFrame = Math.floor((end - 1) / FRAME_SAMPLES);
    // Make room: frames that would be overwritten in the ring are given up now.
    if (lastFrame >= this.next + RING_FRAMES) this.flushUpTo(lastFrame - RING_FRAMES + 1);
    for (let f = Math.max(firstFrame, this.next); f <= lastFrame; f++) {
      const slot = this.claim(f);
      const from = Math.max(start, f * FRAME_SAMPLES);
      const to = Math.min(end, (f + 1) * FRAME_SAMPLES);
      slot.data.set(payload.subarray(from - start, to - start), from - f * FRAME_SAMPLES);
      slot.filled += to - from;
    }
    if (lastFrame > this.highest) this.highest = lastFrame;
    // A complete frame that arrives after its scheduled time pushes the schedule later.
    const due = nowMs - this.anchorMs - firstFrame * FRAME_MS;
    if (due > 0) this.anchorMs += due;
    this.release();
  }

  /** The media clock: gives up frames overdue by more than the playout delay. */
  tick(nowMs: number): void {
    if (this.ssrc === undefined) return;
    const dueIndex = Math.floor((nowMs - this.anchorMs - this.options.playoutDelayMs) / FRAME_MS);
    if (dueIndex >= this.next) this.flushUpTo(Math.min(dueIndex + 1, this.next + MAX_GAP_FRAMES));
    this.release();
  }

  private restart(timestamp: number, ssrc: number, nowMs: number): void {
    this.ssrc = ssrc;
    this.baseTimestamp = timestamp;
    this.next = 0;
    this.highest = -1;
    this.anchorMs = nowMs;
    this.seen.fill(-1);
    for (const s of this.slots) s.index = -1;
  }

  private claim(frame: number): Slot {
    const slot = this.slots[frame % RING_FRAMES]!;
    if (slot.index !== frame) {
      slot.index = frame;
      slot.filled = 0;
      slot.data.fill(this.silence);
    }
    return slot;
  }

  /** Hands out complete frames in order, and gives up gaps that later packets have overtaken. */
  private release(): void {
    for (;;) {
      const slot = this.slots[this.next % RING_FRAMES]!;
      if (slot.index === this.next && slot.filled >= FRAME_SAMPLES) this.emit(this.next);
      else if (this.highest >= this.next + this.options.reorderFrames) this.emit(this.next);
      else return;
    }
  }

  /** Hands out every frame before `frame`, concealing what is missing. */
  private flushUpTo(frame: number): void {
    while (this.next < frame) this.emit(this.next);
  }

  private emit(frame: number): void {
    const slot = this.slots[frame % RING_FRAMES]!;
    this.next = frame + 1;
    if (slot.index === frame && slot.filled > 0) {
      const payload = Buffer.from(slot.data);
      slot.index = -1;
      const complete = slot.filled >= FRAME_SAMPLES;
      this.lastFrame = payload;
      this.fadeRun = 0;
      if (complete) this.counters.framesDelivered++;
      else this.counters.framesConcealed++;
      this.options.onFrame(payload, !complete);
      return;
    }
    this.counters.framesConcealed++;
    let payload: Buffer;
    if (this.lastFrame !== undefined && this.fadeRun < FADE_FRAMES) {
      payload = attenuated(this.lastFrame, this.options.codec);
      this.lastFrame = payload;
      this.fadeRun++;
    } else {
      payload = Buffer.alloc(FRAME_SAMPLES, this.silence);
    }
    this.options.onFrame(payload, true);
  }
}
