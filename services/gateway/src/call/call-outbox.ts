// One call's ordered way to Kafka. At most one send per call is in flight; records arriving
// meanwhile queue up and leave together when it is acknowledged. That keeps the call's records in
// the order they were produced even if the client retries a failed request (a later request can
// never overtake an earlier one of the same call), and lets "everything so far is acknowledged"
// be awaited, which CallEnded needs. Throughput comes from the producer lingering across calls.
// The queue is kept as parallel arrays swapped out whole on each send: this runs for every audio
// record, and per-record wrapper objects and per-send map/reduce showed up in the profile.
import type { OutboundRecord, Producer } from '@switchboard/runtime';

export interface OutboxHooks {
  /** Records were acknowledged; `frames` of them were audio frames; `queuedAtMs` is when each was pushed (performance.now()). */
  onAcked(frames: number, queuedAtMs: readonly number[], nowMs: number): void;
  /** A send failed after the producer's own retries; `frames` audio frames are lost. */
  onFailed(err: Error, frames: number): void;
}

export class CallOutbox {
  private records: OutboundRecord[] = [];
  private queuedAtMs: number[] = [];
  private queuedFrames = 0;
  private sending = false;
  private failure: Error | undefined;
  private idleWaiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  /** Frames handed to the outbox and not yet acknowledged (queued or in flight). */
  private unackedFrames = 0;

  constructor(
    private readonly producer: Producer,
    private readonly hooks: OutboxHooks,
  ) {}

  get pendingFrames(): number {
    return this.unackedFrames;
  }

  /** Set once a send failed: nothing more is sent. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  push(record: OutboundRecord, frames = 0): void {
    if (this.failure !== undefined) {
      this.hooks.onFailed(this.failure, frames);
      return;
    }
    this.records.push(record);
    this.queuedAtMs.push(performance.now());
    this.queuedFrames += frames;
    this.unackedFrames += frames;
    if (!this.sending) this.sendQueued();
  }

  /** Resolves when every record pushed so far is acknowledged; rejects if one failed. */
  idle(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (!this.sending && this.records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  private sendQueued(): void {
    const records = this.records;
    const queuedAtMs = this.queuedAtMs;
    const frames = this.queuedFrames;
    this.records = [];
    this.queuedAtMs = [];
    this.queuedFrames = 0;
    this.sending = true;
    this.producer.send(records).then(
      () => {
        this.unackedFrames -= frames;
        this.hooks.onAcked(frames, queuedAtMs, performance.now());
        this.afterSend();
      },
      (err: unknown) => {
        this.failure = err instanceof Error ? err : new Error(String(err));
        const lost = frames + this.queuedFrames;
        this.records = [];
        this.queuedAtMs = [];
        this.queuedFrames = 0;
        this.unackedFrames = 0;
        this.hooks.onFailed(this.failure, lost);
        this.afterSend();
      },
    );
  }

  private afterSend(): void {
    if (this.failure === undefined && this.records.length > 0) {
      this.sendQueued();
      return;
    }
    this.sending = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) {
      if (this.failure === undefined) w.resolve();
      else w.reject(this.failure);
    }
  }
}
