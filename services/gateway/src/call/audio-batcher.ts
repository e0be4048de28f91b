// Gathers a call's consecutive 20 ms frames into one audio record, so Kafka sees one record per
// GATEWAY_AUDIO_BATCH_FRAMES frames instead of one per frame. A gap in the sequence closes the
// batch early: a chunk's frames are always consecutive (first_sequence + index = frame sequence).
// Frames are copied straight into the record's buffer (audio-record.ts), which becomes its value.
import { randomUUID } from 'node:crypto';
import type { AudioRecordWriter } from './audio-record';

export interface AudioBatch {
  readonly firstSequence: number;
  readonly frameCount: number;
  /** When the batch's first frame arrived (epoch ms); the envelope's occurred_at_ms. */
  readonly firstAtMs: number;
  /** The encoded Envelope carrying the AudioChunk of these frames. */
  readonly value: Uint8Array;
}

export class AudioBatcher {
  private buffer: Buffer;
  private count = 0;
  private firstSequence = 0;
  private firstAtMs = 0;

  constructor(
    private readonly writer: AudioRecordWriter,
    private readonly batchFrames: number,
    private readonly onBatch: (batch: AudioBatch) => void,
    /** Epoch ms; read once per batch (its first frame), not per frame. */
    private readonly clock: () => number = Date.now,
  ) {
    this.buffer = writer.allocate();
  }

  /** Frames waiting in the open batch. */
  get pendingFrames(): number {
    return this.count;
  }

  /** Adds one frame (already validated: exactly one frame long, sequence increasing). */
  add(sequence: number, payload: Uint8Array): void {
    if (this.count > 0 && sequence !== this.firstSequence + this.count) this.flush();
    if (this.count === 0) {
      this.firstSequence = sequence;
      this.firstAtMs = this.clock();
    }
    this.buffer.set(payload, this.writer.payloadOffset + this.count * this.writer.frameBytes);
    this.count += 1;
    if (this.count === this.batchFrames) this.flush();
  }

  /** Emits the open batch, however small (DTMF, call end). */
  flush(): void {
    if (this.count === 0) return;
    const value = this.writer.finish(this.buffer, randomUUID(), this.firstAtMs, this.firstSequence, this.count);
    const batch: AudioBatch = { firstSequence: this.firstSequence, frameCount: this.count, firstAtMs: this.firstAtMs, value };
    // The emitted record keeps the old buffer; the next batch writes into a fresh one.
    this.buffer = this.writer.allocate();
    this.count = 0;
    this.onBatch(batch);
  }
}
