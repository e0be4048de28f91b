// Gathers a call's consecutive 20 ms frames into one AudioChunk payload, so Kafka sees one record
// per GATEWAY_AUDIO_BATCH_FRAMES frames instead of one per frame. A gap in the sequence closes the
// batch early: a chunk's frames are always consecutive (first_sequence + index = frame sequence).

export interface AudioBatch {
  readonly firstSequence: number;
  readonly frameCount: number;
  /** frameCount frames, concatenated. */
  readonly payload: Buffer;
  /** When the batch's first frame arrived (epoch ms). */
  readonly firstAtMs: number;
}

export class AudioBatcher {
  private buffer: Buffer;
  private count = 0;
  private firstSequence = 0;
  private firstAtMs = 0;

  constructor(
    private readonly frameBytes: number,
    private readonly batchFrames: number,
    private readonly onBatch: (batch: AudioBatch) => void,
  ) {
    this.buffer = Buffer.allocUnsafe(frameBytes * batchFrames);
  }

  /** Frames waiting in the open batch. */
  get pendingFrames(): number {
    return this.count;
  }

  /** Adds one frame (already validated: exactly frameBytes long, sequence increasing). */
  add(sequence: number, payload: Uint8Array, nowMs: number): void {
    if (this.count > 0 && sequence !== this.firstSequence + this.count) this.flush();
    if (this.count === 0) {
      this.firstSequence = sequence;
      this.firstAtMs = nowMs;
    }
    this.buffer.set(payload, this.count * this.frameBytes);
    this.count += 1;
    if (this.count === this.batchFrames) this.flush();
  }

  /** Emits the open batch, however small (DTMF, call end). */
  flush(): void {
    if (this.count === 0) return;
    const batch: AudioBatch = {
      firstSequence: this.firstSequence,
      frameCount: this.count,
      payload: this.buffer.subarray(0, this.count * this.frameBytes),
      firstAtMs: this.firstAtMs,
    };
    // The emitted payload keeps the old buffer; the next batch writes into a fresh one.
    this.buffer = Buffer.allocUnsafe(this.frameBytes * this.batchFrames);
    this.count = 0;
    this.onBatch(batch);
  }
}
