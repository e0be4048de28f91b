// The bot's speech to the caller: audio from PlayAudio is cut into 20 ms frames and sent one per
// media-clock tick. SSRC, first sequence number and first timestamp are random (RFC 3550 §5.1);
// the sequence number grows by one per packet sent, the timestamp by 160 per tick whether or
// not a packet was sent (it is a clock), and the first packet of each talkspurt carries the
// marker bit (RFC 3551 §4.1). StopPlayback (barge-in) drops that action's frames at once.
import { randomInt } from 'node:crypto';
import type { Codec } from '../sdp/offer';
import { FRAME_SAMPLES, SILENCE_BYTE } from './g711-frames';
import { RTP_HEADER_BYTES, writeRtpHeader } from './rtp-packet';

export interface RtpSenderOptions {
  readonly codec: Codec;
  readonly payloadType: number;
  readonly send: (packet: Buffer) => void;
}

interface QueuedFrame {
  readonly actionId: string;
  readonly payload: Buffer;
}

const random32 = (): number => randomInt(0, 2 ** 32 - 1);

export class RtpSender {
  readonly ssrc = random32();
  readonly counters = { packetsSent: 0, framesStopped: 0 };
  private sequence = randomInt(0, 0x10000);
  private timestamp = random32();
  private queue: QueuedFrame[] = [];
  private head = 0;
  private talking = false;
  /** False before the answer is sent and while the peer does not want our audio (hold). */
  enabled = false;

  constructor(private readonly options: RtpSenderOptions) {}

  /** Frames waiting to be sent. */
  get queuedFrames(): number {
    return this.queue.length - this.head;
  }

  /** Queues `audio` (the call's codec, 8 kHz) as 20 ms frames; a short last frame is padded with silence. */
  enqueue(actionId: string, audio: Uint8Array): void {
    for (let offset = 0; offset < audio.length; offset += FRAME_SAMPLES) {
      const payload = Buffer.alloc(FRAME_SAMPLES, SILENCE_BYTE[this.options.codec]);
      payload.set(audio.subarray(offset, Math.min(offset + FRAME_SAMPLES, audio.length)));
      this.queue.push({ actionId, payload });
    }
  }

  /** Drops every queued frame of `actionId` (barge-in); the next speech starts a new talkspurt. */
  stop(actionId: string): void {
    const before = this.queuedFrames;
    this.queue = this.queue.slice(this.head).filter((f) => f.actionId !== actionId);
    this.head = 0;
    this.counters.framesStopped += before - this.queue.length;
  }

  /** Drops everything queued. */
  clear(): void {
    this.counters.framesStopped += this.queuedFrames;
    this.queue = [];
    this.head = 0;
  }

  /** One 20 ms media-clock tick. */
  tick(): void {
    const timestamp = this.timestamp;
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    if (!this.enabled || this.head >= this.queue.length) {
      this.talking = false;
      return;
    }
    const frame = this.queue[this.head++]!;
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const packet = Buffer.allocUnsafe(RTP_HEADER_BYTES + frame.payload.length);
    writeRtpHeader(packet, { marker: !this.talking, payloadType: this.options.payloadType, sequence: this.sequence, timestamp, ssrc: this.ssrc });
    frame.payload.copy(packet, RTP_HEADER_BYTES);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.talking = true;
    this.counters.packetsSent++;
    this.options.send(packet);
  }
}
